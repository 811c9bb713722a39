"""gzip that keeps what it could decompress: truncated streams hand out every byte read before the fault,
and a member whose CRC or length is wrong keeps its text, the fault noted in ``damage``."""

from __future__ import annotations

import zlib
from typing import Any, Protocol

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 20


class ByteStream(Protocol):
    """What the readers need of a file: ``read`` (gzip, bz2 and zstd streams qualify)."""

    def read(self, size: int = -1, /) -> bytes: ...


def _gzip_header_length(data: bytes) -> int | None:
    """Length of the gzip member header at the start of ``data`` (RFC 1952), None when more bytes are needed.
    Raises ``zlib.error`` for bytes that are not a gzip header."""
    if len(data) < 10:
        return None
    if data[:2] != GZIP_MAGIC or data[2] != 8:
        raise zlib.error("not a gzip member header")
    flags, pos = data[3], 10
    if flags & 4:  # FEXTRA
        if len(data) < pos + 2:
            return None
        pos += 2 + int.from_bytes(data[pos : pos + 2], "little")
    for bit in (8, 16):  # FNAME, FCOMMENT: zero-terminated
        if flags & bit:
            end = data.find(b"\x00", pos)
            if end < 0:
                return None
            pos = end + 1
    if flags & 2:  # FHCRC
        pos += 2
    return pos if len(data) >= pos else None


class TolerantGzip:
    """Decompress gzip (several members too) as a stream that hands out every byte it could decompress
    before it raises for a truncated or corrupt stream (``gzip.GzipFile`` loses the last chunk read). The
    checksum and length of each member are checked here, not by zlib, so a bad CRC keeps the text: it is
    noted in ``damage`` and reading goes on."""

    _MAX_HEADER = 65_536

    def __init__(self, raw: ByteStream) -> None:
        self._raw = raw
        self._member: Any = None
        self._pending = b""
        self._out = bytearray()
        self._error: Exception | None = None
        self._done = False
        self._crc = 0
        self._size = 0
        self._members = 0
        self.damage: str | None = None  # a fault that lost no text (a bad checksum or length)

    def _fill(self) -> bool:
        more = self._raw.read(CHUNK)
        self._pending += more
        return bool(more)

    def _start_member(self) -> None:
        self._pending = self._pending.lstrip(b"\x00")
        while not self._pending:
            if not self._fill():
                self._done = True
                if not self._members:
                    self._error = EOFError("the gzip stream is empty")
                return
            self._pending = self._pending.lstrip(b"\x00")
        if self._members and not self._pending.startswith(GZIP_MAGIC[: len(self._pending)]):
            self._done = True  # trailing bytes after the last member: ignored
            return
        length = _gzip_header_length(self._pending)
        while length is None:
            if len(self._pending) > self._MAX_HEADER or not self._fill():
                self._error, self._done = EOFError("the gzip stream ends inside a member header (truncated)"), True
                return
            length = _gzip_header_length(self._pending)
        self._pending = self._pending[length:]
        self._member, self._crc, self._size = zlib.decompressobj(wbits=-15), 0, 0
        self._members += 1

    def _end_member(self) -> None:
        self._pending = self._member.unused_data + self._pending
        while len(self._pending) < 8 and self._fill():
            pass
        trailer, self._pending = self._pending[:8], self._pending[8:]
        self._member = None
        if len(trailer) < 8:
            self._error, self._done = EOFError("the gzip stream ends before its checksum (truncated)"), True
            return
        crc, size = int.from_bytes(trailer[:4], "little"), int.from_bytes(trailer[4:], "little")
        if crc != self._crc:
            self.damage = f"member {self._members} fails its CRC check (stored {crc:08x}, computed {self._crc:08x}); its text was kept"
        elif size != self._size & 0xFFFFFFFF:
            self.damage = f"member {self._members} has the wrong stored length ({size} for {self._size} bytes); its text was kept"

    def _step(self) -> None:
        if self._member is None:
            try:
                self._start_member()
            except zlib.error as exc:
                self._error, self._done = exc, True
            return
        if not self._pending and not self._fill():
            self._error, self._done = EOFError("the gzip stream ends before its end marker (truncated)"), True
            return
        try:
            chunk = self._member.decompress(self._pending, CHUNK)
        except zlib.error as exc:
            self._error, self._done = exc, True
            return
        self._crc = zlib.crc32(chunk, self._crc)
        self._size += len(chunk)
        self._out += chunk
        self._pending = self._member.unconsumed_tail
        if self._member.eof:
            self._end_member()

    def read(self, size: int = -1, /) -> bytes:
        want = size if size >= 0 else 1 << 62
        while len(self._out) < want and not self._done:
            self._step()
        if not self._out and self._error is not None:
            error, self._error = self._error, None
            raise error
        data = bytes(self._out[:want])
        del self._out[:want]
        return data
