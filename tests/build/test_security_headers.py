"""The Content-Security-Policy and other headers: hashes computed at build time allow exactly
the theme's inline scripts, the policy is strict, and the nginx include and the _headers file
send the same headers. (What the server actually sends is checked against a running nginx in
tests/quality/test_server.py; that the browser obeys it, in tests/quality/test_csp.py.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from sitebuild import security_headers as sh

from ..conftest import ROOT

REQUIRED = {
    "default-src": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
}


def parse_csp(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        assert name not in directives, f"directive {name} given twice"
        directives[name] = values
    return directives


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """_headers as {path: {name: value}} (a path line, then indented 'Name: value' lines;
    a detached header, '! Name', as {'! Name': ''})."""
    rules: dict[str, dict[str, str]] = {}
    path = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            path = line.strip()
            assert path not in rules, f"{path} given twice"
            rules[path] = {}
        elif line.strip().startswith("! "):
            assert path, f"malformed line {line!r}"
            rules[path][line.strip()] = ""
        else:
            name, _, value = line.strip().partition(":")
            assert path and name and value, f"malformed line {line!r}"
            rules[path][name] = value.strip()
    return rules


def parse_nginx_include(text: str) -> dict[str, str]:
    lines = [l for l in text.splitlines() if l.strip() and not l.startswith("#")]
    out = {}
    for line in lines:
        m = re.fullmatch(r'add_header ([A-Za-z-]+) "([^"$\\]*)" always;', line)
        assert m, f"unexpected line in nginx include: {line!r}"
        out[m[1]] = m[2]
    return out


def independent_hashes(site: Path) -> set[str]:
    """The same hashes, found another way (regex over the raw HTML), to check the parser."""
    found = set()
    for page in site.rglob("*.html"):
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script\s*>", page.read_text(), re.S | re.I):
            if "src=" in attrs:
                continue
            kind = re.search(r"type\s*=\s*[\"']?([^\"'\s>]+)", attrs)
            if kind and kind[1].lower() in ("application/ld+json", "application/json"):
                continue
            found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return found


# --- unit: hashing and what needs no hash ------------------------------------------------

def test_hash_is_the_csp_sha256_of_the_script_text():
    # Known value: sha256("alert(1)") in base64.
    assert sh.script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_only_inline_executable_scripts_are_collected():
    html = (
        '<script>a()</script>'
        '<script type="module">b()</script>'
        '<script type="text/javascript">c()</script>'
        '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>'
        '<script id="__config" type="application/json">{"base": ".."}</script>'
        '<script src="assets/x.js"></script>'
        '<script type="text/plain">not run</script>'
    )
    scripts, blocked = sh.scan_html(html)
    assert scripts == ["a()", "b()", "c()"]
    assert blocked == []


def test_newlines_are_normalised_as_the_browser_does_before_hashing():
    scripts, _ = sh.scan_html("<script>a()\r\nb()</script>")
    assert scripts == ["a()\nb()"]


@pytest.mark.parametrize("markup, reason", [
    ('<button onclick="go()">Go</button>', "inline event handler"),
    ('<a href="javascript:go()">Go</a>', "javascript: URL"),
    ('<p style="color: red">Hi</p>', "inline style attribute"),
    ("<style>p { color: red }</style>", "inline stylesheet"),
])
def test_markup_the_policy_would_block_stops_the_build(tmp_path, markup, reason):
    (tmp_path / "index.html").write_text(f"<!doctype html><title>t</title>{markup}")
    with pytest.raises(sh.SecurityHeadersError, match=reason):
        sh.inline_script_hashes(tmp_path)


# --- unit: the policy ---------------------------------------------------------------------

def test_policy_is_strict_and_complete():
    csp = parse_csp(sh.content_security_policy(["'sha256-abc='"], ["'none'"]))
    for name, values in REQUIRED.items():
        assert csp[name] == values, name
    assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'sha256-abc='"]


def test_clinic_frame_ancestors_reach_the_policy_and_the_legacy_header():
    csp = parse_csp(sh.content_security_policy([], ["https://clinic.example", "https://portal.example"]))
    assert csp["frame-ancestors"] == ["https://clinic.example", "https://portal.example"]
    headers = dict(sh.security_headers("x", ["https://clinic.example"]))
    assert "X-Frame-Options" not in headers  # cannot express an origin list
    assert dict(sh.security_headers("x", ["'self'"]))["X-Frame-Options"] == "SAMEORIGIN"
    assert dict(sh.security_headers("x", ["'none'"]))["X-Frame-Options"] == "DENY"


def test_a_non_hash_source_is_refused():
    with pytest.raises(sh.SecurityHeadersError):
        sh.content_security_policy(["'unsafe-inline'"], ["'none'"])


def test_write_header_files_on_a_small_site(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<script>x=new URL(".",location)</script>')
    (tmp_path / "a" / "index.html").write_text('<script>x=new URL("..",location)</script>')
    out = sh.write_header_files(ROOT, tmp_path, ["'self'"])
    assert out["hashes"] == sorted({sh.script_hash('x=new URL(".",location)'), sh.script_hash('x=new URL("..",location)')})
    rules = parse_headers_file((tmp_path / "_headers").read_text())
    assert rules["/*"]["Content-Security-Policy"] == out["csp"]
    assert parse_nginx_include((tmp_path / "_nginx-security-headers.conf").read_text()) == dict(out["headers"])
    assert parse_csp(out["csp"])["frame-ancestors"] == ["'self'"]
    # The embed page's rule: detaches the "/*" policy, then its own ('none' without embed_origins).
    embed = rules[sh.EMBED_PATH + "*"]
    assert list(embed)[:2] == ["! Content-Security-Policy", "! X-Frame-Options"]
    assert parse_csp(embed["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert parse_nginx_include((tmp_path / sh.EMBED_NGINX_FILE).read_text()) == dict(out["embed_headers"])


def test_only_the_embed_pages_framing_differs(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>")
    out = sh.write_header_files(ROOT, tmp_path, ["'none'"], ["https://a.example", "https://b.example:8443"])
    embed, pages = dict(out["embed_headers"]), dict(out["headers"])
    assert parse_csp(embed["Content-Security-Policy"])["frame-ancestors"] == ["https://a.example", "https://b.example:8443"]
    assert pages["X-Frame-Options"] == "DENY" and "X-Frame-Options" not in embed
    same = lambda h: {k: v for k, v in h.items() if k not in ("X-Frame-Options",)}  # noqa: E731
    assert same(embed)["Content-Security-Policy"].replace("https://a.example https://b.example:8443", "'none'") == pages["Content-Security-Policy"]
    assert {k: v for k, v in same(embed).items() if k != "Content-Security-Policy"} == {k: v for k, v in same(pages).items() if k != "Content-Security-Policy"}


# --- the built site -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def generated(built_site):
    headers_file = parse_headers_file((built_site / "_headers").read_text())
    nginx = parse_nginx_include((built_site / "_nginx-security-headers.conf").read_text())
    return headers_file, nginx


def test_built_policy_allows_exactly_the_sites_inline_scripts(built_site, generated):
    _, nginx = generated
    csp = parse_csp(nginx["Content-Security-Policy"])
    hashes = {v for v in csp["script-src"] if v.startswith("'sha256-")}
    assert hashes == independent_hashes(built_site)
    assert hashes == set(sh.inline_script_hashes(built_site))
    assert hashes, "Material's inline scripts should need at least one hash"


def test_built_policy_is_strict(generated):
    _, nginx = generated
    policy = nginx["Content-Security-Policy"]
    for loose in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:", "blob:"):
        assert loose not in policy.split(), loose
    csp = parse_csp(policy)
    for name, values in REQUIRED.items():
        assert csp[name] == values, name  # the default clinic config: frame-ancestors 'none'
    assert csp["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]


def test_nginx_and_headers_file_send_the_same_security_headers(generated):
    headers_file, nginx = generated
    assert headers_file["/*"] == nginx
    assert nginx["Referrer-Policy"] == "no-referrer"
    assert nginx["X-Content-Type-Options"] == "nosniff"
    assert nginx["Cross-Origin-Opener-Policy"] == "same-origin"
    denied = dict(item.split("=") for item in nginx["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics"):
        assert denied[feature] == "()", feature


def test_headers_file_cache_rules_match_real_files(built_site, generated):
    headers_file, _ = generated
    for pattern, headers in headers_file.items():
        if pattern == "/*":
            assert "Cache-Control" not in headers  # would merge into every other rule
            continue
        # The embed page's own policy (tests/build/test_branding.py), in each language.
        if pattern.endswith(sh.EMBED_PATH + "*"):
            assert "Cache-Control" not in headers
            continue
        assert headers == {"Cache-Control": "public, max-age=31536000, immutable"}, pattern
        regex = re.escape(pattern.lstrip("/")).replace(r"\*", ".*")
        matches = [p for p in built_site.rglob("*") if p.is_file() and re.fullmatch(regex, p.relative_to(built_site).as_posix())]
        assert matches, f"_headers rule {pattern} matches no file in the built site"
        for path in matches:  # long caching only for names that change with their content
            rel = path.relative_to(built_site).as_posix()
            rel = re.sub(r"\.(br|gz)$", "", rel)  # the build's precompressed copies (sitebuild/precompress.py)
            assert re.search(r"\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$", rel) or re.fullmatch(r"assets/pyodide/[^/]+/(pyodide\.mjs|pyodide\.asm\.\w+|python_stdlib\.[0-9a-f]{12}\.zip)", rel), rel
            assert "lock" not in rel and not rel.endswith(".whl"), rel


def test_no_template_marker_is_left(built_site):
    assert sh.MARKER not in (built_site / "_headers").read_text()
