/* Shared by ceiling.c, publish.c and verify_worker.c: connecting, error checks, a publisher-confirm
 * window. librabbitmq-c 0.11 (Debian 12) installs flat headers only, hence <amqp.h>.
 * Everything is static: each program is one translation unit, no library to build. */
#ifndef BENCH_AMQP_H
#define BENCH_AMQP_H

#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

__attribute__((noreturn, format(printf, 1, 2))) static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static inline double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* User + system CPU seconds of this process so far. */
static inline double cpu_s(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static inline long peak_rss_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss; /* KiB on Linux */
}

static inline void check_status(int status, const char *what) {
    if (status != AMQP_STATUS_OK) die("%s: %s", what, amqp_error_string2(status));
}

/* An RPC reply has three cases (library error, server channel/connection close, normal). */
static inline void check_reply(amqp_rpc_reply_t r, const char *what) {
    switch (r.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return;
    case AMQP_RESPONSE_NONE:
        die("%s: missing RPC reply", what);
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        die("%s: %s", what, amqp_error_string2(r.library_error));
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        if (r.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
            amqp_connection_close_t *m = r.reply.decoded;
            die("%s: connection closed by broker: %d %.*s", what, m->reply_code, (int)m->reply_text.len, (char *)m->reply_text.bytes);
        }
        if (r.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
            amqp_channel_close_t *m = r.reply.decoded;
            die("%s: channel closed by broker: %d %.*s", what, m->reply_code, (int)m->reply_text.len, (char *)m->reply_text.bytes);
        }
        die("%s: unexpected server method 0x%08x", what, r.reply.id);
    }
}

/* Connects to BENCH_AMQP_URL (default the local broker's "/" vhost; bench/run sets a private
 * vhost) and opens channel 1. The URL comes from the environment so that no password is in `ps`. */
static inline amqp_connection_state_t bench_connect(const char *client_name) {
    const char *env = getenv("BENCH_AMQP_URL");
    char *url = strdup(env && *env ? env : "amqp://guest:guest@127.0.0.1:5672/%2F");
    struct amqp_connection_info info;
    amqp_default_connection_info(&info);
    check_status(amqp_parse_url(url, &info), "parse BENCH_AMQP_URL");

    amqp_connection_state_t conn = amqp_new_connection();
    amqp_socket_t *socket = amqp_tcp_socket_new(conn);
    if (!socket) die("cannot create a TCP socket");
    check_status(amqp_socket_open(socket, info.host, info.port), "connect to the broker");

    /* Heartbeat 30 s: every program here stays inside library calls (which service heartbeats)
     * except for sub-second SQLite commits. Client name shows in the management UI. */
    amqp_table_entry_t props[1] = {{amqp_cstring_bytes("connection_name"), {.kind = AMQP_FIELD_KIND_UTF8, .value.bytes = amqp_cstring_bytes(client_name)}}};
    amqp_table_t client_properties = {1, props};
    check_reply(amqp_login_with_properties(conn, info.vhost, 0, AMQP_DEFAULT_FRAME_SIZE, 30, &client_properties,
                                           AMQP_SASL_METHOD_PLAIN, info.user, info.password),
                "login");
    amqp_channel_open(conn, 1);
    check_reply(amqp_get_rpc_reply(conn), "channel.open");
    free(url);
    return conn;
}

/* Durable quorum queue (quorum queues must be durable), like pensionpay's work queues. */
static inline void declare_quorum_queue(amqp_connection_state_t conn, const char *name) {
    amqp_table_entry_t args[1] = {{amqp_cstring_bytes("x-queue-type"), {.kind = AMQP_FIELD_KIND_UTF8, .value.bytes = amqp_cstring_bytes("quorum")}}};
    amqp_table_t table = {1, args};
    amqp_queue_declare(conn, 1, amqp_cstring_bytes(name), 0, 1, 0, 0, table);
    check_reply(amqp_get_rpc_reply(conn), "queue.declare");
}

static inline void close_connection(amqp_connection_state_t conn) {
    amqp_channel_close(conn, 1, AMQP_REPLY_SUCCESS);
    amqp_connection_close(conn, AMQP_REPLY_SUCCESS);
    amqp_destroy_connection(conn);
}

/* Publisher confirms with a window: publish freely while fewer than `window` messages are
 * unconfirmed, otherwise read confirm frames until there is room again. One confirm per message
 * would cap us at the round-trip rate (~2.5k/s here, STACK-NOTES.md); a window lets the broker
 * confirm in `multiple` batches. Confirms may come out of order, so each tag gets a flag. */
struct confirms {
    uint64_t published;   /* last delivery tag used (tags start at 1 after confirm.select) */
    uint64_t confirmed;   /* how many tags are confirmed */
    uint64_t low;         /* every tag below this one is confirmed */
    unsigned char *done;  /* done[tag]: 1 once confirmed */
    uint64_t capacity;
};

static inline void confirms_init(amqp_connection_state_t conn, struct confirms *c, uint64_t total) {
    amqp_confirm_select(conn, 1);
    check_reply(amqp_get_rpc_reply(conn), "confirm.select");
    memset(c, 0, sizeof *c);
    c->low = 1;
    c->capacity = total + 1;
    c->done = calloc(c->capacity, 1);
    if (!c->done) die("out of memory");
}

static inline void confirms_mark(struct confirms *c, uint64_t tag) {
    if (tag < c->capacity && !c->done[tag]) {
        c->done[tag] = 1;
        c->confirmed++;
    }
}

/* Reads frames until at most `max_outstanding` messages are unconfirmed. A nack is fatal here:
 * a benchmark that loses messages measures nothing. */
static inline void confirms_wait(amqp_connection_state_t conn, struct confirms *c, uint64_t max_outstanding) {
    while (c->published - c->confirmed > max_outstanding) {
        amqp_frame_t frame;
        check_status(amqp_simple_wait_frame(conn, &frame), "wait for publisher confirms");
        if (frame.frame_type != AMQP_FRAME_METHOD) continue;
        if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
            amqp_basic_ack_t *ack = frame.payload.method.decoded;
            if (ack->multiple) {
                for (uint64_t t = c->low; t <= ack->delivery_tag; t++) confirms_mark(c, t);
            } else {
                confirms_mark(c, ack->delivery_tag);
            }
            while (c->low < c->capacity && c->done[c->low]) c->low++;
        } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) {
            die("the broker nacked a published message");
        } else if (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD) {
            amqp_channel_close_t *m = frame.payload.method.decoded;
            die("channel closed by broker while publishing: %d %.*s", m->reply_code, (int)m->reply_text.len, (char *)m->reply_text.bytes);
        }
        amqp_maybe_release_buffers(conn);
    }
}

/* A durable topic exchange, and QUEUE bound to it with `binding` (pensionpay binds `verify.#`). */
static inline void declare_route(amqp_connection_state_t conn, const char *exchange, const char *type, const char *queue, const char *binding) {
    amqp_exchange_declare(conn, 1, amqp_cstring_bytes(exchange), amqp_cstring_bytes(type), 0, 1, 0, 0, amqp_empty_table);
    check_reply(amqp_get_rpc_reply(conn), "exchange.declare");
    amqp_queue_bind(conn, 1, amqp_cstring_bytes(queue), amqp_cstring_bytes(exchange), amqp_cstring_bytes(binding), amqp_empty_table);
    check_reply(amqp_get_rpc_reply(conn), "queue.bind");
}

/* basic.publish of one persistent JSON message. `exchange` NULL: the default exchange, straight
 * into the queue named by `routing_key`. Otherwise as pensionpay sends a task: through that
 * exchange, `mandatory` set (an unroutable task must come back, not vanish), with a timestamp. */
static inline void publish_message(amqp_connection_state_t conn, struct confirms *c, const char *exchange, const char *routing_key,
                                   const char *message_id, const void *body, size_t len) {
    amqp_basic_properties_t props;
    memset(&props, 0, sizeof props);
    props._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG | (message_id ? AMQP_BASIC_MESSAGE_ID_FLAG : 0)
                 | (exchange ? AMQP_BASIC_TIMESTAMP_FLAG : 0);
    props.content_type = amqp_cstring_bytes("application/json");
    props.delivery_mode = 2;
    if (message_id) props.message_id = amqp_cstring_bytes(message_id);
    if (exchange) props.timestamp = (uint64_t)time(NULL);
    amqp_bytes_t bytes = {len, (void *)body};
    check_status(amqp_basic_publish(conn, 1, exchange ? amqp_cstring_bytes(exchange) : amqp_empty_bytes, amqp_cstring_bytes(routing_key),
                                    exchange ? 1 : 0, 0, &props, bytes), "basic.publish");
    c->published++;
}

/* To the default exchange: straight into `queue`. */
static inline void publish_persistent(amqp_connection_state_t conn, struct confirms *c, const char *queue, const char *message_id,
                                      const void *body, size_t len) {
    publish_message(conn, c, NULL, queue, message_id, body, len);
}

#endif
