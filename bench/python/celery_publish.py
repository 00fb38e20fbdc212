#!/usr/bin/env python3
"""Queue the verify tasks of tasks.tsv as Celery tasks (celery_worker.verify), then wait until the
broker holds them all.

    BENCH_AMQP_URL=… BENCH_QUEUE=… celery_publish.py TASKS.tsv

Celery publishes with its own envelope (protocol 2: headers plus [args, kwargs, embed]); the
argument is the same pensionpay.verify.v1 body the other workers get, and the Celery task ID is
the task's task_id. Publisher confirms are off (Celery's default): the rate printed is what a
Celery producer does out of the box; the script then waits for the queue's message count to
reach N so that no worker starts before every task is in the queue.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from celery_worker import QUEUE, app, verify  # noqa: E402


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        tasks = [line.rstrip("\n").split("\t", 1) for line in f]
    started = time.monotonic()
    with app.producer_or_acquire() as producer:
        for task_id, body in tasks:
            verify.apply_async(args=[body], task_id=task_id, queue=QUEUE, producer=producer)
    seconds = time.monotonic() - started
    with app.connection_for_write() as connection:
        deadline = time.monotonic() + 120
        while True:
            queued = connection.default_channel.queue_declare(QUEUE, passive=True).message_count
            if queued >= len(tasks) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
    print(f"published {len(tasks)} Celery tasks to {QUEUE} (no confirms): {len(tasks) / seconds:.0f} tasks/s ({seconds:.2f} s); {queued} in the queue")
    print(f"RESULT publish_per_s={len(tasks) / seconds:.1f} queued={queued}")
    if queued < len(tasks):
        sys.exit("not every task reached the queue")


if __name__ == "__main__":
    main()
