"""A keep-alive HTTP/1.1 GET client for load generation.

httpx's AsyncClient, the first load generator of the REST benchmark, topped out at 100 to
250 requests/s with 50 requests in flight, at 97% of a core, with a p99 in seconds: the
client was what the benchmark measured, and the ratio of the two apps swung from 0.3 to
2.7 between rounds. This one keeps a pool of raw connections and parses only the status
line and Content-Length, so the apps under test are the bottleneck again.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit


class HttpError(Exception):
    """A response the load generator cannot use (no Content-Length, a closed socket)."""


class KeepAliveClient:
    """GETs over up to ``size`` persistent connections, one request at a time on each."""

    def __init__(self, base_url: str, size: int) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "http" or parts.hostname is None:
            raise ValueError(f"an http:// URL is needed, not {base_url!r}")
        self.host = parts.hostname
        self.port = parts.port or 80
        self._idle: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = (
            asyncio.Queue()
        )
        self._slots = asyncio.Semaphore(size)
        self._open: set[asyncio.StreamWriter] = set()

    async def get(self, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
        """The status and body of ``GET path``."""
        async with self._slots:
            if self._idle.empty():
                reader, writer = await asyncio.open_connection(self.host, self.port)
                self._open.add(writer)
            else:
                reader, writer = self._idle.get_nowait()
            lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
            lines += [f"{name}: {value}" for name, value in headers.items()]
            try:
                writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
                head = await reader.readuntil(b"\r\n\r\n")
                status, length, close = _parse_head(head)
                body = await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
                self._discard(writer)
                raise HttpError(f"{type(exc).__name__}: {exc}") from None
            if close:
                self._discard(writer)
            else:
                self._idle.put_nowait((reader, writer))
            return status, body

    def _discard(self, writer: asyncio.StreamWriter) -> None:
        self._open.discard(writer)
        writer.close()

    async def aclose(self) -> None:
        for writer in list(self._open):
            self._discard(writer)


def _parse_head(head: bytes) -> tuple[int, int, bool]:
    """Status, Content-Length and whether the server closes the connection."""
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length: int | None = None
    close = False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "connection" and value.strip().lower() == "close":
            close = True
        elif name == "transfer-encoding":
            raise HttpError("chunked responses are not supported by the load generator")
    if length is None:
        raise HttpError("a response without Content-Length")
    return status, length, close
