/* verify_worker: a small hand-written C verify worker, the "what could one process do" reference.
 *
 *   BENCH_AMQP_URL=amqp://… verify_worker QUEUE REGISTRY.sqlite OUTCOMES.sqlite TARGET [PREFETCH] [BATCH] [NAME]
 *
 * Consumes pensionpay.verify.v1 tasks (docs/messages.md) from QUEUE with manual acks and a bounded
 * prefetch (1000), checks each body, looks the person up in the registry extract (the
 * `registry_people` table of PensionStore), compares name, birth date and sex, and records one
 * row per task in OUTCOMES.sqlite (`verifications`, bench/sql/outcomes.sql). Group commit: the rows
 * of up to BATCH (500) deliveries go into one transaction (WAL, synchronous=FULL), and only after
 * COMMIT one `multiple` basic.ack covers them all — never an ack before the commit.
 * Stops once TARGET outcomes are in the file (all workers together) and prints tasks/s.
 *
 * What it does NOT do that `pensionpay worker verify` does (see bench/README.md):
 * no beneficiary status / audit / outbox rows, no parking-lot publish (a task pensionpay would park
 * is counted and acknowledged), no retry ladder, no reconnect, no NFD→NFC and no old/new tone
 * placement in names (case, Đ look-alikes and white space are handled), created_at only checked
 * for shape. Single-threaded on purpose: the connection never leaves this thread.
 * Link: -lrabbitmq -lsqlite3 -lcjson. */
#include "bench_amqp.h"

#include <cJSON.h>
#include <sqlite3.h>
#include <sys/time.h>

#define MAX_BODY 65536

/* ---- UTF-8 helpers ---------------------------------------------------------------------- */

/* Decodes one code point at *p (bounded by end); returns -1 on malformed input. */
static long utf8_next(const unsigned char **p, const unsigned char *end) {
    const unsigned char *s = *p;
    long cp;
    int extra;
    if (s[0] < 0x80) { *p = s + 1; return s[0]; }
    else if ((s[0] & 0xE0) == 0xC0) { cp = s[0] & 0x1F; extra = 1; }
    else if ((s[0] & 0xF0) == 0xE0) { cp = s[0] & 0x0F; extra = 2; }
    else if ((s[0] & 0xF8) == 0xF0) { cp = s[0] & 0x07; extra = 3; }
    else return -1;
    if (end - s <= extra) return -1;
    for (int i = 1; i <= extra; i++) {
        if ((s[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
    static const long min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return -1;
    *p = s + extra + 1;
    return cp;
}

static int utf8_valid(const unsigned char *s, size_t len) {
    const unsigned char *p = s, *end = s + len;
    while (p < end)
        if (utf8_next(&p, end) < 0) return 0;
    return 1;
}

/* Characters, not bytes: every byte that does not continue a sequence starts one. */
static size_t utf8_length(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static size_t utf8_put(char *out, long cp) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | cp >> 6); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) { out[0] = (char)(0xE0 | cp >> 12); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[2] = (char)(0x80 | (cp & 0x3F)); return 3; }
    out[0] = (char)(0xF0 | cp >> 18); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F)); out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* White space the worker trims and collapses, as pensionpay's UnicodeText does: ASCII, NBSP, the
 * U+2000 spaces, and zero-width characters (which `is_invisible` drops entirely). */
static int is_space(long cp) { return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000; }
static int is_invisible(long cp) { return (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF; }

/* Lower case for the letters Vietnamese names use (a full Unicode case fold would need ICU):
 * ASCII, Latin-1, Latin Extended-A (Ă Đ Ĩ Ũ…), Ơ, Ư and the Latin Extended Additional block
 * (Ạ…Ỹ, upper case on even code points). The look-alikes Ð (U+00D0, Icelandic eth) and Ɖ are
 * folded into đ, as PersonName.matchKey does. */
static long fold(long cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp == 0xD0 || cp == 0xF0 || cp == 0x189 || cp == 0x256 || cp == 0x110) return 0x111;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
    if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 0) return cp + 1;
    if (cp == 0x1A0 || cp == 0x1AF) return cp + 1;
    if (cp >= 0x1EA0 && cp <= 0x1EF9 && cp % 2 == 0) return cp + 1;
    return cp;
}

/* Name key: folded, invisible characters dropped, white space trimmed and collapsed to one
 * space. Input must be valid UTF-8 (checked on the whole body first). Returns the key's length. */
static size_t name_key(const char *s, char *out, size_t cap) {
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    size_t n = 0;
    int pending_space = 0;
    while (p < end && n + 5 < cap) {
        long cp = utf8_next(&p, end);
        if (cp < 0) break;
        if (is_invisible(cp)) continue;
        if (is_space(cp)) { pending_space = n > 0; continue; }
        if (pending_space) { out[n++] = ' '; pending_space = 0; }
        n += utf8_put(out + n, fold(cp));
    }
    out[n] = '\0';
    return n;
}

/* ---- field rules (docs/messages.md, "The verify body") ------------------------------------ */

/* A trimmed copy of a JSON string member: NULL when absent or null; sets *wrong_type for a
 * non-string value (pensionpay parks such a task). */
static char *string_member(const cJSON *object, const char *name, int *wrong_type) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
    if (!item || cJSON_IsNull(item)) return NULL;
    if (!cJSON_IsString(item)) { *wrong_type = 1; return NULL; }
    /* Trim: keep from the first to the last code point that is neither space nor invisible. */
    const unsigned char *s = (const unsigned char *)item->valuestring, *end = s + strlen(item->valuestring);
    const unsigned char *p = s, *first = NULL, *last_end = s;
    while (p < end) {
        const unsigned char *at = p;
        long cp = utf8_next(&p, end);
        if (cp < 0) break;
        if (!is_space(cp) && !is_invisible(cp)) { if (!first) first = at; last_end = p; }
    }
    if (!first) return strdup("");
    return strndup((const char *)first, (size_t)(last_end - first));
}

struct partial_date { int year, month, day; }; /* 0 = unknown part */

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY or MM/YYYY; year 1850–2200; a real calendar date. */
static int parse_date(const char *s, struct partial_date *d) {
    size_t len = strlen(s);
    memset(d, 0, sizeof *d);
    if (len == 4) d->year = digits(s, 4);
    else if (len == 7 && s[4] == '-') { d->year = digits(s, 4); d->month = digits(s + 5, 2); }
    else if (len == 10 && s[4] == '-' && s[7] == '-') { d->year = digits(s, 4); d->month = digits(s + 5, 2); d->day = digits(s + 8, 2); }
    else if (len == 10 && s[2] == '/' && s[5] == '/') { d->day = digits(s, 2); d->month = digits(s + 3, 2); d->year = digits(s + 6, 4); }
    else if (len == 7 && s[2] == '/') { d->month = digits(s, 2); d->year = digits(s + 3, 4); }
    else return 0;
    if (d->year < 1850 || d->year > 2200 || d->month < 0 || d->day < 0) return 0;
    if (len > 4 && (d->month < 1 || d->month > 12)) return 0;
    if (len == 10) {
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (d->year % 4 == 0 && d->year % 100 != 0) || d->year % 400 == 0;
        if (d->day < 1 || d->day > days[d->month - 1] + (d->month == 2 && leap)) return 0;
    }
    return 1;
}

/* Compared only on the parts both sides know. */
static int dates_agree(const struct partial_date *a, const struct partial_date *b) {
    if (a->year != b->year) return 0;
    if (a->month && b->month && a->month != b->month) return 0;
    if (a->day && b->day && a->day != b->day) return 0;
    return 1;
}

/* 'M', 'F', or 0 when unreadable: M/F, nam/nữ/nu, male/female, any case. */
static char parse_sex(const char *s) {
    char key[64];
    name_key(s, key, sizeof key);
    if (!strcmp(key, "m") || !strcmp(key, "nam") || !strcmp(key, "male")) return 'M';
    if (!strcmp(key, "f") || !strcmp(key, "n\xe1\xbb\xaf") || !strcmp(key, "nu") || !strcmp(key, "female")) return 'F';
    return 0;
}

static int is_period(const char *s) {
    return strlen(s) == 7 && s[4] == '-' && digits(s, 4) >= 1900 && digits(s + 5, 2) >= 1 && digits(s + 5, 2) <= 12;
}

/* ---- one task ----------------------------------------------------------------------------- */

struct outcome {
    char *task_id, *national_id, *period, *detail; /* owned */
    const char *kind;                               /* verified, mismatch, not_found, deceased, invalid */
    char mismatch[40];                              /* "name,date_of_birth,sex" or "" */
};

static sqlite3_stmt *lookup; /* SELECT … FROM registry_people WHERE national_id = ? */
static long parked;

/* Decides one body. Returns 1 with *o filled, or 0 when pensionpay would park the message. */
static int verify(const void *body, size_t len, struct outcome *o) {
    memset(o, 0, sizeof *o);
    if (len > MAX_BODY || !utf8_valid(body, len)) return 0;
    cJSON *root = cJSON_ParseWithLength(body, len);
    if (!cJSON_IsObject(root)) { cJSON_Delete(root); return 0; }
    int wrong = 0, ok = 0;
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    const cJSON *tid = cJSON_GetObjectItemCaseSensitive(root, "task_id"); /* stored exactly as sent */
    char *tid_trimmed = string_member(root, "task_id", &wrong);             /* only to refuse a blank one */
    const cJSON *ben = cJSON_GetObjectItemCaseSensitive(root, "beneficiary");
    char *created = string_member(root, "created_at", &wrong), *period = string_member(root, "period", &wrong);
    char *id = NULL, *name = NULL, *born = NULL, *sex = NULL, *province = NULL;
    if (cJSON_IsObject(ben)) {
        id = string_member(ben, "national_id", &wrong);
        name = string_member(ben, "full_name", &wrong);
        born = string_member(ben, "date_of_birth", &wrong);
        sex = string_member(ben, "sex", &wrong);
        province = string_member(ben, "province_code", &wrong);
    }
    if (wrong || !cJSON_IsString(schema) || strcmp(schema->valuestring, "pensionpay.verify.v1") || !tid_trimmed ||
        !*tid_trimmed || utf8_length(tid->valuestring) > 200 || !created || strlen(created) < 20 || created[10] != 'T' ||
        !period || !is_period(period) || !id || !name || !province || strlen(id) != 12 || digits(id, 6) < 0 || digits(id + 6, 6) < 0)
        goto done;
    ok = 1;
    o->task_id = strdup(tid->valuestring);
    o->national_id = strdup(id);
    o->period = strdup(period);

    /* The claim itself must be usable (no registry call otherwise). */
    char claimed_key[1024], registered_key[1024];
    struct partial_date claimed_date = {0, 0, 0}, registered_date;
    char claimed_sex = 0;
    if (!name_key(name, claimed_key, sizeof claimed_key)) { o->kind = "invalid"; o->detail = strdup("full_name: the full name is empty"); goto done; }
    if (born && *born && !parse_date(born, &claimed_date)) { o->kind = "invalid"; o->detail = strdup("date_of_birth: not a readable date"); goto done; }
    if (sex && *sex && !(claimed_sex = parse_sex(sex))) { o->kind = "invalid"; o->detail = strdup("sex: expected M/F, nam/nữ or male/female"); goto done; }

    sqlite3_bind_text(lookup, 1, id, 12, SQLITE_STATIC);
    int rc = sqlite3_step(lookup);
    if (rc == SQLITE_DONE) { o->kind = "not_found"; }
    else if (rc != SQLITE_ROW) die("registry lookup: %s", sqlite3_errstr(rc));
    else if (!strcmp((const char *)sqlite3_column_text(lookup, 3), "deceased")) {
        /* A recorded death outranks any other difference. */
        o->kind = "deceased";
        const unsigned char *death = sqlite3_column_text(lookup, 4);
        if (death) { char detail[64]; snprintf(detail, sizeof detail, "date of death %s", death); o->detail = strdup(detail); }
    } else {
        name_key((const char *)sqlite3_column_text(lookup, 0), registered_key, sizeof registered_key);
        const unsigned char *reg_born = sqlite3_column_text(lookup, 1), *reg_sex = sqlite3_column_text(lookup, 2);
        if (strcmp(claimed_key, registered_key)) strcat(o->mismatch, "name");
        if (claimed_date.year && reg_born && parse_date((const char *)reg_born, &registered_date) && !dates_agree(&claimed_date, &registered_date))
            strcat(o->mismatch, *o->mismatch ? ",date_of_birth" : "date_of_birth");
        if (claimed_sex && reg_sex && claimed_sex != reg_sex[0]) strcat(o->mismatch, *o->mismatch ? ",sex" : "sex");
        o->kind = *o->mismatch ? "mismatch" : "verified";
    }
    sqlite3_reset(lookup);
done:
    free(tid_trimmed); free(created); free(period); free(id); free(name); free(born); free(sex); free(province);
    cJSON_Delete(root);
    return ok;
}

/* ---- main loop: consume, decide, group commit, multiple-ack --------------------------------- */

static sqlite3 *open_db(const char *path, int flags) {
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) die("cannot open %s: %s", path, sqlite3_errmsg(db));
    sqlite3_busy_timeout(db, 10000); /* several worker processes share the outcomes file */
    return db;
}

static void exec(sqlite3 *db, const char *sql) {
    char *error = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK) die("%s: %s", sql, error);
}

static long committed_rows(sqlite3 *db) {
    /* Rows are only ever inserted, one rowid each, never deleted: max(rowid) is the count, and
     * costs one B-tree descent instead of count(*)'s full scan after every commit. */
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT coalesce(max(rowid), 0) FROM verifications", -1, &st, NULL);
    sqlite3_step(st);
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

int main(int argc, char **argv) {
    if (argc < 5) die("usage: verify_worker QUEUE REGISTRY.sqlite OUTCOMES.sqlite TARGET [PREFETCH] [BATCH] [NAME]");
    const char *queue = argv[1];
    long target = atol(argv[4]);
    int prefetch = argc > 5 ? atoi(argv[5]) : 1000;
    int batch = argc > 6 ? atoi(argv[6]) : 500;
    const char *worker = argc > 7 ? argv[7] : "c-verify";
    if (target <= 0 || prefetch <= 0 || prefetch > 65535 || batch <= 0) die("bad arguments");

    sqlite3 *registry = open_db(argv[2], SQLITE_OPEN_READONLY);
    if (sqlite3_prepare_v2(registry, "SELECT full_name, date_of_birth, sex, status, date_of_death FROM registry_people WHERE national_id = ?", -1, &lookup, NULL))
        die("registry: %s", sqlite3_errmsg(registry));
    sqlite3 *db = open_db(argv[3], SQLITE_OPEN_READWRITE);
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    sqlite3_stmt *insert;
    if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO verifications (task_id, national_id, period, outcome, mismatch_fields, detail, attempt, worker, recorded_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)", -1, &insert, NULL))
        die("outcomes: %s", sqlite3_errmsg(db));

    amqp_connection_state_t conn = bench_connect(worker);
    amqp_basic_qos(conn, 1, 0, (uint16_t)prefetch, 0);
    check_reply(amqp_get_rpc_reply(conn), "basic.qos");
    amqp_basic_consume_ok_t *ok = amqp_basic_consume(conn, 1, amqp_cstring_bytes(queue), amqp_cstring_bytes(worker), 0, 0, 0, amqp_empty_table);
    check_reply(amqp_get_rpc_reply(conn), "basic.consume");
    amqp_bytes_t consumer_tag = amqp_bytes_malloc_dup(ok->consumer_tag);

    struct outcome *rows = calloc((size_t)batch, sizeof *rows);
    int pending = 0;          /* deliveries received since the last ack (outcomes and parked) */
    int nrows = 0;            /* outcome rows waiting for the next commit */
    uint64_t last_tag = 0;
    long mine = 0, total = 0; /* rows this worker inserted; rows in the file after its last commit */
    double first = 0, last_commit = 0;

    while (total < target) {
        /* Wait at most 20 ms for the next delivery while a batch is open (a partial batch must not
         * wait for more traffic), 1 s otherwise (then look whether other workers finished it). */
        struct timeval timeout = {pending ? 0 : 1, pending ? 20000 : 0};
        amqp_envelope_t envelope;
        amqp_maybe_release_buffers(conn);
        amqp_rpc_reply_t r = amqp_consume_message(conn, &envelope, &timeout, 0);
        int flush = 0;
        if (r.reply_type == AMQP_RESPONSE_NORMAL) {
            if (!first) first = now_s();
            if (verify(envelope.message.body.bytes, envelope.message.body.len, &rows[nrows])) nrows++;
            else if (++parked <= 3) fprintf(stderr, "%s: would park an undecodable task (tag %lu)\n", worker, (unsigned long)envelope.delivery_tag);
            last_tag = envelope.delivery_tag;
            amqp_destroy_envelope(&envelope);
            flush = ++pending >= batch;
        } else if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_TIMEOUT) {
            flush = pending > 0;
            if (!pending) total = committed_rows(db);
        } else if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
            /* A frame that is not a delivery: only a close or cancel can come here. */
            amqp_frame_t frame;
            check_status(amqp_simple_wait_frame(conn, &frame), "read frame");
            if (frame.frame_type == AMQP_FRAME_METHOD && (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
                                                          frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD ||
                                                          frame.payload.method.id == AMQP_BASIC_CANCEL_METHOD))
                die("%s: the broker closed the channel or cancelled the consumer", worker);
        } else {
            check_reply(r, "consume");
        }
        if (!flush) continue;

        /* Group commit, then one ack for the whole batch. */
        char now[32];
        time_t t = time(NULL);
        strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
        exec(db, "BEGIN IMMEDIATE");
        for (int i = 0; i < nrows; i++) {
            struct outcome *o = &rows[i];
            sqlite3_bind_text(insert, 1, o->task_id, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 2, o->national_id, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 3, o->period, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 4, o->kind, -1, SQLITE_STATIC);
            if (*o->mismatch) sqlite3_bind_text(insert, 5, o->mismatch, -1, SQLITE_STATIC); else sqlite3_bind_null(insert, 5);
            if (o->detail) sqlite3_bind_text(insert, 6, o->detail, -1, SQLITE_STATIC); else sqlite3_bind_null(insert, 6);
            sqlite3_bind_text(insert, 7, worker, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 8, now, -1, SQLITE_STATIC);
            if (sqlite3_step(insert) != SQLITE_DONE) die("insert: %s", sqlite3_errmsg(db));
            mine += sqlite3_changes(db); /* 0 for a task already recorded: idempotent */
            sqlite3_reset(insert);
            free(o->task_id); free(o->national_id); free(o->period); free(o->detail);
        }
        exec(db, "COMMIT");
        check_status(amqp_basic_ack(conn, 1, last_tag, 1), "basic.ack");
        last_commit = now_s();
        total = committed_rows(db);
        pending = nrows = 0;
    }

    /* Cancel first and close after (rabbitmq-server #10327: acks just before a close can be lost). */
    amqp_basic_cancel(conn, 1, consumer_tag);
    amqp_bytes_free(consumer_tag);
    close_connection(conn);
    sqlite3_finalize(insert);
    sqlite3_finalize(lookup);
    sqlite3_close(db);
    sqlite3_close(registry);
    free(rows);
    double seconds = last_commit > first ? last_commit - first : 0;
    printf("%s: %ld outcomes committed by this worker (%ld parked), %.0f tasks/s from first delivery to last commit (%.2f s)\n",
           worker, mine, parked, seconds > 0 ? mine / seconds : 0, seconds);
    printf("RESULT worker=%s tasks=%ld parked=%ld seconds=%.3f tasks_per_s=%.1f cpu_s=%.3f peak_rss_kib=%ld\n",
           worker, mine, parked, seconds, seconds > 0 ? mine / seconds : 0, cpu_s(), peak_rss_kib());
    return 0;
}
