"""Which of this machine's services a test can use."""

import os
import socket

# Tests empty the Redis databases they use, so each process running tests needs databases of its own:
# five, from TEST_REDIS_DB on, and five more for each pytest-xdist worker after the first (`make test`
# runs two: gw0 takes 1–5, gw1 6–10). A Redis server has 16 (0–15) unless configured otherwise.
REDIS_DATABASES_PER_PROCESS = 5
REDIS_DATABASES = 16


def xdist_worker_number() -> int:
    """0 outside pytest-xdist, else this worker's number (its id is "gw0", "gw1"…)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker[2:]) if worker.startswith("gw") else 0


TEST_REDIS_DB = (
    int(os.environ.get("TEST_REDIS_DB", "1")) + REDIS_DATABASES_PER_PROCESS * xdist_worker_number()
)
if TEST_REDIS_DB + REDIS_DATABASES_PER_PROCESS > REDIS_DATABASES:
    raise RuntimeError(
        f"This test process would use Redis databases {TEST_REDIS_DB}–{TEST_REDIS_DB + 4}, past the server's"
        f" {REDIS_DATABASES}: run fewer pytest-xdist workers (make test TEST_WORKERS=…) or a lower TEST_REDIS_DB."
    )


def redis_is_listening(host: str = "127.0.0.1", port: int = 6379) -> bool:
    """Whether a Redis server answers on the address the tests use."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def redis_test_prefix(name: str) -> str:
    """A cache key prefix of this test process's own: the page cache's purge channel is named by the
    prefix, and Redis publishes to every database's subscribers alike."""
    return f"{name}-{TEST_REDIS_DB}"


def redis_test_url(number: int = 0, *, port: int = 6379) -> str:
    """The address of this run's Redis database `number` (0 to 4)."""
    assert 0 <= number <= 4, "a run of the suite has five Redis databases"
    return f"redis://127.0.0.1:{port}/{TEST_REDIS_DB + number}"
