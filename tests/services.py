"""Which of this machine's services a test can use."""

import os
import socket

# Tests empty the Redis databases they use, so two runs of the suite at once (.ci/run runs SQLite and
# PostgreSQL side by side) each need databases of their own: a run uses five, from TEST_REDIS_DB on.
TEST_REDIS_DB = int(os.environ.get("TEST_REDIS_DB", "11"))


def redis_is_listening(host: str = "127.0.0.1", port: int = 6379) -> bool:
    """Whether a Redis server answers on the address the tests use."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def redis_test_url(number: int = 0, *, port: int = 6379) -> str:
    """The address of this run's Redis database `number` (0 to 4)."""
    assert 0 <= number <= 4, "a run of the suite has five Redis databases"
    return f"redis://127.0.0.1:{port}/{TEST_REDIS_DB + number}"
