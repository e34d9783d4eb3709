"""Precompressed copies of the built site's text files: ``name.br`` (brotli, quality 11) and
``name.gz`` (gzip, level 9) beside each file, for servers that send them as they are
(nginx ``brotli_static`` and ``gzip_static``, see deploy/nginx/ketamine-site.conf).

Compressing at the highest levels is slow (the 9.6 MB WebAssembly file takes about half a
minute at brotli 11) and the server would have to do it on every request; here it happens
once per build, and the results are kept in a cache keyed by the file's sha256
(``build/precompressed/``, removed by ``make clean``), so a rebuild only compresses what
changed. A copy is written only when it is smaller than the file; ``.gz`` copies keep no
name or time, so the same site gives the same bytes.

Run it last: after it, any change to a file would leave a stale copy beside it.
``check_copies`` (used by the tests) finds any copy that does not match its file.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

# Text and other compressible files. Zip files are compressed already, except the trimmed
# standard library (stored entries, see sitebuild/stdlib_trim.py), matched by name.
SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".wasm", ".txt", ".xml", ".map", ".ico", ".webmanifest")
STORED_ZIPS = ("python_stdlib.",)
MIN_SIZE = 512  # smaller files gain nothing worth a second request path
ENCODINGS = {".br": lambda data: brotli.compress(data, quality=11),
             ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}


class PrecompressError(RuntimeError):
    pass


def wanted(path: Path) -> bool:
    name = path.name
    if name.endswith((".br", ".gz")) or not path.is_file() or path.stat().st_size < MIN_SIZE:
        return False
    return name.endswith(SUFFIXES) or (name.endswith(".zip") and name.startswith(STORED_ZIPS))


def _compress(path: Path, cache: Path | None) -> int:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    written = 0
    for suffix, encode in ENCODINGS.items():
        target = path.with_name(path.name + suffix)
        cached = cache / (digest + suffix) if cache else None
        if cached is not None and cached.is_file():
            packed = cached.read_bytes()
        else:
            packed = encode(data)
            if cached is not None:
                cache.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile(dir=cache, delete=False) as tmp:
                    tmp.write(packed)
                os.replace(tmp.name, cached)  # atomic: parallel builds share the cache
        if len(packed) < len(data):
            target.write_bytes(packed)
            written += 1
        else:
            target.unlink(missing_ok=True)
    return written


def precompress_site(site_dir: Path, cache: Path | None = None) -> int:
    """Write .br and .gz beside every compressible file in ``site_dir``; return how many."""
    files = sorted(p for p in Path(site_dir).rglob("*") if wanted(p))
    # The biggest first, so the wasm does not finish last on its own.
    files.sort(key=lambda p: -p.stat().st_size)
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return sum(pool.map(lambda p: _compress(p, cache), files))


def check_copies(site_dir: Path) -> list[str]:
    """Every .br/.gz copy that does not decode to the file beside it (or has no file)."""
    wrong = []
    for copy in sorted(Path(site_dir).rglob("*")):
        if copy.suffix not in ENCODINGS or copy.name == "sitemap.xml.gz":
            continue
        original = copy.with_name(copy.name[: -len(copy.suffix)])
        if not original.is_file():
            wrong.append(f"{copy.name}: no {original.name} beside it")
            continue
        decoded = brotli.decompress(copy.read_bytes()) if copy.suffix == ".br" else gzip.decompress(copy.read_bytes())
        if decoded != original.read_bytes():
            wrong.append(f"{copy.name} does not match {original.name}")
    return wrong
