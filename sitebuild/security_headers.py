"""The HTTP security headers for the built site, computed from the built HTML.

Material for MkDocs puts small inline scripts in every page (``__md_scope`` and friends; the
text embeds the page's relative base URL, so it differs by folder depth). A strict
Content-Security-Policy allows them by their sha256 hash instead of ``'unsafe-inline'``. The
hashes are only known after the build, so this module:

1. finds every inline *executable* ``<script>`` in ``site/**/*.html`` (JSON-LD and JSON data
   blocks are never executed and need no hash), checks that each is one the project or its
   theme wrote (``sitebuild.inline_scripts``: anything else, like a ``<script>`` in a page's
   Markdown, stops the build naming the page), and hashes its text as the browser does;
2. builds the policy and the other headers (one list, so every server config sends the
   same), and checks that no value holds a control character (a line break would end the
   header block early, and every later header would become the start of the page);
3. writes them where the server configs in ``deploy/`` read them:

   - ``site/_headers``: the ``deploy/_headers`` template (caching rules) with the security
     headers filled in, for static hosts that read a ``_headers`` file (Netlify, Cloudflare
     Pages);
   - ``site/_nginx-security-headers.conf``: ``add_header ... always;`` lines that
     ``deploy/nginx/ketamine-site.conf`` includes in every location;
   - ``site/_nginx-embed-security-headers.conf``: the same for the embeddable self-check
     (``embed/self-check/``) alone, whose ``frame-ancestors`` is the clinic's
     ``embed_origins`` (``'none'`` when it has none); ``_headers`` gets a rule for it too.

Plain functions of paths and settings, so any generator (MkDocs today, Zensical later) can call
them after it has written the HTML.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from . import inline_scripts

HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx-security-headers.conf"
EMBED_NGINX_FILE = "_nginx-embed-security-headers.conf"
EMBED_PATH = "/embed/self-check/"
# The headers the embed page sends differently from every other page.
EMBED_DIFFERS = ("Content-Security-Policy", "X-Frame-Options")
TEMPLATE = Path("deploy") / "_headers"
MARKER = "@SECURITY_HEADERS@"


# Features the site never uses. Only names Chromium recognises: an unknown name (as of
# Chromium 156: ambient-light-sensor, battery, bluetooth, document-domain, web-share and the
# ad-auction ones) makes it log "Unrecognized feature" on every response.
DENIED_FEATURES = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "clipboard-read",
    "display-capture", "encrypted-media", "gamepad", "geolocation", "gyroscope", "hid",
    "identity-credentials-get", "idle-detection", "interest-cohort", "local-fonts",
    "magnetometer", "microphone", "midi", "otp-credentials", "payment",
    "publickey-credentials-create", "publickey-credentials-get", "screen-wake-lock", "serial",
    "usb", "window-management", "xr-spatial-tracking",
)


class SecurityHeadersError(RuntimeError):
    """The built site cannot be served under the strict policy; the message says why."""


class _InlineScripts(inline_scripts.ScriptBodies):
    """Collects the text of inline executable scripts (``scripts``), and markup a strict
    CSP would block or that would take the visitor elsewhere."""

    def __init__(self):
        super().__init__()
        # (what it is, the text that shows where it came from): inline handlers,
        # javascript: URLs, inline styles, a refresh that navigates away.
        self.found: list[tuple[str, str]] = []

    @property
    def blocked(self) -> list[str]:
        return [what for what, _evidence in self.found]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"<{tag} {name}={_short(value)}> (inline event handler)", value or ""))
            elif name == "style":
                self.found.append((f"<{tag} style={value!r}> (inline style attribute)", value or ""))
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append((f"<{tag} {name}={value!r}> (javascript: URL)", value or ""))
        if tag == "style":
            self.found.append(("<style> element (inline stylesheet)", ""))
        if tag == "meta" and (attributes.get("http-equiv") or "").strip().lower() == "refresh":
            # Not a script, but it sends the visitor to another address, which no CSP stops.
            content = attributes.get("content") or ""
            self.found.append((f"<meta http-equiv=refresh content={_short(content)}> (navigates away)", content))
        super().handle_starttag(tag, attrs)


def _short(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _scan(html: str) -> _InlineScripts:
    parser = _InlineScripts()
    # Browsers normalise newlines before hashing (HTML input stream preprocessing).
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return parser


def scan_html(html: str) -> tuple[list[str], list[str]]:
    """The inline executable scripts in ``html`` and the markup a strict CSP would block."""
    parser = _scan(html)
    return parser.scripts, parser.blocked


def script_hash(text: str) -> str:
    """The CSP source expression for one inline script: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _pages(pages: list[str], shown: int = 3) -> str:
    if len(pages) == 1:
        return pages[0]
    more = f" and {len(pages) - shown} more" if len(pages) > shown else ""
    return f"{len(pages)} pages ({', '.join(pages[:shown])}{more})"


def inline_script_hashes(site_dir: Path, allowed: inline_scripts.AllowedScripts | None = None,
                         site: dict | None = None) -> list[str]:
    """Sorted, distinct hashes of the inline executable scripts in the built site.

    Raises SecurityHeadersError, naming the pages (and the clinic setting whose text it
    holds, from ``site``, the stage's site data), when a page has an inline script that is
    not ``allowed`` (default: the project's templates and the theme's known scripts), or
    markup the policy would block: an inline event handler, a ``javascript:`` URL, a
    ``<style>`` element or ``style`` attribute (allowing those would need
    ``'unsafe-inline'`` or ``'unsafe-hashes'``), or a ``<meta http-equiv="refresh">``.
    """
    site_dir = Path(site_dir)
    if allowed is None:
        allowed = inline_scripts.AllowedScripts(Path(__file__).resolve().parent.parent / "overrides")
    hashes: set[str] = set()
    problems: dict[tuple[str, str], list[str]] = {}  # (what, evidence) -> pages
    for page in sorted(site_dir.rglob("*.html")):
        where = page.relative_to(site_dir).as_posix()
        parser = _scan(page.read_text(encoding="utf-8"))
        for text in parser.scripts:
            if allowed.allows(text):
                hashes.add(script_hash(text))
            else:
                problems.setdefault((f"<script>{_short(text)[1:-1]}</script> (an inline script the project did not write)", text), []).append(where)
        for found in parser.found:
            problems.setdefault(found, []).append(where)
    if problems:
        settings = inline_scripts.settings_texts(site)
        lines = []
        for (what, evidence), pages in problems.items():
            keys = inline_scripts.where_from(evidence, settings)
            origin = f"; it comes from {', '.join(keys)}" if keys else ""
            lines.append(f"{what} in {_pages(pages)}{origin}")
        raise SecurityHeadersError(
            "The built pages hold markup the site's Content-Security-Policy must not allow "
            "(sitebuild/security_headers.py; the inline scripts it allows are the project's "
            "templates' and those in sitebuild/data/inline_scripts.toml). Remove it from the "
            "page's Markdown, the template or the setting named:\n"
            + "\n".join(f"  - {line}" for line in lines)
        )
    return sorted(hashes)


def content_security_policy(hashes: list[str], frame_ancestors: list[str]) -> str:
    """The policy: same-origin everything, WebAssembly allowed, no inline code but ``hashes``."""
    for source in hashes:
        if not (source.startswith("'sha256-") and source.endswith("'")):
            raise SecurityHeadersError(f"Not a sha256 source expression: {source!r}")
    directives = [
        ("default-src", ["'none'"]),
        # 'wasm-unsafe-eval' lets Pyodide compile WebAssembly; it does not allow eval().
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *hashes]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'none'"]),
        ("object-src", ["'none'"]),
        ("frame-ancestors", list(frame_ancestors or ["'none'"])),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def security_headers(csp: str, frame_ancestors: list[str]) -> list[tuple[str, str]]:
    """Every header the site sends on every response, as (name, value) in a fixed order."""
    headers = [
        ("Content-Security-Policy", csp),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("Permissions-Policy", ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        # HTTPS only from now on, for this host alone (browsers ignore it over plain http).
        ("Strict-Transport-Security", "max-age=31536000"),
    ]
    # For browsers too old for frame-ancestors; only the two values it can express.
    legacy = {"'none'": "DENY", "'self'": "SAMEORIGIN"}
    if len(frame_ancestors) == 1 and frame_ancestors[0] in legacy:
        headers.append(("X-Frame-Options", legacy[frame_ancestors[0]]))
    return headers


# Where a header's value can come from the clinic's settings (named when a value is wrong).
_FROM_SETTINGS = {
    "Content-Security-Policy": "frame-ancestors comes from extra.clinic.frame_ancestors or extra.clinic.embed_origins",
}


def check_header_values(headers: list[tuple[str, str]]) -> None:
    """Every name a token and every value printable ASCII on one line. A line break in a
    value would end the response's header block early (the site stops loading); any
    other control character is refused by browsers or servers."""
    for name, value in headers:
        bad = sorted({c for c in value if not (" " <= c <= "~")})
        if not re.fullmatch(r"[A-Za-z0-9-]+", name) or bad:
            shown = ", ".join(f"U+{ord(c):04X}" for c in bad) or "its name"
            hint = f" ({_FROM_SETTINGS[name]})" if name in _FROM_SETTINGS else ""
            raise SecurityHeadersError(
                f"The {name} header cannot be sent: it holds {shown}, which no header value may{hint}: {value!r}"
            )


def render_headers_file(template: str, headers: list[tuple[str, str]]) -> str:
    """``template`` (deploy/_headers) with its marker line replaced by the header lines."""
    check_header_values(headers)
    lines = template.splitlines()
    at = [i for i, line in enumerate(lines) if line.strip() == MARKER]
    if len(at) != 1:
        raise SecurityHeadersError(f"{TEMPLATE} must contain the line {MARKER} exactly once")
    indent = lines[at[0]][: len(lines[at[0]]) - len(lines[at[0]].lstrip())] or "  "
    filled = [f"{indent}{name}: {value}" for name, value in headers]
    # The template's opening comment (up to the first blank line) describes the template.
    body_from = next((i for i, line in enumerate(lines) if not line.strip()), 0)
    notice = [f"# Generated from {TEMPLATE.as_posix()} by sitebuild/security_headers.py at build time: do not edit."]
    return "\n".join(notice + lines[body_from: at[0]] + filled + lines[at[0] + 1:]) + "\n"


def render_nginx_include(headers: list[tuple[str, str]]) -> str:
    """``add_header`` lines; ``always`` so error responses (404) carry them too."""
    check_header_values(headers)
    out = [
        "# Generated by sitebuild/security_headers.py at build time: do not edit.",
        "# The CSP hashes match this build's inline scripts; deploy it with the same site/.",
    ]
    for name, value in headers:
        if '"' in value or "$" in value or "\\" in value:
            raise SecurityHeadersError(f"{name} cannot be written safely for nginx: {value!r}")
        out.append(f'add_header {name} "{value}" always;')
    return "\n".join(out) + "\n"


def render_embed_rule(embed_headers: list[tuple[str, str]], language_dirs: tuple[str, ...] = ()) -> str:
    """The ``_headers`` rule for the embed page (and its copy in each language's folder,
    /es/embed/self-check/): it detaches the "/*" rule's policy and
    legacy frame header (Cloudflare Pages' ``! Name`` syntax; without it a host would join the
    two policies with a comma, and the stricter frame-ancestors would win), then sets its own."""
    check_header_values(embed_headers)
    lines = []
    for path in [EMBED_PATH, *(f"/{folder}{EMBED_PATH}" for folder in language_dirs)]:
        lines += ["", "# The embeddable self-check: framed only by extra.clinic.embed_origins (generated).", path + "*"]
        lines += [f"  ! {name}" for name in EMBED_DIFFERS]
        lines += [f"  {name}: {value}" for name, value in embed_headers if name in EMBED_DIFFERS]
    return "\n".join(lines) + "\n"


def write_header_files(project_root: Path, site_dir: Path, frame_ancestors: list[str],
                       embed_origins: list[str] | None = None, language_dirs: tuple[str, ...] = (), *,
                       allowed: inline_scripts.AllowedScripts | None = None, site: dict | None = None) -> dict:
    """Compute the policy for the built ``site_dir`` and write ``_headers`` and the nginx includes.
    ``allowed`` and ``site``: see ``inline_script_hashes``.

    Returns ``{"csp": ..., "hashes": [...], "headers": [...], "embed_headers": [...], "files": [...]}``.
    """
    site_dir = Path(site_dir)
    hashes = inline_script_hashes(site_dir, allowed, site)
    csp = content_security_policy(hashes, frame_ancestors)
    headers = security_headers(csp, frame_ancestors)
    embed_ancestors = list(embed_origins or ["'none'"])
    embed_headers = security_headers(content_security_policy(hashes, embed_ancestors), embed_ancestors)
    template = (Path(project_root) / TEMPLATE).read_text(encoding="utf-8")
    headers_file = site_dir / HEADERS_FILE
    nginx_file = site_dir / NGINX_FILE
    embed_nginx_file = site_dir / EMBED_NGINX_FILE
    headers_file.write_text(render_headers_file(template, headers) + render_embed_rule(embed_headers, tuple(language_dirs)), encoding="utf-8")
    nginx_file.write_text(render_nginx_include(headers), encoding="utf-8")
    embed_nginx_file.write_text(render_nginx_include(embed_headers), encoding="utf-8")
    return {"csp": csp, "hashes": hashes, "headers": headers, "embed_headers": embed_headers,
            "files": [headers_file, nginx_file, embed_nginx_file]}
