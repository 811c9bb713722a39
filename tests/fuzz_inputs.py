"""Malformed inputs for tests/test_fuzz.py, generated from a fixed seed: binary, truncated and corrupt
compressions, lying charsets, nested markup, quote storms, huge lines, NULs, BOMs, broken XML, JSONL and WARC.
Every byte is made here; no article text is copied from anywhere."""

from __future__ import annotations

import bz2
import gzip
import json
import random
from collections.abc import Callable

import zstandard

SEED = 1313

ARTICLE = (
    "Floods close the river road\n\n"
    "MARVILLE, 21 May 2021 - At least 12 people were killed and 3,400 displaced when the Arden burst its "
    "banks on Friday, the regional governor, Lena Okafor, said.\n\n"
    "\u201cWe have never seen water like this,\u201d Okafor told reporters. The army sent 200 soldiers, and "
    "the Red Cross said it needed \u20ac2 million for shelters.\n\n"
    'Police arrested two men accused of looting, a spokesman said. "They will face the court," he added.\n'
)
QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "`", "''"]
WORDS = ["the", "minister", "said", "police", "Okafor", "floods", "killed", "2021", "army", "told", "Marville"]


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def binary(rng: random.Random) -> bytes:
    return rng.randbytes(rng.choice([1, 7, 300, 5000, 40_000]))


def signatures(rng: random.Random) -> bytes:
    magic = rng.choice([b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x7fELF", b"SQLite format 3\x00", b"\xfd7zXZ\x00"])
    return magic + rng.randbytes(rng.randint(0, 2000))


def truncated_compression(rng: random.Random) -> bytes:
    data = (ARTICLE * rng.randint(1, 20)).encode()
    packed = rng.choice([gzip.compress, bz2.compress, zstandard.ZstdCompressor(write_checksum=True).compress])(data)
    return packed[: rng.randint(1, max(2, len(packed) - 1))]


def corrupt_compression(rng: random.Random) -> bytes:
    data = bytearray(rng.choice([gzip.compress, bz2.compress, zstandard.ZstdCompressor(write_checksum=True).compress])(ARTICLE.encode()))
    for _ in range(rng.randint(1, 4)):
        data[rng.randrange(2 if data[:2] == b"\x1f\x8b" else 4, len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def lying_charset(rng: random.Random) -> bytes:
    claim = rng.choice(["utf-8", "shift_jis", "utf-16", "koi8-r", "x-no-such-charset", "iso-8859-6", "utf-32"])
    body = rng.choice(["cp1252", "cp1256", "utf-16-le", "latin-1", "utf-8"])
    text = ARTICLE if body != "cp1256" else ARTICLE.replace("Floods", "\u0641\u064a\u0636\u0627\u0646\u0627\u062a")
    if rng.random() < 0.5:
        page = f'<html><head><meta charset="{claim}"><title>Floods</title></head><body><article><p>{text}</p></article></body></html>'
    else:
        page = f'<?xml version="1.0" encoding="{claim}"?><rss version="2.0"><channel><title>Gazette</title><item><title>T</title><description>{text}</description></item></channel></rss>'
    return page.encode(body, "replace")


def nested_markup(rng: random.Random) -> bytes:
    depth = rng.choice([50, 500, 3000])
    tag = rng.choice(["div", "span", "b", "table", "p", "blockquote", "li"])
    closing = f"</{tag}>" * depth if rng.random() < 0.5 else ""  # unclosed half the time
    soup = "".join(rng.choice(["<p>", "</div>", "<script>", "<!--", "-->", "<![CDATA[", "&amp;", "&#xD800;", "<x:y>", ARTICLE[:80]]) for _ in range(200))
    return f"<html><body>{f'<{tag}>' * depth}{ARTICLE}{closing}{soup}</body></html>".encode()


def quote_storm(rng: random.Random) -> bytes:
    marks = rng.choice([300, 1000, 2500])
    if rng.random() < 0.5:
        text = "".join(rng.choice(QUOTES) + (" " if rng.random() < 0.3 else "") for _ in range(marks))
    else:
        text = " ".join(f"{rng.choice(QUOTES)}{_words(rng, rng.randint(1, 3))}{rng.choice(QUOTES)} said Okafor." for _ in range(marks // 10))
    return ("Quote storm\n\n" + text + "\n\n" + ARTICLE).encode()


def huge_line(rng: random.Random) -> bytes:
    size = rng.choice([3_000, 10_000])
    kind = rng.choice(["words", "one-token", "commas"])
    if kind == "words":
        line = _words(rng, size // 6)
    elif kind == "one-token":
        line = "x" * size
    else:
        line = ", ".join(_words(rng, 2) for _ in range(size // 12))
    return f"A headline\n\n{line}\n".encode()


def nuls_and_boms(rng: random.Random) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:
        return ARTICLE.encode().replace(b" ", b"\x00", rng.randint(1, 5))
    if choice == 1:
        return b"\xef\xbb\xbf" * rng.randint(2, 5) + ARTICLE.encode()
    if choice == 2:
        return b"\xff\xfe" + ARTICLE.encode("utf-16-le")[: rng.randrange(1, 200) * 2 + 1]  # odd length
    if choice == 3:
        return b"\xfe\xff" + ARTICLE.encode("utf-8")  # a UTF-16 BOM before UTF-8
    if choice == 4:
        return b"\x00\x00\xfe\xff" + ARTICLE.encode("utf-32-be")[:-3]
    return ARTICLE.encode("utf-16-le")  # no BOM


def broken_feed(rng: random.Random) -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>https://example.org/{i}</link><description>{ARTICLE[: rng.randint(0, 300)]}</description></item>" for i in range(rng.randint(0, 6)))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>{items}</channel></rss>'
    choice = rng.randrange(4)
    if choice == 0:
        return feed.encode()[: rng.randint(20, max(21, len(feed)))]
    if choice == 1:  # entity expansion (a small "billion laughs")
        lol = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 7)) + "]>"
        return f'<?xml version="1.0"?>{lol}<rss><channel><title>&lol6;</title><item><title>x</title><description>&lol6;</description></item></channel></rss>'.encode()
    if choice == 2:
        return feed.replace("<item>", "<item><item>", 3).replace("</title>", "", 2).encode()
    entries = "<entry><title>E</title><content type='html'>&lt;p&gt;" * rng.randint(1, 50)
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>{entries}'.encode()


def broken_jsonl(rng: random.Random) -> bytes:
    lines = []
    for i in range(rng.randint(1, 8)):
        choice = rng.randrange(7)
        if choice == 0:
            lines.append(json.dumps({"text": ARTICLE, "title": f"T{i}", "published": rng.choice(["2021-05-21", "yesterday", "99999-99-99", 12])}))
        elif choice == 1:
            lines.append('{"text": ' + json.dumps(ARTICLE)[: rng.randint(1, 60)])
        elif choice == 2:
            lines.append(json.dumps({"text": rng.choice([None, 7, ["a"], {"b": 1}, ""])}))
        elif choice == 3:
            lines.append("[" * rng.choice([10, 5000, 100_000]) + "]" * rng.choice([0, 10]))
        elif choice == 4:
            lines.append(json.dumps({"html": f"<html><body><p>{ARTICLE}</p></body></html>", "url": "javascript:alert(1)"}))
        elif choice == 5:
            lines.append('{"text": "' + "\\ud800" * rng.randint(1, 5) + ARTICLE[:50].replace('"', "") + '"}')
        else:
            lines.append(json.dumps({"text": ARTICLE, "published": "1" * 400, "title": "\u202e" * 20}))
    return "\n".join(lines).encode()


def broken_warc(rng: random.Random) -> bytes:
    body = f"<html><head><title>Floods</title></head><body><article><p>{ARTICLE}</p></article></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    length = len(http) + rng.choice([0, 0, -40, 500, 10**9])
    record = f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n".encode() + http + b"\r\n\r\n"
    data = record * rng.randint(1, 3)
    choice = rng.randrange(3)
    if choice == 0:
        data = data[: rng.randint(10, len(data))]
    elif choice == 1:
        data = data + rng.randbytes(rng.randint(1, 500))
    return gzip.compress(data) if rng.random() < 0.3 else data


def mutated_article(rng: random.Random) -> bytes:
    data = bytearray(ARTICLE.encode() * rng.randint(1, 4))
    for _ in range(rng.randint(1, 30)):
        position = rng.randrange(len(data))
        action = rng.randrange(3)
        if action == 0:
            data[position] = rng.randrange(256)
        elif action == 1:
            data[position:position] = bytes([rng.choice([0x1B, 0x0B, 0x0C, 0x85, 0xA0, 0xE2, 0x80, 0xAE, 0xFF])])
        else:
            del data[position : position + rng.randint(1, 20)]
    return bytes(data)


def empty_like(rng: random.Random) -> bytes:
    return rng.choice([b"", b" ", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf", b"<html></html>", b"{}", b"[]", b"<?xml version='1.0'?>"])


GENERATORS: dict[str, Callable[[random.Random], bytes]] = {
    "binary": binary,
    "signature": signatures,
    "truncated": truncated_compression,
    "corrupt": corrupt_compression,
    "charset": lying_charset,
    "nested": nested_markup,
    "quotes": quote_storm,
    "hugeline": huge_line,
    "nulbom": nuls_and_boms,
    "feed": broken_feed,
    "jsonl": broken_jsonl,
    "warc": broken_warc,
    "mutated": mutated_article,
    "empty": empty_like,
}


def generate(count: int, seed: int = SEED) -> list[tuple[str, bytes]]:
    """``count`` (name, bytes) inputs, the same for the same seed; the kinds take turns."""
    rng = random.Random(seed)
    kinds = list(GENERATORS)
    return [(f"{i:03d}-{kinds[i % len(kinds)]}", GENERATORS[kinds[i % len(kinds)]](rng)) for i in range(count)]
