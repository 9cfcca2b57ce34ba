"""Each worker's copy of the generation tokens, kept exact by purges announced over Redis pub/sub.

Every request needs the generation tokens (`portal.caching.generation`): they tell which kept pages,
routes and fragments are current. Reading them is a round trip to Redis, and for a page served from
the page cache that round trip was most of its cost. Tokens change only when something is purged,
so each worker keeps the tokens it read, and every purge, after writing new tokens, announces itself
on a Redis channel that every worker listens to. Before using its copy, a worker looks at its
subscription's socket without waiting (no round trip): an announcement there, or a subscription it
cannot vouch for, and the tokens are read from Redis again. A request that looks just before an
announcement arrives uses the old tokens, as a request that read them from Redis a moment before the
purge would have.

- The copy is trusted only while the subscription is confirmed and answering; a lost connection falls
  back to reading every request, and the subscription is tried again after `RETRY_SECONDS`. When
  redis-py connects again by itself, what was announced meanwhile was unheard: the copy is dropped.
- Tokens read from Redis are kept only if no announcement arrived while they were read (`epoch`), so a
  read that raced a purge cannot outlive it.
- Only the default cache in Redis (`ResilientRedisCache`) has a channel; the process's own memory
  (runserver, tests) has no other process to hear from, and no copy is kept.
- Emptying Redis by hand (FLUSHALL) announces nothing: workers keep serving what they hold, which is
  what was published, until the next purge.
"""

import contextlib
import logging
import os
import threading
import time

from django.core.cache import caches

from portal.caching.backends import UNREACHABLE, ResilientRedisCache

logger = logging.getLogger(__name__)

CHANNEL = "page-cache:purges"
RETRY_SECONDS = 5.0
SUBSCRIBE_WAIT_SECONDS = 0.5


class TokenCopy:
    """This process's copy of the tokens it read, valid while its subscription hears no purge."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tokens: dict[str, str] = {}
        self.epoch = 0  # announcements heard so far
        self.pubsub = None
        self.pid = None
        self.source = None  # the cache the subscription listens for (`cache_identity`)
        self.reconnected = False
        self.retry_at = 0.0

    # Reading -----------------------------------------------------------------------------------

    def held(self, keys) -> dict[str, str] | None:
        """The tokens under `keys` if this process holds every one and may trust them, else None."""
        with self.lock:
            if not self._listening():
                return None
            try:
                return {key: self.tokens[key] for key in keys}
            except KeyError:
                return None

    def current_epoch(self) -> int | None:
        """The count of announcements heard, after hearing those waiting; None when not listening."""
        with self.lock:
            return self.epoch if self._listening() else None

    def remember(self, found: dict, epoch: int | None) -> None:
        """Keep tokens read from Redis, unless a purge was announced since `epoch` was read.

        Not listening yet (`epoch` None), a read that found tokens (so Redis answers) subscribes: the
        tokens of the next read are kept. A Redis that does not answer is never subscribed to."""
        if not found:
            return
        with self.lock:
            if epoch is None:
                self._listening(subscribe=True)
            elif self._listening() and self.epoch == epoch:
                self.tokens.update(found)

    def forget(self) -> None:
        """Drop the copy (the process's own purge, or a test emptying the cache)."""
        with self.lock:
            self.tokens.clear()
            self.epoch += 1

    # Announcing --------------------------------------------------------------------------------

    def announce(self) -> None:
        """Tell every worker that tokens changed (after they are written), and forget our own."""
        self.forget()
        client = redis_client()
        if client is None:
            return
        try:
            client.publish(channel(), "purge")
        except UNREACHABLE as error:
            # The purge could not be written either; on recovery the cache purges again, announced.
            logger.warning("Purge not announced: %s", error)

    # Listening ---------------------------------------------------------------------------------

    def _listening(self, subscribe: bool = False) -> bool:
        """Whether the copy may be used now: subscribed, with every waiting announcement heard.
        With `subscribe`, subscribe first if this process does not listen yet."""
        source = cache_identity()
        if self.pid != os.getpid() or self.source != source:
            # A forked worker does not share its parent's subscription; another cache (settings
            # changed) is another channel.
            self._close()
            self.pid, self.source = os.getpid(), source
        if self.pubsub is None and not (subscribe and self._subscribe()):
            return False
        try:
            while (message := self.pubsub.get_message(timeout=0)) is not None:
                if message.get("type") == "message":
                    self.tokens.clear()
                    self.epoch += 1
        except UNREACHABLE as error:
            self._drop(error)
            return False
        if self.reconnected:
            # redis-py connected again and subscribed again by itself: what was announced in between
            # went unheard.
            self.reconnected = False
            self.tokens.clear()
            self.epoch += 1
        return True

    def _on_reconnect(self, connection) -> None:
        self.reconnected = True

    def _subscribe(self) -> bool:
        if time.monotonic() < self.retry_at:
            return False
        client = redis_client()
        if client is None:
            return False
        try:
            pubsub = client.pubsub()
            pubsub.subscribe(channel())
            deadline = time.monotonic() + SUBSCRIBE_WAIT_SECONDS
            while time.monotonic() < deadline:
                message = pubsub.get_message(timeout=SUBSCRIBE_WAIT_SECONDS)
                if message is not None and message.get("type") == "subscribe":
                    break
            else:
                pubsub.close()
                self.retry_at = time.monotonic() + RETRY_SECONDS
                return False
        except UNREACHABLE as error:
            self._drop(error)
            return False
        # Anything announced before the subscription was confirmed is unheard: start empty.
        pubsub.connection.register_connect_callback(self._on_reconnect)
        self.pubsub, self.tokens, self.reconnected = pubsub, {}, False
        self.epoch += 1
        return True

    def _drop(self, error) -> None:
        logger.warning("Purge announcements unheard, reading tokens from the cache: %s", error)
        self._close()
        self.retry_at = time.monotonic() + RETRY_SECONDS

    def _close(self) -> None:
        if self.pubsub is not None and self.pid == os.getpid():
            with contextlib.suppress(UNREACHABLE):
                self.pubsub.close()
        self.pubsub, self.tokens = None, {}
        self.epoch += 1
        self.retry_at = 0.0


def redis_client():
    """The redis-py client of the default cache when it is Redis and reachable, else None."""
    backend = caches["default"]
    if not isinstance(backend, ResilientRedisCache) or backend.unavailable():
        return None
    return backend._cache.get_client()


def cache_identity() -> tuple:
    """Which cache the default one is: its class, servers and key prefix (Django makes a backend
    object per thread; they are the same cache)."""
    backend = caches["default"]
    return (type(backend), tuple(getattr(backend, "_servers", ())), backend.key_prefix)


def channel() -> str:
    """The channel of this install (its cache key prefix), so installs sharing a Redis stay apart."""
    return caches["default"].make_key(CHANNEL)


TOKENS = TokenCopy()
