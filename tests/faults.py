"""Real faults for the tests: a port where nothing listens, a server that never answers, a link that drops.

These are sockets on this machine, not mocks: the clients under test connect to them exactly as they
would to a failed Redis or search server.
"""

import socket
import threading
from contextlib import suppress


def closed_port() -> int:
    """A local port where nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class BlackHole:
    """A server that accepts connections and never answers: clients wait out their timeouts."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(100)
        self.port = self.server.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        with suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for connection in self.connections:
            with suppress(OSError):
                connection.close()


class SwitchableProxy:
    """A TCP proxy to a real server that can be cut (connections refused) and restored, on one port.

    Stands for a network path to Redis that fails and comes back while the portal keeps running.
    """

    def __init__(self, target_port: int, target_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        self.port = closed_port()
        self.server: socket.socket | None = None
        self.pipes: list[socket.socket] = []
        self.up()

    def up(self):
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen(100)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def down(self):
        """Refuse new connections and drop the open ones, as a failed server or network does."""
        if self.server is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would leave it accepting.
            with suppress(OSError):
                self.server.shutdown(socket.SHUT_RDWR)
            self.server.close()
            self.server = None
        for pipe in self.pipes:
            with suppress(OSError):
                pipe.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                pipe.close()
        self.pipes = []

    def _accept(self, server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.pipes += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
