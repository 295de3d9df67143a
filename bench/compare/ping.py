"""A Celery app with one task that does nothing: one task's round trip through Redis (send,
a worker runs it, the result comes back) is the floor under any hop of the split build.

    BENCH_BROKER_URL=redis://... BENCH_PREFIX=... celery -A bench.compare.ping worker -Q bench-ping
"""

import os

from celery import Celery

app = Celery("bench-ping")


def configure(broker_url: str, prefix: str) -> None:
    keys = {"global_keyprefix": prefix}
    app.conf.update(
        broker_url=broker_url,
        result_backend=broker_url,
        broker_transport_options=keys,
        result_backend_transport_options=keys,
        task_default_queue="bench-ping",
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
    )


configure(
    os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/0"),
    os.environ.get("BENCH_PREFIX", "bench-ping:"),
)


@app.task(name="bench.ping")
def ping() -> None:
    return None
