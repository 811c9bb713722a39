"""The corpus database (SQLite): every SQL statement and every write of presslens.

``db`` opens it (one writer, read-only readers) and writes through ``Store``; ``schema`` holds the migrations,
``rows`` turns a record into rows, ``names`` gives corpus entity ids; ``search``, ``entities``, ``stories``
and ``compare`` read it for the CLI, the web app and the exports.
"""
