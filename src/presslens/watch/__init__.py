"""``presslens watch``: follow outlets' feeds, sitemaps and home pages into the corpus, politely, without end.

- ``sources``: the SOURCES file (text lines, OPML) and command-line URLs;
- ``fetch``: the polite HTTP client (robots.txt, one connection and a minimum delay per host, conditional
  GET, backoff with Retry-After, timeouts, size caps, limited redirects);
- ``discover``: what a source is (feed, sitemap, home page) and the article links it lists;
- ``items``: canonical URLs, entry hashes, raw articles from feed entries and fetched pages;
- ``loop``: one pass and the endless loop, stopping cleanly on SIGTERM and Ctrl-C.

The state (sources, validators, checks, failures, items, versions) is in the corpus: ``store/sources.py``.
"""
