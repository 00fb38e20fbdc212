/* ceiling: what the broker on this machine can do for a worker that does no work at all.
 *
 *   BENCH_AMQP_URL=amqp://… ceiling N [WINDOW] [PREFETCH] [ACK_EVERY]
 *
 * Declares its own durable quorum queue (unique name), publishes N persistent messages with
 * publisher confirms and up to WINDOW (1000) unconfirmed in flight, then consumes them with manual
 * acks, prefetch PREFETCH (1000), one `multiple` ack every ACK_EVERY (500) deliveries, doing nothing
 * with them; deletes the queue. The body is a real pensionpay.verify.v1 task (about 270 bytes), so
 * the broker moves the same bytes as in the worker rows.
 *
 * Prints one human line and one `key=value` line for bench/run. */
#include "bench_amqp.h"

#include <unistd.h>

static const char BODY[] =
    "{\"beneficiary\":{\"date_of_birth\":\"1950-03-07\",\"full_name\":\"Nguy\xe1\xbb\x85n V\xc4\x83n H\xc3\xb9ng\","
    "\"national_id\":\"079050001234\",\"province_code\":\"79\",\"sex\":\"M\"},\"created_at\":\"2026-11-26T05:00:00Z\","
    "\"period\":\"2026-11\",\"schema\":\"pensionpay.verify.v1\",\"task_id\":\"verify-2026-11-c50c328af3ce0c7d4510d60f87363c44\"}";

int main(int argc, char **argv) {
    if (argc < 2) die("usage: ceiling N [WINDOW] [PREFETCH] [ACK_EVERY]");
    long n = atol(argv[1]);
    long window = argc > 2 ? atol(argv[2]) : 1000;
    int prefetch = argc > 3 ? atoi(argv[3]) : 1000;
    long ack_every = argc > 4 ? atol(argv[4]) : 500;
    if (n <= 0 || window <= 0 || prefetch <= 0 || prefetch > 65535 || ack_every <= 0) die("bad arguments");

    char queue[64];
    snprintf(queue, sizeof queue, "bench.ceiling.%d.%ld", (int)getpid(), (long)time(NULL));
    amqp_connection_state_t conn = bench_connect("bench ceiling");
    declare_quorum_queue(conn, queue);

    /* Publish with a confirm window. */
    struct confirms c;
    confirms_init(conn, &c, (uint64_t)n);
    double cpu0 = cpu_s(), t0 = now_s();
    for (long i = 0; i < n; i++) {
        if (c.published - c.confirmed >= (uint64_t)window) confirms_wait(conn, &c, (uint64_t)window - 1);
        publish_persistent(conn, &c, queue, NULL, BODY, sizeof BODY - 1);
    }
    confirms_wait(conn, &c, 0);
    double publish_s = now_s() - t0, publish_cpu = cpu_s() - cpu0;

    /* Consume: manual acks, bounded prefetch, one multiple-ack per ACK_EVERY deliveries. */
    amqp_basic_qos(conn, 1, 0, (uint16_t)prefetch, 0);
    check_reply(amqp_get_rpc_reply(conn), "basic.qos");
    amqp_basic_consume_ok_t *ok = amqp_basic_consume(conn, 1, amqp_cstring_bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
    check_reply(amqp_get_rpc_reply(conn), "basic.consume");
    amqp_bytes_t tag = amqp_bytes_malloc_dup(ok->consumer_tag);
    cpu0 = cpu_s();
    t0 = now_s();
    long received = 0, unacked = 0;
    uint64_t last_tag = 0;
    while (received < n) {
        amqp_envelope_t envelope;
        amqp_maybe_release_buffers(conn);
        amqp_rpc_reply_t r = amqp_consume_message(conn, &envelope, NULL, 0);
        check_reply(r, "consume");
        last_tag = envelope.delivery_tag;
        amqp_destroy_envelope(&envelope);
        received++;
        if (++unacked >= ack_every || received == n) {
            check_status(amqp_basic_ack(conn, 1, last_tag, 1), "basic.ack");
            unacked = 0;
        }
    }
    double consume_s = now_s() - t0, consume_cpu = cpu_s() - cpu0;

    /* Cancel before deleting (rabbitmq-server #10327: acks right before a close can be lost). */
    amqp_basic_cancel(conn, 1, tag);
    check_reply(amqp_get_rpc_reply(conn), "basic.cancel");
    amqp_queue_delete(conn, 1, amqp_cstring_bytes(queue), 0, 0);
    check_reply(amqp_get_rpc_reply(conn), "queue.delete");
    amqp_bytes_free(tag);
    close_connection(conn);
    free(c.done);

    printf("ceiling: %ld messages, quorum queue, window %ld, prefetch %d, multiple-ack every %ld: publish %.0f msg/s (%.2f s), consume %.0f msg/s (%.2f s)\n",
           n, window, prefetch, ack_every, n / publish_s, publish_s, n / consume_s, consume_s);
    printf("RESULT publish_per_s=%.1f consume_per_s=%.1f publish_cpu_per_1k=%.4f consume_cpu_per_1k=%.4f peak_rss_kib=%ld\n",
           n / publish_s, n / consume_s, publish_cpu * 1000 / n, consume_cpu * 1000 / n, peak_rss_kib());
    return 0;
}
