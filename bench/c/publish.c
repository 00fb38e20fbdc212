/* publish: feed the verify tasks of tasks.tsv (from bench/python/seed.py) into a quorum queue.
 *
 *   BENCH_AMQP_URL=amqp://… publish QUEUE TASKS.tsv [WINDOW [EXCHANGE [direct|topic]]]
 *
 * Each line is `task_id TAB body`. Every message goes out as pensionpay publishes a verify task
 * (docs/messages.md): persistent, content_type application/json, message_id = task_id, confirmed
 * by the broker with WINDOW (1000) unconfirmed in flight. The default exchange routes straight to
 * QUEUE (declared here, durable, quorum): the topic exchange of pensionpay's topology would only
 * add one routing step, the same for every row of the table.
 *
 * With EXCHANGE, every message goes the way pensionpay publishes it instead: to that exchange
 * (declared here; a direct one, QUEUE bound with `verify.79`, as pensionpay's producers publish
 * since sitting 6; or a topic one, QUEUE bound with `verify.#`, as they did before) with routing
 * key `verify.79`, `mandatory` set and a timestamp — the like-for-like ceiling for pensionpay's
 * producers. */
#include "bench_amqp.h"

int main(int argc, char **argv) {
    if (argc < 3) die("usage: publish QUEUE TASKS.tsv [WINDOW [EXCHANGE [direct|topic]]]");
    const char *queue = argv[1];
    long window = argc > 3 ? atol(argv[3]) : 1000;
    const char *exchange = argc > 4 ? argv[4] : NULL;
    const char *type = argc > 5 ? argv[5] : "direct";
    if (strcmp(type, "direct") != 0 && strcmp(type, "topic") != 0) die("exchange type must be direct or topic");
    FILE *in = fopen(argv[2], "r");
    if (!in) die("cannot open %s", argv[2]);
    long total = 0;
    for (int ch; (ch = getc(in)) != EOF;) total += ch == '\n';
    rewind(in);

    amqp_connection_state_t conn = bench_connect("bench publish");
    declare_quorum_queue(conn, queue);
    if (exchange) declare_route(conn, exchange, type, queue, strcmp(type, "topic") == 0 ? "verify.#" : "verify.79");
    struct confirms c;
    confirms_init(conn, &c, (uint64_t)total);
    double t0 = now_s();
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, in)) > 0) {
        if (line[len - 1] == '\n') line[--len] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) die("tasks file line without a tab");
        *tab = '\0';
        if (c.published - c.confirmed >= (uint64_t)window) confirms_wait(conn, &c, (uint64_t)window - 1);
        publish_message(conn, &c, exchange, exchange ? "verify.79" : queue, line, tab + 1, (size_t)(line + len - (tab + 1)));
    }
    confirms_wait(conn, &c, 0);
    double seconds = now_s() - t0;
    if ((long)c.published != total) die("published %lu of %ld lines", (unsigned long)c.published, total);
    free(line);
    fclose(in);
    close_connection(conn);
    free(c.done);
    printf("published %ld verify tasks to %s%s%s%s%s, confirmed: %.0f tasks/s (%.2f s)\n", total, queue,
           exchange ? " through " : "", exchange ? type : "", exchange ? " exchange " : "", exchange ? exchange : "", total / seconds, seconds);
    printf("RESULT publish_per_s=%.1f\n", total / seconds);
    return 0;
}
