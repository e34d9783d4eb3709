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

from sitebuild import inline_scripts
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


def test_a_refresh_that_navigates_away_stops_the_build(tmp_path):
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="5;url=https://evil.example/">')
    with pytest.raises(sh.SecurityHeadersError, match=r"<meta http-equiv=refresh content='5;url=https://evil.example/'> \(navigates away\) in index.html"):
        sh.inline_script_hashes(tmp_path)


# --- unit: only the inline scripts the project and its theme wrote ------------------------

def site_with(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"<!doctype html><title>t</title>{body}", encoding="utf-8")
    return tmp_path


def test_the_themes_scripts_are_allowed_at_every_depth_and_on_the_404_page(tmp_path):
    pages = {"index.html": theme_script("."), "a/index.html": theme_script(".."),
             "a/b/c/index.html": theme_script("../../.."), "404.html": theme_script("/learn-about-ketamine/"),
             "z/index.html": theme_script("../..", 1) + "</script><script>" + theme_script("..", 2)}
    site = site_with(tmp_path, {name: f"<script>{text}</script>" for name, text in pages.items()})
    assert len(sh.inline_script_hashes(site)) == 6  # four Material bases, one Zensical, one content script


@pytest.mark.parametrize("base", ['")+alert(1)+("', "https://evil.example/", "../x", "..\\..", "/a b/"])
def test_a_theme_script_with_anything_else_in_its_base_url_slot_stops_the_build(tmp_path, base):
    site = site_with(tmp_path, {"index.html": f"<script>{theme_script(base)}</script>"})
    with pytest.raises(sh.SecurityHeadersError, match="an inline script the project did not write"):
        sh.inline_script_hashes(site)


def test_a_script_in_a_pages_markdown_stops_the_build_naming_the_page(tmp_path):
    """As a raw <script> in docs/glossary.md arrives in the built page."""
    site = site_with(tmp_path, {"index.html": f"<script>{theme_script('.')}</script>",
                                "glossary/index.html": "<p>Terms</p><script>alert(document.domain)</script>"})
    with pytest.raises(sh.SecurityHeadersError) as error:
        sh.inline_script_hashes(site)
    message = str(error.value)
    assert "<script>alert(document.domain)</script> (an inline script the project did not write) in glossary/index.html" in message
    assert "comes from" not in message  # not from a setting


def test_the_projects_own_template_scripts_are_allowed_but_not_ones_with_template_syntax(tmp_path):
    templates = tmp_path / "overrides"
    templates.mkdir()
    (templates / "a.html").write_text('<script>if (self.origin === "null") go();</script>'
                                      '<script>var n = "{{ page.title }}";</script>'
                                      '<script type="application/json">{{ x | tojson }}</script>')
    assert inline_scripts.project_scripts(templates) == ['if (self.origin === "null") go();']
    allowed = inline_scripts.AllowedScripts(templates)
    site = site_with(tmp_path / "site", {"index.html": '<script>if (self.origin === "null") go();</script>'})
    assert sh.inline_script_hashes(site, allowed) == [sh.script_hash('if (self.origin === "null") go();')]
    (site / "b.html").write_text('<script>var n = "My page";</script>')
    with pytest.raises(sh.SecurityHeadersError, match="in b.html"):
        sh.inline_script_hashes(site, allowed)


def test_the_embed_pages_own_script_is_read_from_the_project_templates():
    own = inline_scripts.project_scripts(ROOT / "overrides")
    assert own, "the project's templates write at least one inline script (the embed page's sandbox check)"
    allowed = inline_scripts.AllowedScripts(ROOT / "overrides")
    assert all(allowed.allows(text) for text in own)


def test_a_script_from_a_setting_is_named_with_its_setting(tmp_path):
    """Settings cannot hold markup (sitebuild/setting_values.py); should one slip through
    anyway, the message names it, with the pages grouped on one line."""
    injected = '"><script>alert(1)</script>'
    pages = {f"p{i}/index.html": f'<p>{injected}</p><a href="x" onmouseover="steal()">x</a>' for i in range(30)}
    site = site_with(tmp_path, pages)
    data = {"clinic": {"name": injected, "address": 'x" onmouseover="steal()'},
            "crisis_lines": [{"id": "clinic-1", "name": "<script>alert(1)</script>Samaritans"}, {"id": "us-988", "name": "988"}]}
    with pytest.raises(sh.SecurityHeadersError) as error:
        sh.inline_script_hashes(site, site=data)
    lines = [line for line in str(error.value).splitlines() if line.startswith("  - ")]
    assert lines == [
        "  - <script>alert(1)</script> (an inline script the project did not write) in 30 pages "
        "(p0/index.html, p1/index.html, p10/index.html and 27 more); it comes from "
        "extra.clinic.crisis_lines[0].name, extra.clinic.name",
        "  - <a onmouseover='steal()'> (inline event handler) in 30 pages "
        "(p0/index.html, p1/index.html, p10/index.html and 27 more); it comes from extra.clinic.address",
    ]


def installed_theme_scripts() -> dict[str, list[str]]:
    """The inline scripts in the installed themes' partials/javascripts/ (Material for
    MkDocs and Zensical), with each template expression replaced by the base-URL slot."""
    import material
    import zensical

    found = {}
    for theme in (material, zensical):
        folder = Path(theme.__file__).parent / "templates" / "partials" / "javascripts"
        for partial in sorted(folder.glob("*.html")):
            bodies = re.findall(r"<script>(.*?)</script>", partial.read_text(encoding="utf-8"), re.S)
            found[f"{theme.__name__}/{partial.name}"] = [re.sub(r"\{\{.*?\}\}", inline_scripts.BASE_SLOT, b) for b in bodies]
    return found


def test_the_known_theme_scripts_are_the_installed_themes():
    """Each allowed theme script is word for word one the installed theme writes; and the
    ones every page carries (base, content, palette) are all allowed. After a theme update
    this test shows the new text: check what it does before copying it into
    sitebuild/data/inline_scripts.toml."""
    installed = installed_theme_scripts()
    known = [script["text"] for script in inline_scripts.theme_scripts()]
    every = [text for texts in installed.values() for text in texts]
    assert [text for text in known if text not in every] == []
    for name in ("base.html", "palette.html"):
        for theme in ("material", "zensical"):
            assert installed[f"{theme}/{name}"][0] in known, (theme, name, installed[f"{theme}/{name}"][0])
    assert installed["material/content.html"][-1] in known
    # Left out on purpose: the scripts that read or write storage for features the site does
    # not use (consent, announce, outdated, linked content tabs).
    for name in ("consent.html", "announce.html", "outdated.html"):
        assert installed[f"material/{name}"][0] not in known, name


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


@pytest.mark.parametrize("value", ["https://a.example\n", "https://a.example\r\nSet-Cookie: x=1", "https://a.example\x00", "https://ä.example"])
def test_a_header_value_with_a_control_character_is_refused_naming_the_settings(value, tmp_path):
    headers = sh.security_headers(sh.content_security_policy([], [value]), [value])
    for render in (sh.render_nginx_include, lambda h: sh.render_headers_file(sh.MARKER, h), sh.render_embed_rule):
        with pytest.raises(sh.SecurityHeadersError, match=r"The Content-Security-Policy header cannot be sent: it holds U\+.*extra\.clinic\.frame_ancestors or extra\.clinic\.embed_origins"):
            render(headers)
    (tmp_path / "index.html").write_text("<p>x</p>")
    with pytest.raises(sh.SecurityHeadersError):
        sh.write_header_files(ROOT, tmp_path, [value])
    assert not (tmp_path / sh.NGINX_FILE).exists()


def test_a_non_hash_source_is_refused():
    with pytest.raises(sh.SecurityHeadersError):
        sh.content_security_policy(["'unsafe-inline'"], ["'none'"])


def theme_script(base: str, which: int = 0) -> str:
    """One of the theme's known inline scripts, as a page at ``base`` carries it."""
    return inline_scripts.theme_scripts()[which]["text"].replace(inline_scripts.BASE_SLOT, base)


def test_write_header_files_on_a_small_site(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(f'<script>{theme_script(".")}</script>')
    (tmp_path / "a" / "index.html").write_text(f'<script>{theme_script("..")}</script>')
    out = sh.write_header_files(ROOT, tmp_path, ["'self'"])
    assert out["hashes"] == sorted({sh.script_hash(theme_script(".")), sh.script_hash(theme_script(".."))})
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
