"""Run several requests at the very same moment, each in its own POST request context (hence its own
database session, as real requests would: on SQLite a POST begins with BEGIN IMMEDIATE; on
PostgreSQL the constraints and row locks decide).

    at_once(app, attempt, jobs) -> (outcomes in job order, unexpected errors)
        `attempt(*job)` runs inside the request, commits or rolls back itself, and returns the
        outcome to compare (a string); every job starts together (a barrier).
"""
import threading
import time

from matchfair.extensions import db

JOIN_TIMEOUT = 60


def at_once(app, attempt, jobs):
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def work(index, job):
        try:
            with app.test_request_context(method="POST"):
                try:
                    barrier.wait(timeout=JOIN_TIMEOUT)
                    results[index] = attempt(*job)
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 (reported by the main thread)
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(index, job), daemon=True) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + JOIN_TIMEOUT
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    assert not any(t.is_alive() for t in threads), "a worker is stuck"
    return results, errors
