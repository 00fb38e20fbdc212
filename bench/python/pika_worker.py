#!/usr/bin/env python3
"""Baseline: a plain pika verify worker.

    BENCH_AMQP_URL=amqp://… pika_worker.py QUEUE REGISTRY.sqlite OUTCOMES.sqlite [--prefetch 1000] [--batch 1]

BlockingConnection, manual acks, bounded prefetch, registry lookup and outcome row in SQLite
(WAL, synchronous=FULL) through verify_logic.decide. With --batch 1 (the default, what most
pika consumers look like) every task is its own transaction, committed before its ack. With
--batch B the rows of up to B deliveries share one transaction and one `multiple` ack after the
COMMIT: the group commit pensionpay and the C worker use, to see how much of the gap is the
discipline rather than the language. Runs until SIGTERM.
"""
import argparse
import os
import signal
import sys
import time

import pika

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify_logic  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("queue")
    parser.add_argument("registry")
    parser.add_argument("outcomes")
    parser.add_argument("--prefetch", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--name", default="pika-verify")
    args = parser.parse_args()

    registry = verify_logic.open_registry(args.registry)
    db = verify_logic.open_outcomes(args.outcomes)
    url = os.environ.get("BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    channel.basic_qos(prefetch_count=args.prefetch)

    # SIGTERM (from bench/run) ends the consume loop through an exception; nothing is acked
    # that is not committed, so whatever is in flight simply comes back to the queue.
    def stop(*_):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)

    rows, last_tag, pending = [], None, 0  # pending: deliveries since the last ack, parked ones too

    def flush():
        nonlocal rows, last_tag, pending
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        db.execute("BEGIN IMMEDIATE")
        db.executemany(verify_logic.INSERT, [r + (args.name, now) for r in rows])
        db.execute("COMMIT")
        channel.basic_ack(delivery_tag=last_tag, multiple=True)
        rows, last_tag, pending = [], None, 0

    try:
        # inactivity_timeout: a partial batch is committed after 20 ms without deliveries.
        for method, _properties, body in channel.consume(args.queue, inactivity_timeout=0.02):
            if method is None:
                if last_tag is not None:
                    flush()
                continue
            outcome = verify_logic.decide(body, registry)
            if outcome is not None:  # None: pensionpay would park it; here it is only acked
                rows.append(outcome)
            last_tag, pending = method.delivery_tag, pending + 1
            if pending >= args.batch:
                flush()
    except KeyboardInterrupt:
        pass
    finally:
        try:
            channel.cancel()
            connection.close()
        except Exception:
            pass


if __name__ == "__main__":
    main()
