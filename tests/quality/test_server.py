"""The production nginx config (deploy/nginx/) as the tests run it: every response carries the
security headers, with the right MIME types, compression and caching. Plain HTTP requests,
no browser. Compression: the build's precompressed copies (.br, .gz) are what nginx sends,
byte for byte, to a browser that accepts them."""

from __future__ import annotations

import gzip
import http.client
import re
from urllib.parse import urlsplit

import pytest

from ..conftest import NGINX_HEADERS
from ..build.test_security_headers import parse_nginx_include

LONG = "public, max-age=31536000, immutable"


def fetch(url: str, gzip: bool = True, accept: str | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    encoding = accept if accept is not None else ("gzip" if gzip else None)
    conn.request("GET", parts.path, headers={"Accept-Encoding": encoding} if encoding else {})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


@pytest.fixture(scope="module")
def expected_headers(built_site) -> dict[str, str]:
    return parse_nginx_include((built_site / NGINX_HEADERS).read_text())


def one(built_site, pattern: str) -> str:
    """The site-relative path of the single built file matching ``pattern``."""
    found = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if re.fullmatch(pattern, p.relative_to(built_site).as_posix()))
    assert found, f"no built file matches {pattern}"
    return found[0]


CASES = [
    # (file pattern, content type, cache-control, gzip expected)
    (r"index\.html", "text/html; charset=utf-8", "no-cache", True),
    (r"learn/how-ketamine-works/index\.html", "text/html; charset=utf-8", "no-cache", True),
    (r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", "text/css", LONG, True),
    (r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", "text/javascript", LONG, True),
    (r"assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js", "text/javascript", LONG, True),
    (r"assets/stylesheets/site\.css", "text/css", "no-cache", True),
    (r"assets/pyodide/[^/]+/pyodide\.mjs", "text/javascript", LONG, True),
    (r"assets/pyodide/[^/]+/pyodide\.asm\.mjs", "text/javascript", LONG, True),
    (r"assets/pyodide/[^/]+/pyodide\.asm\.wasm", "application/wasm", LONG, True),
    # The trimmed standard library: stored entries, so it is compressed on the wire.
    (r"assets/pyodide/[^/]+/python_stdlib\.[0-9a-f]{12}\.zip", "application/zip", LONG, True),
    (r"assets/pyodide/[^/]+/pyodide-lock\.json", "application/json", "no-cache", None),
    (r"assets/pyodide/[^/]+/selfcheck-.*\.whl", "application/octet-stream", "no-cache", False),
    (r"search/search_index\.json", "application/json", "no-cache", True),
]


@pytest.mark.parametrize("pattern, content_type, cache, gzipped", CASES, ids=[c[0] for c in CASES])
def test_file_is_served_with_headers_type_caching_and_compression(site_url, built_site, expected_headers, pattern, content_type, cache, gzipped):
    path = one(built_site, pattern)
    url = site_url + (path[: -len("index.html")] if path.endswith("index.html") else path)
    response = fetch(url)
    assert response.status == 200, url
    for name, value in expected_headers.items():
        assert response.getheader(name) == value, f"{name} on {path}"
    assert response.getheader("Content-Type") == content_type
    assert response.getheader("Cache-Control") == cache
    if gzipped is not None:
        assert (response.getheader("Content-Encoding") == "gzip") is gzipped, path
    assert "nginx/" not in (response.getheader("Server") or "")  # server_tokens off


def test_worker_scripts_carry_the_policy(site_url, built_site, expected_headers):
    """A URL-loaded worker takes its CSP from its own response: every .js and .mjs has it."""
    scripts = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.suffix in (".js", ".mjs")]
    scripts = [s for s in scripts if "/lunr/min/" not in s]  # 30 language files, same rule
    assert scripts
    for path in scripts:
        response = fetch(site_url + path)
        assert response.status == 200, path
        assert response.getheader("Content-Security-Policy") == expected_headers["Content-Security-Policy"], path
        assert response.getheader("Content-Type") == "text/javascript" or response.getheader("Content-Type").startswith("application/javascript"), path


@pytest.mark.parametrize("path", ["no-such-page/", "learn/no-such-page/deeper/still", "_headers", NGINX_HEADERS])
def test_not_found_and_server_files_are_404_with_the_headers(site_url, built_site, expected_headers, path):
    response = fetch(site_url + path)
    assert response.status == 404
    for name, value in expected_headers.items():
        assert response.getheader(name) == value, name
    assert response.getheader("Cache-Control") is None  # a 404 is never cached for a year
    # The site's own "page not found" page, found under the sub-path the site is served at.
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.body) == (built_site / "404.html").read_bytes()


def fetch_http10(url: str, accept: str) -> tuple[str, dict[str, str], bytes]:
    """A GET as an HTTP/1.0 client sends it (http.client only speaks 1.1): a proxy in front
    of nginx speaks 1.0 by default (proxy_http_version)."""
    import socket

    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
        conn.sendall(f"GET {parts.path} HTTP/1.0\r\nHost: {parts.netloc}\r\nAccept-Encoding: {accept}\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(1 << 20):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    return status, {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}, body


@pytest.mark.parametrize("pattern", [r"assets/pyodide/[^/]+/pyodide\.asm\.wasm", r"self-check/index\.html"])
def test_an_http_1_0_client_gets_the_gzip_copy_too(site_url, built_site, pattern):
    path = one(built_site, pattern)
    status, headers, body = fetch_http10(url_of(site_url, path), "gzip")
    assert status.endswith(" 200 OK")
    assert headers.get("content-encoding") == "gzip"
    assert body == (built_site / (path + ".gz")).read_bytes()


def test_folder_without_slash_redirects_relatively(site_url):
    response = fetch(site_url + "privacy")
    assert response.status == 301
    assert response.getheader("Location") == urlsplit(site_url).path + "privacy/"


def test_nothing_is_served_outside_the_sub_path(site_url):
    parts = urlsplit(site_url)
    assert fetch(f"{parts.scheme}://{parts.netloc}/index.html").status == 404


# The engine's files and a page: what a phone downloads before the self-check is ready.
PRECOMPRESSED = [
    r"assets/pyodide/[^/]+/pyodide\.asm\.wasm",
    r"assets/pyodide/[^/]+/pyodide\.asm\.mjs",
    r"assets/pyodide/[^/]+/pyodide\.mjs",
    r"assets/pyodide/[^/]+/python_stdlib\.[0-9a-f]{12}\.zip",
    r"assets/javascripts/selfcheck-worker\.js",
    r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js",
    r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css",
    r"self-check/index\.html",
    r"search/search_index\.json",
]


def url_of(site_url: str, path: str) -> str:
    return site_url + (path[: -len("index.html")] if path.endswith("index.html") else path)


@pytest.mark.parametrize("pattern", PRECOMPRESSED, ids=PRECOMPRESSED)
@pytest.mark.parametrize("accept, encoding, suffix", [
    ("br, gzip, deflate", "br", ".br"),     # what Chromium, Firefox and Safari send over HTTPS
    ("gzip, deflate", "gzip", ".gz"),       # over plain HTTP, browsers do not offer br
])
def test_the_precompressed_copy_is_sent_as_it_is(site_url, built_site, expected_headers, pattern, accept, encoding, suffix):
    path = one(built_site, pattern)
    original = (built_site / path).read_bytes()
    copy = (built_site / (path + suffix)).read_bytes()
    response = fetch(url_of(site_url, path), accept=accept)
    assert response.status == 200
    assert response.getheader("Content-Encoding") == encoding
    assert response.body == copy  # the build's copy, not an on-the-fly recompression
    assert int(response.getheader("Content-Length")) == len(copy) < len(original)
    assert "Accept-Encoding" in (response.getheader("Vary") or "")
    for name, value in expected_headers.items():
        assert response.getheader(name) == value, f"{name} on {path}{suffix}"
    assert response.getheader("Content-Type") != "application/x-brotli"  # the type of the file itself


def test_without_accept_encoding_the_file_itself_is_sent(site_url, built_site):
    path = one(built_site, r"assets/pyodide/[^/]+/pyodide\.asm\.wasm")
    response = fetch(url_of(site_url, path), gzip=False)
    assert response.getheader("Content-Encoding") is None
    assert response.body == (built_site / path).read_bytes()


def test_the_engine_travels_in_under_4_2_mb_with_brotli(site_url, built_site):
    """Issue 11's budget for the bytes before the self-check is ready: the runtime, the
    trimmed standard library and the wheel, as nginx sends them with brotli."""
    engine = [one(built_site, p) for p in PRECOMPRESSED[:4]]
    engine += [one(built_site, r"assets/pyodide/[^/]+/selfcheck-.*\.whl"), one(built_site, r"assets/pyodide/[^/]+/pyodide-lock\.json")]
    sizes = {p: len(fetch(url_of(site_url, p), accept="br, gzip").body) for p in engine}
    assert sum(sizes.values()) < 4.2e6, sizes
    wasm = sizes[engine[0]]
    assert wasm < 2.9e6  # brotli 11 (gzip -9 gives about 3.5 MB)


def test_the_copies_match_their_files_and_sit_only_beside_compressible_ones(built_site):
    from sitebuild import precompress

    assert precompress.check_copies(built_site) == []
    copies = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.br")]
    assert not [c for c in copies if c.endswith((".whl.br", ".png.br", ".woff2.br"))]
    assert len(copies) > 20
    # gzip copies carry no file name or time: the same build gives the same bytes.
    wasm_gz = (built_site / one(built_site, r"assets/pyodide/[^/]+/pyodide\.asm\.wasm")).with_suffix(".wasm.gz")
    assert wasm_gz.read_bytes()[4:8] == b"\0\0\0\0" and gzip.decompress(wasm_gz.read_bytes())
