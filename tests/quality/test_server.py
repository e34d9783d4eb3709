"""The production nginx config (deploy/nginx/) as the tests run it: every response carries the
security headers, with the right MIME types, compression and caching. Plain HTTP requests,
no browser."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlsplit

import pytest

from ..conftest import NGINX_HEADERS
from ..build.test_security_headers import parse_nginx_include

LONG = "public, max-age=31536000, immutable"


def fetch(url: str, gzip: bool = True) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("GET", parts.path, headers={"Accept-Encoding": "gzip"} if gzip else {})
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
    (r"assets/pyodide/[^/]+/python_stdlib\.zip", "application/zip", LONG, False),
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


@pytest.mark.parametrize("path", ["no-such-page/", "_headers", NGINX_HEADERS])
def test_not_found_and_server_files_are_404_with_the_headers(site_url, expected_headers, path):
    response = fetch(site_url + path)
    assert response.status == 404
    for name, value in expected_headers.items():
        assert response.getheader(name) == value, name
    assert response.getheader("Cache-Control") is None  # a 404 is never cached for a year


def test_folder_without_slash_redirects_relatively(site_url):
    response = fetch(site_url + "privacy")
    assert response.status == 301
    assert response.getheader("Location") == urlsplit(site_url).path + "privacy/"


def test_nothing_is_served_outside_the_sub_path(site_url):
    parts = urlsplit(site_url)
    assert fetch(f"{parts.scheme}://{parts.netloc}/index.html").status == 404
