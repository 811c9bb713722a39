"""Tolerant decoding: compression by magic bytes, binary detection, then text.

Text is decoded by evidence, never by trust: a byte-order mark first, then (when the bytes are not valid
UTF-8) the charset the document declares (HTML ``<meta charset>``, XML prolog), then a cascade: UTF-8,
UTF-8 with stray single-byte characters, cp1256 when the high bytes spell Arabic, cp1252, Latin-1.
Characters are replaced only as a last resort, and the caller is told how many (PL005).
"""

from __future__ import annotations

import bz2
import codecs
import re
import zlib
from dataclasses import dataclass
from typing import Any, cast

import zstandard

from .gzipped import CHUNK, GZIP_MAGIC, ByteStream, TolerantGzip

HEAD = 65_536  # bytes looked at to sniff compression, format and binariness

BZ2_MAGIC = b"BZh"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

# Signatures of formats that are certainly not news text (at offset 0).
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; extract its text first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/EPUB/Office file); unpack it first"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document; save it as text or HTML"),
    (b"Rar!\x1a\x07", "a RAR archive; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x04\x22\x4d\x18", "an LZ4 stream; decompress it first"),
    (b"\xfd7zXZ\x00", "an XZ stream; decompress it first"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Control bytes that plain text does not contain (tab, newlines, form feed, escape are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"

_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.I)

# Declared charsets that browsers read as cp1252 (WHATWG Encoding Standard), and other aliases.
_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "cp1252": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso8859-9": "cp1254",
    "iso8859-6": "cp1256",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # characters replaced with U+FFFD
    mixed: bool = False  # lines in different encodings (each decoded by its own evidence): PL005


@dataclass(frozen=True)
class Payload:
    """Bytes after decompression, with what happened on the way."""

    data: bytes
    compression: str | None = None
    oversize: bool = False  # more than the byte cap (data holds the first cap + 1 bytes)
    damage: str | None = None  # truncated or corrupt compressed stream


def compression_of(head: bytes) -> str | None:
    """'gzip', 'bz2' or 'zstd' by magic bytes, else None."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(BZ2_MAGIC) and len(head) >= 10 and head[3:4].isdigit() and head[4:10] == b"\x31\x41\x59\x26\x53\x59":
        return "bz2"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def open_decompressed(raw: ByteStream, kind: str | None) -> ByteStream:
    """A stream of the decompressed bytes of ``raw`` (itself when ``kind`` is None)."""
    if kind == "gzip":
        return TolerantGzip(raw)
    if kind == "bz2":
        return bz2.BZ2File(cast(Any, raw), mode="rb")
    if kind == "zstd":
        return cast(ByteStream, zstandard.ZstdDecompressor().stream_reader(cast(Any, raw), read_across_frames=True))
    return raw


def read_capped(stream: ByteStream, limit: int, prefix: bytes = b"") -> Payload:
    """Read at most ``limit`` + 1 bytes; a truncated or corrupt stream keeps what was read."""
    parts = [prefix]
    total = len(prefix)
    damage: str | None = None
    while total <= limit:
        try:
            chunk = stream.read(min(CHUNK, limit + 1 - total))
        except (EOFError, OSError, zlib.error, zstandard.ZstdError, ValueError) as exc:
            damage = str(exc) or type(exc).__name__
            break
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    data = b"".join(parts)
    damage = damage or getattr(stream, "damage", None)  # a fault that lost no text (a bad gzip CRC)
    return Payload(data[: limit + 1], oversize=total > limit, damage=damage)


def decompress(data: bytes, limit: int) -> Payload:
    """Decompress ``data`` when its magic bytes say so, never past ``limit`` bytes (decompression bombs)."""
    import io

    kind = compression_of(data[:16])
    if kind is None:
        return Payload(data, oversize=len(data) > limit)
    payload = read_capped(open_decompressed(io.BytesIO(data), kind), limit)
    return Payload(payload.data, kind, payload.oversize, payload.damage)


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def binary_reason(head: bytes) -> str | None:
    """Why these bytes are not text (a known binary signature, NUL or control bytes), or None."""
    for magic, what in BINARY_SIGNATURES:
        if head.startswith(magic):
            return what
    if any(head.startswith(bom) for bom, _ in BOMS) or _utf16_without_bom(head):
        return None
    sample = head[:8192]
    if not sample:
        return None
    if b"\x00" in sample:
        return "it contains NUL bytes"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > max(8, len(sample) // 50):
        return f"{controls} control bytes in its first {len(sample)}"
    return None


def declared_charset(head: bytes) -> str | None:
    """The charset an XML prolog or HTML meta tag declares, as a Python codec name, or None."""
    start = head[:4096].lstrip()
    if not start.startswith(b"<"):
        return None
    match = _XML_ENCODING.search(start) or _META_CHARSET.search(start)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def _arabic_letters(text: str) -> int:
    return sum(1 for ch in text if "\u0620" <= ch <= "\u064a" or ch in "\u067e\u0686\u0698\u06af\u06a9\u06cc")


def _is_arabic(data: bytes) -> bool:
    """True when the high bytes, read as cp1256, are mostly Arabic letters (not accented Latin)."""
    text = data[:HEAD].decode("cp1256")
    arabic = _arabic_letters(text)
    if arabic < 3:
        return False
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return arabic >= 0.3 * (arabic + latin)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray single-byte characters: decode those as cp1252 (Latin-1 where undefined)."""
    text = data.decode("utf-8", "surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - stray
    if multibyte == 0 or stray > multibyte:
        return None

    def fix(ch: str) -> str:
        byte = bytes([ord(ch) - 0xDC00])
        try:
            return byte.decode("cp1252")
        except UnicodeDecodeError:
            return byte.decode("latin-1")

    return re.sub("[\udc80-\udcff]", lambda m: fix(m.group(0)), text)


def _decode_replacing(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, "replace")
        return Decoded(text, encoding, text.count("\ufffd"))


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text by BOM, evidence and declaration (see the module docstring)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_replacing(data[len(bom) :], encoding)
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return _decode_replacing(data, utf16)
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data) if declared is None else _normalise(declared)
    if charset and charset not in ("utf-8", "utf-16", "utf-32") and not charset.startswith(("utf-16", "utf-32")):
        try:
            return Decoded(data.decode(charset), charset)
        except (UnicodeDecodeError, LookupError):
            pass
    return _decode_by_line(data)


def _single_byte(line: bytes, arabic_file: bool) -> tuple[str, str]:
    """A line that is not UTF-8: cp1256 when its high bytes spell Arabic (in an Arabic file: unless they spell
    none), else cp1252 (Latin-1 for the five bytes cp1252 leaves undefined)."""
    if _is_arabic(line) or (arabic_file and _arabic_letters(line.decode("cp1256")) > 0):
        return line.decode("cp1256"), "cp1256"
    try:
        return line.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return line.decode("latin-1"), "latin-1"


def _decode_by_line(data: bytes) -> Decoded:
    """Bytes that are not UTF-8 (nor a declared charset), decoded line by line by each line's evidence: UTF-8,
    UTF-8 with stray single bytes, cp1256 Arabic, cp1252. Lines in different encodings make ``mixed`` true."""
    arabic_file = _is_arabic(data)
    parts: list[str] = []
    used: dict[str, None] = {}
    for line in data.split(b"\n"):
        if line.isascii():
            parts.append(line.decode("ascii"))
            continue
        try:
            text, encoding = line.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            repaired = _mostly_utf8(line)
            text, encoding = (repaired, "utf-8+cp1252") if repaired is not None else _single_byte(line, arabic_file)
        parts.append(text)
        used[encoding] = None
    names = list(used) or ["ascii"]
    mixed = len(names) > 1 or names == ["utf-8+cp1252"]
    name = names[0] if len(names) == 1 else " and ".join([", ".join(names[:-1]), names[-1]]) + ", line by line"
    return Decoded("\n".join(parts), name, mixed=mixed)


def _normalise(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return _ALIASES.get(codec, codec)
