"""The embeddable self-check (embed/self-check/) inside another site's page, as a clinic
uses it: Chromium, the production nginx config, and two origins.

- The site, built with ``embed_origins`` and brand colours, is served by nginx (tests/conftest.py)
  on http://127.0.0.1:<port>/clinic/.
- A second nginx serves the clinic's own page over https on two more ports: one listed in
  ``embed_origins``, one not. The page is the README's snippet, as a clinic would paste it,
  between tall blocks of the clinic's own content, plus a recorder of everything the
  clinic's page can observe of the frame: every message posted to it, the frame's size and
  the page's own scroll position.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_helpers import ENGINE_TIMEOUT_MS, as_a_person_can_answer, fill, form_choices, load_vignettes, shown_result, submit
from playwright.sync_api import expect

import selfcheck

from tests.conftest import NGINX, ROOT, NginxServer, _free_port, build_site, clinic_config
from tests.quality.support import DESKTOP, PHONE, describe_violations, run_axe

pytestmark = pytest.mark.browser

EMBED = "embed/self-check/"
PLACEHOLDER = "https://learn.clinic.example"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def readme_snippet() -> str:
    """The parent-page snippet exactly as the README gives it to clinics."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- embed-snippet:start -->\s*```html\n(.*?)```\s*<!-- embed-snippet:end -->", text, re.S)
    assert block, "README.md has no embed snippet between its markers"
    return block.group(1)


# What any script on the clinic's page could see of the frame: messages (recorded from the
# first moment), the frame element's size and the page's scroll position (recorded once the
# snippet's frame exists).
RECORDER_HEAD = """<script>
  window.__seen = { messages: [], frame: [], scroll: [] };
  window.addEventListener("message", function (event) {
    window.__seen.messages.push({ origin: event.origin, data: event.data });
  });
  window.addEventListener("scroll", function () { window.__seen.scroll.push(window.scrollY); });
</script>"""
RECORDER_FRAME = """<script>
  new ResizeObserver(function (entries) {
    for (const entry of entries) window.__seen.frame.push([entry.contentRect.width, entry.contentRect.height]);
  }).observe(document.getElementById("ketamine-selfcheck"));
</script>"""


def host_page(site_url: str, sandbox: str | None = None) -> str:
    """The clinic's page: its own content above and below the README's snippet (pointed at
    this site), and the recorder."""
    snippet = readme_snippet()
    assert snippet.count(PLACEHOLDER + "/") == 2 and snippet.count(PLACEHOLDER) == 2
    snippet = snippet.replace(PLACEHOLDER + "/", site_url)
    if sandbox is not None:
        snippet = re.sub(r'sandbox="[^"]*"', f'sandbox="{sandbox}"', snippet)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Example clinic</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
{RECORDER_HEAD}</head>
<body style="margin:0"><h1>Our clinic</h1>
<div id="above" style="height:500px">Our clinic's own words.</div>
{snippet}
<div id="below" style="height:1500px">More of our clinic's own words.</div>
{RECORDER_FRAME}
</body></html>
"""


_HOST_CONF = """\
{user}worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
daemon off;
events {{ worker_connections 64; }}
http {{
    types {{ text/html html; }}
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{allowed} ssl;
        listen 127.0.0.1:{other} ssl;
        ssl_certificate {tmp}/cert.pem;
        ssl_certificate_key {tmp}/key.pem;
        root {tmp}/www;
    }}
}}
"""


class HostServer:
    """The clinic's own website: nginx over https (a throw-away self-signed certificate)
    on two loopback ports, so two more origins."""

    def __init__(self, workdir: Path, allowed: int, other: int):
        self.tmp, self.allowed, self.other = workdir, allowed, other
        self.process = None

    def url(self, port: int, page: str = "index.html") -> str:
        return f"https://127.0.0.1:{port}/{page}"

    def start(self, pages: dict[str, str]) -> "HostServer":
        (self.tmp / "www").mkdir(parents=True, exist_ok=True)
        for name, html in pages.items():
            (self.tmp / "www" / name).write_text(html, encoding="utf-8")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", str(self.tmp / "key.pem"), "-out", str(self.tmp / "cert.pem")],
            check=True, capture_output=True,
        )
        user = "user root root;\n" if os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(_HOST_CONF.format(tmp=self.tmp, allowed=self.allowed, other=self.other, user=user))
        self.process = subprocess.Popen([NGINX, "-p", str(self.tmp), "-c", str(conf), "-e", str(self.tmp / "error.log")],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import socket

        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.allowed), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"host nginx did not start: {(self.tmp / 'error.log').read_text() if (self.tmp / 'error.log').exists() else ''}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def branded_config(tmp: Path, clinic: dict) -> Path:
    return clinic_config(tmp, clinic)


@pytest.fixture(scope="module")
def embed(tmp_path_factory):
    """The branded site and the clinic's pages, all running; yields their addresses."""
    tmp = tmp_path_factory.mktemp("embed")
    allowed, other = _free_port(), _free_port()
    while other == allowed:
        other = _free_port()
    allowed_origin = f"https://127.0.0.1:{allowed}"
    config = branded_config(tmp, {
        "name": "Example Clinic", "country": "US",
        "embed_origins": [allowed_origin],
        "colors": {"primary": "#1d4f91", "accent": "#8a3b12"},
    })
    result = build_site(tmp / "site", config)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    (tmp / "nginx").mkdir()
    site = NginxServer(tmp / "site", tmp / "nginx").start()
    host = HostServer(tmp / "host", allowed, other)
    try:
        host.start({
            "index.html": host_page(site.url),
            "sandbox-scripts-only.html": host_page(site.url, sandbox="allow-scripts"),
        })
        yield {
            "site": site.url, "site_dir": tmp / "site", "allowed_origin": allowed_origin,
            "allowed": host.url(allowed), "other": host.url(other),
            "scripts_only": host.url(allowed, "sandbox-scripts-only.html"),
        }
    finally:
        host.stop()
        site.stop()


def open_host(browser, url: str, viewport=PHONE):
    context = browser.new_context(viewport=viewport, ignore_https_errors=True)
    requests: list[dict] = []
    context.on("request", lambda r: requests.append({"url": r.url, "frame": _frame_url(r)}))
    console: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: console.append(m.text))
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    page.goto(url)
    return context, page, requests, console


def _frame_url(request) -> str:
    try:
        return request.frame.url
    except Exception:  # from a worker
        return "(worker)"


def embed_frame(page):
    return next(f for f in page.frames if f.url.split("#")[0].endswith("/" + EMBED))


def seen(page) -> dict:
    """What the clinic's page has observed of the frame so far (RECORDER_HEAD, RECORDER_FRAME)."""
    return page.evaluate("() => JSON.parse(JSON.stringify(window.__seen))")


def frame_box(page) -> dict:
    return page.locator("#ketamine-selfcheck").evaluate("f => { const r = f.getBoundingClientRect(); return {width: r.width, height: r.height}; }")


VIGNETTE = next(v for v in load_vignettes() if v["tier"] == "worth-discussing" and not v["crisis"])


def test_a_vignette_completed_inside_the_frame_on_a_phone(browser, embed):
    context, page, requests, _ = open_host(browser, embed["allowed"])
    try:
        inside = page.frame_locator("#ketamine-selfcheck")
        expect(inside.locator("#selfcheck")).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT_MS)
        frame = embed_frame(page)
        # Crisis contacts at the top, before any question; no site menus.
        assert frame.evaluate("() => document.querySelector('.crisis-banner').compareDocumentPosition(document.getElementById('selfcheck')) & Node.DOCUMENT_POSITION_FOLLOWING")
        assert frame.locator(".md-header, .md-sidebar, .md-footer").count() == 0
        # A frame of fixed height, most of the phone's screen, with the self-check scrolling inside.
        before = frame_box(page)
        viewport = page.viewport_size
        assert 0.8 * viewport["height"] <= before["height"] <= viewport["height"], before
        assert frame.evaluate("() => document.scrollingElement.scrollHeight > innerHeight + 1000")

        answers = as_a_person_can_answer(VIGNETTE["answers"])
        expected = selfcheck.evaluate(answers)
        fill(inside, answers)
        submit(inside)
        shown = shown_result(inside)
        assert (shown["tier"], shown["crisis"]) == (expected["tier"], "false")
        expect(inside.locator("#selfcheck-result")).to_contain_text(expected["headline"])

        # The result is brought into view inside the frame; the frame itself never changed.
        top = frame.evaluate("() => document.getElementById('selfcheck-result').getBoundingClientRect().top")
        assert 0 <= top < frame.evaluate("() => innerHeight") / 2, top
        assert frame_box(page) == before
        assert frame.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert seen(page)["messages"] == []

        # A link to the result's sources scrolls inside the frame: no #fragment navigation,
        # which would scroll the clinic's page and add to the tab's history (it can read its length).
        citations = frame.locator("#selfcheck-result a[href^='#result-source-']")
        assert citations.count() > 0
        before_click = page.evaluate("() => [history.length, window.scrollY]")
        target = citations.first.get_attribute("href")[1:]
        citations.first.evaluate("link => link.click()")
        time.sleep(0.3)
        assert page.evaluate("() => [history.length, window.scrollY]") == before_click
        assert frame.evaluate("() => location.hash") == ""
        # At the top of the frame, to the pixel: scrolling lands on whole pixels, so a box
        # whose top falls between two can sit a fraction of a pixel above it.
        assert -1 < frame.evaluate(f"() => document.getElementById('{target}').getBoundingClientRect().top") < 10

        # Links to the articles open the full site in a new tab.
        links = inside.locator("#selfcheck-result a[href]:not([href^='#']):not([href^='tel:'])")
        assert links.count() > 0
        for i in range(links.count()):
            link = links.nth(i)
            assert link.get_attribute("target") == "_blank", link.get_attribute("href")
            assert "noopener" in (link.get_attribute("rel") or "")

        # No request from the frame or its worker leaves the site's origin.
        from_site = [r for r in requests if r["url"] != embed["allowed"]]
        assert any(r["url"].endswith(".wasm") for r in from_site)
        for request in from_site:
            assert urlsplit(request["url"])[:2] == urlsplit(embed["site"])[:2], request
    finally:
        context.close()


# Two people whose answers differ where it matters most: no symptoms at all, and thoughts of
# self-harm (PHQ-9 item 9 above 0, which brings up the crisis panel before any submit) with
# a result of another tier.
CALM = next(v for v in load_vignettes() if v["tier"] == "low-symptoms" and not v["crisis"])
IN_CRISIS = next(v for v in load_vignettes() if v["crisis"] and v["tier"] == "urgent" and v["answers"]["phq9"][8] > 0)

# Answer and submit from inside the frame as the page's own events see it (a click on each
# input), without the test tool scrolling the clinic's page to reach each one.
ANSWER_IN_FRAME = """(choices) => {
    for (const [name, value] of choices) document.getElementById(name + "--" + value).click();
    document.getElementById("selfcheck-submit").click();
}"""


def what_the_clinics_page_sees(browser, embed, person) -> dict:
    context, page, _, _ = open_host(browser, embed["allowed"])
    try:
        inside = page.frame_locator("#ketamine-selfcheck")
        expect(inside.locator("#selfcheck")).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT_MS)
        # The clinic's page scrolled so the frame's top is in view and its bottom is not.
        page.evaluate("() => window.scrollTo(0, 300)")
        time.sleep(0.5)
        frame = embed_frame(page)
        answers = as_a_person_can_answer(person["answers"])
        frame.evaluate(ANSWER_IN_FRAME, form_choices(answers))
        shown = shown_result(inside)
        assert (shown["tier"], shown["crisis"]) == (person["tier"], str(person["crisis"]).lower())
        crisis_panel = frame.evaluate("() => document.querySelectorAll('#selfcheck-crisis-now .selfcheck-crisis-panel').length")
        time.sleep(1.0)  # anything sent late would arrive by now
        return {"seen": seen(page), "frame": frame_box(page), "scrollY": page.evaluate("() => window.scrollY"),
                "crisis_panel": crisis_panel}
    finally:
        context.close()


def test_the_clinics_page_receives_the_same_for_every_person(browser, embed):
    """The embedding page, and every script on it, must learn nothing about the answers: it
    receives no message at all, and the frame's size and the page's scroll position are the
    same whoever answers what. (The README snippet's comments say so to the clinic.)"""
    calm = what_the_clinics_page_sees(browser, embed, CALM)
    in_crisis = what_the_clinics_page_sees(browser, embed, IN_CRISIS)
    # The two people really did see different things inside the frame.
    assert (calm["crisis_panel"], in_crisis["crisis_panel"]) == (0, 1)
    assert calm["seen"]["messages"] == in_crisis["seen"]["messages"] == []
    assert calm["seen"]["frame"] == in_crisis["seen"]["frame"] and len(calm["seen"]["frame"]) == 1
    assert calm["frame"] == in_crisis["frame"]
    assert calm["seen"]["scroll"] == in_crisis["seen"]["scroll"]
    assert calm["scrollY"] == in_crisis["scrollY"] == 300, (calm, in_crisis)


def test_the_embed_page_is_refused_on_an_origin_not_listed(browser, embed):
    context, page, requests, console = open_host(browser, embed["other"])
    try:
        page.wait_for_load_state("load")
        time.sleep(1)
        assert any("frame-ancestors" in text for text in console + [""] if text), console
        frame = page.frames[1]
        assert "/" + EMBED not in frame.url or frame.evaluate("() => !document.getElementById('selfcheck')")
        assert seen(page)["messages"] == []
    finally:
        context.close()


def test_every_other_page_still_refuses_every_frame(embed):
    site_dir = embed["site_dir"]
    page_headers = (site_dir / "_nginx-security-headers.conf").read_text()
    embed_headers = (site_dir / "_nginx-embed-security-headers.conf").read_text()
    assert "frame-ancestors 'none'" in page_headers and "X-Frame-Options \"DENY\"" in page_headers
    assert f"frame-ancestors {embed['allowed_origin']}" in embed_headers
    assert "X-Frame-Options" not in embed_headers
    # And nginx sends them so: the embed page with the clinic's origin, an article with 'none'.
    import urllib.error
    import urllib.request

    def csp(path):
        with urllib.request.urlopen(embed["site"] + path) as response:
            return response.headers["Content-Security-Policy"]

    assert csp(EMBED).endswith(f"frame-ancestors {embed['allowed_origin']}")
    assert csp(EMBED + "index.html").endswith(f"frame-ancestors {embed['allowed_origin']}")
    assert csp("learn/how-ketamine-works/").endswith("frame-ancestors 'none'")
    assert csp("self-check/").endswith("frame-ancestors 'none'")
    # The generated header files are for the server, not for visitors.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(embed["site"] + "_nginx-embed-security-headers.conf")
    assert refused.value.code == 404


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_axe_finds_nothing_in_the_frame(browser, embed, viewport):
    context, page, _, _ = open_host(browser, embed["allowed"], viewport)
    try:
        expect(page.frame_locator("#ketamine-selfcheck").locator("#selfcheck")).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT_MS)
        frame = embed_frame(page)
        violations = run_axe(frame)
        assert violations == [], describe_violations(violations)
    finally:
        context.close()


def test_the_embed_page_is_valid_html(embed):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", str(embed["site_dir"] / EMBED / "index.html")],
        capture_output=True, text=True, timeout=300,
    )
    report = json.loads(result.stderr)
    assert report["messages"] == [], report["messages"]


def test_crisis_contacts_work_without_webassembly_in_the_frame(nowasm_browser, embed):
    context, page, _, _ = open_host(nowasm_browser, embed["allowed"])
    try:
        inside = page.frame_locator("#ketamine-selfcheck")
        expect(inside.locator("#selfcheck")).to_have_attribute("data-engine", "failed", timeout=ENGINE_TIMEOUT_MS)
        assert embed_frame(page).evaluate("() => typeof WebAssembly") == "undefined"
        expect(inside.locator("#selfcheck-failed")).to_be_visible()
        for where in (".crisis-banner", "#selfcheck-failed"):
            numbers = inside.locator(f"{where} a[href^='tel:']")
            assert numbers.count() > 0, where
            expect(numbers.first).to_be_visible()
            assert numbers.first.get_attribute("target") is None  # a phone link dials; no new tab
        # The crisis panel still appears the moment item 9 is above 0.
        inside.locator('label[for="phq9-9--1"]').click()
        expect(inside.locator("#selfcheck-crisis-now .selfcheck-crisis-panel")).to_be_visible()
        expect(inside.locator("#selfcheck-crisis-now a[href^='tel:']").first).to_be_visible()
    finally:
        context.close()


def test_without_allow_same_origin_the_frame_says_so(browser, embed):
    context, page, _, _ = open_host(browser, embed["scripts_only"])
    try:
        inside = page.frame_locator("#ketamine-selfcheck")
        expect(inside.locator("#embed-sandbox")).to_be_visible(timeout=15_000)
        expect(inside.locator("#embed-sandbox")).to_contain_text("cannot start inside this frame")
        expect(inside.locator(".crisis-banner a[href^='tel:']").first).to_be_visible()
        expect(inside.locator("#selfcheck-js-needed")).to_be_hidden()
    finally:
        context.close()
