"""Which of this machine's services a test can use."""

import socket


def redis_is_listening(host: str = "127.0.0.1", port: int = 6379) -> bool:
    """Whether a Redis server answers on the address the tests use."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False
