"""Shared fixtures: the built site, a local server for it, and a headless Chromium.

The site is built once per test session into a temporary folder with the same command
`make build` uses, so tests always see the current sources. It is served by Debian's nginx
with the production config from deploy/nginx/ (headers, MIME types, compression, caching),
under a sub-path (/clinic/), because clinics host it under sub-paths and nothing may assume "/".
"""

from __future__ import annotations

import datetime
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUBPATH = "/clinic/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def content_day() -> datetime.date:
    """The day the project's pages were last reviewed (the newest ``last_reviewed`` in
    docs/): the date the tests build the site on. Taken from the content, never from the
    calendar, so a test's outcome never changes with the day it runs; tests of what happens
    on other days pass their own date."""
    import yaml

    days = []
    for path in (ROOT / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
            if meta.get("last_reviewed"):
                days.append(datetime.date.fromisoformat(str(meta["last_reviewed"])))
    return max(days)


def build_site(dest: Path, config: Path | None = None, generator: str = "mkdocs", *,
               today: datetime.date | None = None, options: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Build the site into ``dest`` as `make build` does (prepare, the generator, finish:
    `python -m sitebuild build`), with its staged copy beside ``dest``, on ``today``
    (default: ``content_day()``); return the process."""
    dest = Path(dest)
    cmd = [sys.executable, "-m", "sitebuild", "build", "--generator", generator, "-d", str(dest),
           "--stage", str(dest.parent / f"{dest.name}-stage"),
           "--today", (today or content_day()).isoformat(), *options]
    if config:
        cmd += ["-f", str(config)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def clinic_config(tmp: Path, clinic: dict, **settings) -> Path:
    """A config that inherits the project's mkdocs.yml with these clinic settings (and any
    other top-level ``settings``), as a clinic would write it; its path."""
    import yaml

    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "extra": {"clinic": clinic}, **settings}
    path = Path(tmp) / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    if result.returncode != 0:
        pytest.fail(f"the build failed:\n{result.stdout}\n{result.stderr}")
    return dest


@pytest.fixture(scope="session")
def pseudo_site(tmp_path_factory) -> Path:
    """The project copied with a generated pseudo-locale (sitebuild/pseudo_locale.py) and
    built with it as a second language, as a translation will be: English at the root, the
    pseudo-locale in ``en-XA/``, one engine for both."""
    import material

    from sitebuild import pseudo_locale

    tmp = tmp_path_factory.mktemp("pseudo")
    language = pseudo_locale.write_project(ROOT, tmp / "project", Path(material.__file__).parent / "templates")
    dest = tmp / "site"
    # The brotli and gzip copies are cached by content: share the project's cache.
    cache = ROOT / "build" / "precompressed"
    cache.mkdir(parents=True, exist_ok=True)
    (tmp / "project" / "build").mkdir()
    (tmp / "project" / "build" / "precompressed").symlink_to(cache, target_is_directory=True)
    # Run from the copy, so its sitebuild and selfcheck (with the pseudo-locale) are used.
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild", "build", "-d", str(dest), "--stage", str(tmp / "stage"),
         "--language", str(language), "--today", content_day().isoformat()],
        cwd=tmp / "project", capture_output=True, text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"the pseudo-locale build failed:\n{result.stdout}\n{result.stderr}")
    return dest


NGINX = "/usr/sbin/nginx"
DEPLOY_NGINX = ROOT / "deploy" / "nginx" / "ketamine-site.conf"
# The build writes the security headers (CSP with this build's script hashes) here.
NGINX_HEADERS = "_nginx-security-headers.conf"
EMBED_NGINX_HEADERS = "_nginx-embed-security-headers.conf"

# Debian's libnginx-mod-http-brotli-static (tools/system-deps installs it): the site's config
# serves the build's .br copies with brotli_static. Debian loads it through
# /etc/nginx/modules-enabled/, which this wrapper does not read, so it loads it itself.
NGINX_BROTLI_STATIC = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

_NGINX_MAIN = """\
# Test wrapper written by tests/conftest.py: everything under {tmp}, nothing system-wide.
load_module {brotli_static};
{user}worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/logs/error.log warn;
daemon off;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {tmp}/logs/access.log;
    client_body_temp_path {tmp}/cache/body;
    proxy_temp_path {tmp}/cache/proxy;
    fastcgi_temp_path {tmp}/cache/fastcgi;
    uwsgi_temp_path {tmp}/cache/uwsgi;
    scgi_temp_path {tmp}/cache/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {tmp}/www;
        include ketamine/ketamine-site.conf;
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NginxServer:
    """Debian's nginx running the production config (deploy/nginx/ketamine-site.conf) on a
    loopback port, serving ``site_dir`` under SUBPATH. Everything it writes (pid, logs, temp
    files) goes under ``workdir``, so it runs as root or not and touches no system path.

    ``security_headers`` replaces the build's generated header include (a test uses this to
    serve the same site under a modified CSP).
    """

    def __init__(self, site_dir: Path, workdir: Path, security_headers: str | None = None):
        self.site_dir, self.workdir = Path(site_dir), Path(workdir)
        self.security_headers = security_headers
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{SUBPATH}"

    def _write_config(self) -> Path:
        tmp = self.workdir
        for sub in ("conf/ketamine", "logs", "cache", "www"):
            (tmp / sub).mkdir(parents=True, exist_ok=True)
        served = tmp / "www" / SUBPATH.strip("/")
        if not served.exists():
            served.symlink_to(self.site_dir, target_is_directory=True)
        site_conf = tmp / "conf" / "ketamine" / "ketamine-site.conf"
        site_conf.unlink(missing_ok=True)
        site_conf.symlink_to(DEPLOY_NGINX)  # the very file clinics deploy
        headers = tmp / "conf" / "ketamine" / "security-headers.conf"
        headers.unlink(missing_ok=True)
        if self.security_headers is None:
            headers.symlink_to(self.site_dir / NGINX_HEADERS)
        else:
            headers.write_text(self.security_headers)
        # The embed page's headers (its own frame-ancestors), generated by the build too.
        embed_headers = tmp / "conf" / "ketamine" / "embed-security-headers.conf"
        embed_headers.unlink(missing_ok=True)
        embed_headers.symlink_to(self.site_dir / EMBED_NGINX_HEADERS)
        # As root, nginx's workers would switch to "nobody", who cannot read pytest's
        # 0700 temp folders; as any other user the directive does not apply.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        main = tmp / "conf" / "nginx.conf"
        main.write_text(_NGINX_MAIN.format(tmp=tmp, port=self.port, user=user, brotli_static=NGINX_BROTLI_STATIC))
        return main

    def start(self) -> "NginxServer":
        if not Path(NGINX).exists():
            pytest.fail(f"{NGINX} is missing: run `make test` (it installs Debian's nginx-light) or apt-get install nginx-light")
        if not Path(NGINX_BROTLI_STATIC).exists():
            pytest.fail(f"{NGINX_BROTLI_STATIC} is missing: run `make test` (tools/system-deps installs it) "
                        "or apt-get install libnginx-mod-http-brotli-static")
        error_log = self.workdir / "logs" / "error.log"
        for _attempt in range(5):  # the free port may be taken between probe and bind
            self.port = _free_port()
            main = self._write_config()
            error_log.unlink(missing_ok=True)
            # -p: relative includes and paths resolve inside workdir; -e: no default error log.
            with (self.workdir / "logs" / "stderr.log").open("w") as stderr:
                self.process = subprocess.Popen(
                    [NGINX, "-p", str(self.workdir), "-c", str(main), "-e", str(error_log)],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                )
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                    return self
                except OSError:
                    time.sleep(0.05)
            self.stop()
            log = "".join(p.read_text() for p in (error_log, self.workdir / "logs" / "stderr.log") if p.exists())
            if "Address already in use" not in log:
                pytest.fail(f"nginx did not start with {main}:\n{log}")
        pytest.fail("nginx found no free loopback port")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish requests, then exit
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@pytest.fixture(scope="session")
def nginx_server(built_site, tmp_path_factory) -> NginxServer:
    """The built site behind Debian's nginx with the production config (deploy/nginx/)."""
    with NginxServer(built_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server


@pytest.fixture(scope="session")
def site_url(nginx_server) -> str:
    """Base URL of the built site, served by nginx on loopback under a sub-path."""
    return nginx_server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) or apt-get install chromium")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def nowasm_browser(browser):
    """A second Chromium with WebAssembly switched off (as in iOS Lockdown Mode), launched
    by the same Playwright as ``browser`` with the same executable and arguments.

    In Chromium 156 ``--noexpose_wasm`` alone leaves ``WebAssembly`` defined; ``--jitless``
    (no JIT, so no WebAssembly) removes it. The tests check that it is gone."""
    instance = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--js-flags=--jitless --noexpose_wasm"]
    )
    yield instance
    instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


# ---------------------------------------------------------------- what each test needs
# Markers say what a test needs from the machine, derived from the fixtures it uses (so a
# new test cannot forget its marker). `make check` deselects the slow ones:
#   site     builds the site with the generator (a few seconds, once per session)
#   nginx    serves it through Debian's nginx
#   browser  drives Debian's chromium through Playwright
#   java     runs the Nu HTML checker (a Java program)
NEEDS = {
    # (and the modules' own built sites: a configured clinic, a brand, the examples)
    "site": {"built_site", "zensical_site", "pseudo_site", "clinic_site", "branded_site", "example",
             "overdue_site", "partial_site"},
    "nginx": {"nginx_server", "site_url", "zensical_server", "pseudo_server"},
    "browser": {"browser", "nowasm_browser", "page"},
    "java": {"vnu_messages"},
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in NEEDS.items():
            if used & fixtures:
                item.add_marker(marker)
