"""Baseline: the verify work as a Celery task.

    BENCH_AMQP_URL=… BENCH_QUEUE=… BENCH_REGISTRY=… BENCH_OUTCOMES=… \\
        celery -A celery_worker worker --pool prefork --concurrency 2 -Q $BENCH_QUEUE

Configured the way the Celery documentation recommends for work that must not be lost:
acks_late=True (the message is acknowledged after the task returns, i.e. after its COMMIT),
reject_on_worker_lost=True, no result backend. The queue is a durable quorum queue like
pensionpay's (Celery >= 5.5 then turns global QoS off by itself). Each task is one SQLite
transaction (WAL, synchronous=FULL): Celery runs tasks one by one, so there is no batch to
group-commit. The body is the pensionpay.verify.v1 JSON document, passed as the task's single
argument (Celery wraps it in its own message envelope); celery_publish.py sends it.
Prefetch is Celery's default, worker_prefetch_multiplier=4 per process, unless
BENCH_CELERY_PREFETCH_MULTIPLIER says otherwise.
"""
import os
import sys
import time

from celery import Celery
from celery.signals import worker_process_init
from kombu import Queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify_logic  # noqa: E402

QUEUE = os.environ.get("BENCH_QUEUE", "bench.celery.verify")

app = Celery("pensionpay_bench", broker=os.environ.get("BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F"))
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_ignore_result=True,
    task_serializer="json",
    accept_content=["json"],
    task_default_queue=QUEUE,
    task_queues=[Queue(QUEUE, durable=True, queue_arguments={"x-queue-type": "quorum"})],
    worker_prefetch_multiplier=int(os.environ.get("BENCH_CELERY_PREFETCH_MULTIPLIER", "4")),
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)

_registry = None
_db = None


@worker_process_init.connect
def _open_databases(**_):
    """One SQLite connection pair per pool process, opened after the fork (never shared)."""
    global _registry, _db
    _registry = verify_logic.open_registry(os.environ["BENCH_REGISTRY"])
    _db = verify_logic.open_outcomes(os.environ["BENCH_OUTCOMES"])


@app.task(name="pensionpay.verify")
def verify(body: str) -> None:
    outcome = verify_logic.decide(body.encode("utf-8"), _registry)
    if outcome is None:
        return  # pensionpay would park it; here it is only acknowledged
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    _db.execute("BEGIN IMMEDIATE")
    _db.execute(verify_logic.INSERT, outcome + (f"celery-{os.getpid()}", now))
    _db.execute("COMMIT")
