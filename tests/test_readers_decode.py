"""readers.decode: compression by magic bytes, binary detection, the decoding cascade chosen by evidence."""

from __future__ import annotations

import bz2
import gzip
import io
from pathlib import Path

import pytest
import zstandard

from presslens.readers.decode import (
    binary_reason,
    compression_of,
    declared_charset,
    decode_bytes,
    decompress,
    open_decompressed,
    read_capped,
)

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"
STORY = "Caf\u00e9 owners \u201cwelcome\u201d the \u20ac5 levy \u2014 na\u00efve or not.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"plain ascii", "ascii"),
        (STORY.encode("utf-8"), "utf-8"),
        (STORY.encode("cp1252"), "cp1252"),
        (b"\xef\xbb\xbf" + STORY.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + STORY.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + STORY.encode("utf-16-be"), "utf-16-be"),
        (STORY.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by where the NUL bytes are
    ],
)
def test_cascade_decodes_story(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.replaced == 0
    if encoding != "ascii":
        assert decoded.text == STORY


def test_cp1252_fixture_curly_quotes_and_euro() -> None:
    decoded = decode_bytes((READERS / "windows-1252.txt").read_bytes())
    assert decoded.encoding == "cp1252"
    assert "\u201creopens\u201d" in decoded.text and "\u20ac2 million" in decoded.text


def test_cp1256_arabic_fixture_is_told_from_cp1252() -> None:
    decoded = decode_bytes((READERS / "arabic-cp1256.txt").read_bytes())
    assert decoded.encoding == "cp1256"
    assert decoded.text.startswith("\u0627\u0641\u062a\u062a\u0627\u062d \u0645\u0643\u062a\u0628\u0629")


def test_accented_latin_is_not_taken_for_arabic() -> None:
    spanish = "La se\u00f1ora L\u00f3pez dijo que el coraz\u00f3n de la ciudad est\u00e1 en el r\u00edo.".encode("cp1252")
    assert decode_bytes(spanish).encoding == "cp1252"


def test_utf8_with_a_stray_latin1_byte_keeps_both() -> None:
    data = "Caf\u00e9 \u201cbar\u201d".encode() + b" cost \xa315"
    decoded = decode_bytes(data)
    assert decoded.text == "Caf\u00e9 \u201cbar\u201d cost \u00a315"
    assert decoded.encoding == "utf-8+cp1252"


def test_declared_charset_is_used_when_bytes_are_not_utf8() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>\u041d\u043e\u0432\u043e\u0441\u0442\u0438</body></html>'
    decoded = decode_bytes(page.encode("cp1251"))
    assert decoded.encoding == "cp1251" and "\u041d\u043e\u0432\u043e\u0441\u0442\u0438" in decoded.text


def test_declared_charset_loses_to_valid_utf8() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Caf\u00e9</p>'
    assert decode_bytes(page.encode("utf-8")).text.endswith("Caf\u00e9</p>")


def test_declared_charset_parsing() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>') == "cp1252"
    assert declared_charset(b'<html><meta charset="utf-8">') == "utf-8"
    assert declared_charset(b"<html><meta charset=bogus-charset>") is None
    assert declared_charset(b"plain text with charset=utf-8") is None


def test_latin1_is_the_last_resort() -> None:
    decoded = decode_bytes(b"undefined in cp1252: \x81\x8d")
    assert decoded.encoding == "latin-1" and decoded.text.endswith("\x81\x8d")


def test_broken_utf16_counts_replacements() -> None:
    decoded = decode_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    assert decoded.replaced == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%...", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"PK\x03\x04....", "ZIP"),
        (b"text\x00with a NUL", "NUL"),
        (bytes(range(1, 9)) * 20, "control bytes"),
    ],
)
def test_binary_reason(data: bytes, reason: str) -> None:
    assert reason in (binary_reason(data) or "")


def test_text_is_not_binary() -> None:
    assert binary_reason(STORY.encode("utf-8")) is None
    assert binary_reason(STORY.encode("utf-16-le")) is None
    assert binary_reason(b"tab\tand\r\nnewlines\x0c") is None


@pytest.mark.parametrize(
    ("compress", "kind"),
    [(gzip.compress, "gzip"), (bz2.compress, "bz2"), (lambda d: zstandard.ZstdCompressor().compress(d), "zstd")],
)
def test_decompress_by_magic(compress: object, kind: str) -> None:
    data = STORY.encode() * 50
    packed = compress(data)  # type: ignore[operator]
    assert compression_of(packed) == kind
    payload = decompress(packed, 10_000)
    assert payload.data == data and payload.compression == kind and not payload.oversize and payload.damage is None


def test_decompress_caps_a_bomb() -> None:
    payload = decompress(bz2.compress(b"\0" * 20_000_000), 1000)
    assert payload.oversize and len(payload.data) == 1001


def test_plain_bytes_pass_through() -> None:
    assert compression_of(b"BZh but not bzip2") is None
    assert decompress(b"plain", 10).data == b"plain"


def test_truncated_gzip_keeps_what_was_read() -> None:
    text = " ".join(f"w{i * 7919 % 10007}" for i in range(5000)).encode()
    packed = gzip.compress(text)
    payload = read_capped(open_decompressed(io.BytesIO(packed[: len(packed) // 2]), "gzip"), 10**6)
    assert payload.damage and "truncated" in payload.damage
    assert 0 < len(payload.data) < len(text) and text.startswith(payload.data)


def test_multi_member_gzip() -> None:
    packed = gzip.compress(b"one ") + gzip.compress(b"two")
    assert decompress(packed, 100).data == b"one two"


MIXED_LINES = (
    "Le caf\u00e9 \u201cr\u00e9ouvre\u201d lundi.".encode(),
    "Officials said \u201cit will cost \u20ac2 million\u201d.".encode("cp1252"),
    "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u201c\u0633\u0646\u0639\u0648\u062f\u201d.".encode("cp1256"),
)


def test_mixed_encodings_are_repaired_line_by_line_and_flagged() -> None:
    decoded = decode_bytes(b"\n\n".join(MIXED_LINES))
    paragraphs = decoded.text.split("\n\n")
    assert paragraphs[0] == "Le caf\u00e9 \u201cr\u00e9ouvre\u201d lundi."
    assert paragraphs[1] == "Officials said \u201cit will cost \u20ac2 million\u201d."
    assert paragraphs[2].startswith("\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u201c")
    assert decoded.mixed and decoded.encoding == "utf-8, cp1252 and cp1256, line by line"
    assert decode_bytes(MIXED_LINES[1]).mixed is False  # one legacy encoding alone is not a mix


def test_mixed_file_gets_pl005_and_keeps_curly_quotes(tmp_path: Path) -> None:
    from presslens.readers import read_inputs

    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Mixed story\n\n" + b"\n\n".join(MIXED_LINES))
    [article] = read_inputs([str(path)])
    assert [e["code"] for e in article["errors"]] == ["PL005"]
    assert "cp1256" in article["errors"][0]["message"]
    assert article["text"].count("\u201c") == 3 and "\ufffd" not in article["text"]


def test_gzip_with_a_bad_crc_keeps_its_text_with_pl014(tmp_path: Path) -> None:
    from presslens.readers import read_inputs

    body = "Checksum story\n\n" + " ".join(f"word{i}" for i in range(500))
    damaged = bytearray(gzip.compress(body.encode()))
    damaged[-8] ^= 0xFF  # the stored CRC32
    path = tmp_path / "story.txt.gz"
    path.write_bytes(bytes(damaged))
    [article] = read_inputs([str(path)])
    assert article["text"] == body
    assert [e["code"] for e in article["errors"]] == ["PL014"] and "CRC" in article["errors"][0]["message"]
    damaged[-1] ^= 0x01  # the stored length too
    payload = read_capped(open_decompressed(io.BytesIO(bytes(damaged)), "gzip"), 1_000_000)
    assert payload.data == body.encode() and payload.damage and "CRC" in payload.damage
