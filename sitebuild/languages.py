"""The site's languages: which are built, where each one's pages are, and how a page links
to itself in the others.

English is the main language and the reference: its pages are in ``docs/`` and it is
built into the site's root. A clinic picks the others with ``extra.clinic.languages``
(``[en]`` for English only, ``[en, es]`` for both); without it, every translation whose
pages are there is built (the project ships ``docs-es/``: English and Spanish). Each is
built from the same config, so the clinic's settings are in one place; what differs is
worked out here:

- its pages: the folder beside ``docs_dir`` named ``<docs_dir>-<code>`` (``docs-es/``),
  each page at the same path as the English page it translates (``translation_of`` names
  it, ``sitebuild.translation`` checks it);
- its words outside the pages: ``language.yml`` in that folder (the site's name and
  description, and the nav's titles: sections by their English title, pages by path);
- its nav: the English nav with those titles, holding only the pages the language has
  (an untranslated page is left out of the nav; a link to it goes to the English page,
  marked as English: ``sitebuild.other_language``);
- its search language, and its ``site_url`` (the main one plus ``<code>/``).

A config given with ``--language`` (the pseudo-locale's) is used as it is.

Every language's pages are listed before any is prepared, so that each page can carry its
language links: ``<link rel="alternate" hreflang>`` for each language that has the same
page (plus ``x-default``, the English page), and the header's switch, which goes to the
same page in the other language, or to that language's home page when it has no such page.
"""

from __future__ import annotations

import copy
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from . import rules_page
from .clinic import LANGUAGES, ClinicSettingsError, load_clinic
from .context import load_site_text

WORDS_FILE = "language.yml"
ROOT = Path(__file__).resolve().parent.parent


class LanguageError(ValueError):
    """A language's pages or words are missing or malformed: the message names the file."""


@dataclass(frozen=True)
class Language:
    code: str  # "en", "es"
    folder: str  # where it is built, below the site's root: "" for the main language
    config: dict  # its config, as stage.load_config returns it
    pages: frozenset[str]  # its Markdown pages (src_uri), the generated ones included
    name: str  # what it calls itself ("English", "Español"), from its site locale
    # Its title for each page, by src_uri, from its nav (a translation's language.yml
    # names every page, translated or not): what a link to a page it lacks is called.
    titles: dict = field(default_factory=dict)

    @property
    def root(self) -> str:
        """Its folder as a path prefix: "" or "es/"."""
        return f"{self.folder}/" if self.folder else ""


def pages_folder(docs_dir: Path, code: str) -> Path:
    """Where a translation's pages are: beside the English ones (docs -> docs-es)."""
    docs_dir = Path(docs_dir)
    return docs_dir.with_name(f"{docs_dir.name}-{code}")


def markdown_pages(docs_dir: Path) -> frozenset[str]:
    """Every page in ``docs_dir`` as a src_uri, and the pages the build generates there."""
    docs_dir = Path(docs_dir)
    found = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}
    return frozenset(found | {rules_page.SRC_URI})


def language_words(folder: Path) -> dict:
    """``language.yml`` from a translation's pages folder, checked."""
    path = Path(folder) / WORDS_FILE
    if not path.is_file():
        raise LanguageError(f"{path} is missing: it gives the site's name and the nav's titles in this language")
    try:
        words = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LanguageError(f"{path}: not valid YAML: {error}") from None
    problems = []
    if not isinstance(words, dict):
        raise LanguageError(f"{path}: expected a mapping with site_name, site_description and nav")
    for key in ("site_name", "site_description"):
        if not isinstance(words.get(key), str) or not words[key].strip():
            problems.append(f"{key}: expected text")
    nav = words.get("nav")
    if not isinstance(nav, dict) or set(nav) - {"sections", "pages"}:
        problems.append("nav: expected a mapping with sections and pages")
    else:
        for key in ("sections", "pages"):
            table = nav.get(key) or {}
            if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
                problems.append(f"nav.{key}: expected titles as text, by {'English title' if key == 'sections' else 'page'}")
    unknown = sorted(set(words) - {"site_name", "site_description", "nav"})
    problems += [f"{key}: unknown key (expected site_name, site_description, nav)" for key in unknown]
    if problems:
        raise LanguageError(f"{path} needs fixing:\n" + "\n".join(f"  - {p}" for p in problems))
    return words


def translated_nav(nav, pages: frozenset[str], words: dict, where: Path) -> list:
    """The English ``nav`` with the language's titles, holding only the pages in ``pages``;
    a section left with no page is left out."""
    sections = words.get("sections") or {}
    titles = words.get("pages") or {}
    out = []
    for item in nav or []:
        if isinstance(item, str):
            if item in pages:
                out.append({titles[item]: item} if item in titles else item)
            continue
        for title, value in item.items():
            if isinstance(value, str):
                if value.endswith(".md"):
                    if value in pages:
                        out.append({titles[value]: value} if value in titles else value)
                else:  # a link elsewhere: it keeps its address
                    out.append({titles.get(value, title): value})
                continue
            children = translated_nav(value, pages, words, where)
            if not children:
                continue
            if title not in sections:
                raise LanguageError(f"{where}: nav.sections needs a title for the nav's section {title!r}")
            out.append({sections[title]: children})
    return out


def _search_plugins(plugins, code: str) -> list:
    """The config's plugins, with the search plugin set to stem words in ``code``."""
    out = []
    for entry in plugins or []:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name in ("search", "material/search"):
            options = {**(options or {}), "lang": code}
        out.append({name: options} if options else name)
    return out


def translation_config(main: dict, code: str) -> dict:
    """The config a translation is built from: the main config (clinic settings and all)
    with the language's pages, words, nav, search language and address."""
    folder = pages_folder(Path(main["docs_dir"]), code)
    if not folder.is_dir():
        raise LanguageError(
            f"{folder} is missing: extra.clinic.languages lists {code}, whose pages belong there "
            f"(or leave {code} out of extra.clinic.languages)"
        )
    words = language_words(folder)
    config = copy.deepcopy(main)
    config["docs_dir"] = str(folder)
    config.setdefault("theme", {})["language"] = code
    config["site_name"] = words["site_name"].strip()
    config["site_description"] = " ".join(words["site_description"].split())
    config["nav"] = translated_nav(main.get("nav"), markdown_pages(folder), words.get("nav") or {}, folder / WORDS_FILE)
    config["plugins"] = _search_plugins(main.get("plugins"), code)
    if main.get("site_url"):
        config["site_url"] = urljoin(str(main["site_url"]).rstrip("/") + "/", f"{code}/")
    return config


def nav_titles(nav) -> dict[str, str]:
    """{src_uri: title} for every page the nav gives a title."""
    out = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    if value.endswith(".md"):
                        out[value] = title
                else:
                    out.update(nav_titles(value))
    return out


def _language(code: str, folder: str, config: dict, titles: dict | None = None) -> Language:
    text = load_site_text(ROOT, code)
    return Language(code, folder, config, markdown_pages(Path(config["docs_dir"])), text["language"]["name"],
                    titles if titles is not None else nav_titles(config.get("nav")))


def site_languages(main: dict, extra_configs: tuple[dict, ...] = ()) -> list[Language]:
    """The main language, each translation ``extra.clinic.languages`` names, then each
    config given with ``--language`` (already loaded): what every page links between."""
    main_code = (main.get("theme") or {}).get("language", "en")
    try:
        codes = load_clinic(main.get("extra") or {}).languages
    except ClinicSettingsError:
        codes = ()  # prepare reports the clinic's settings, with every other problem there
    if codes is None:  # not set: every translation whose pages are there
        codes = tuple(code for code in LANGUAGES if pages_folder(Path(main["docs_dir"]), code).is_dir())
    languages = [_language(main_code, "", main)]
    for code in codes:
        if code != main_code:
            config = translation_config(main, code)
            words = language_words(Path(config["docs_dir"]))
            languages.append(_language(code, code, config, dict((words.get("nav") or {}).get("pages") or {})))
    for config in extra_configs:
        code = (config.get("theme") or {}).get("language")
        if code in {lang.code for lang in languages}:
            raise LanguageError(f"language {code!r} is built twice: once from extra.clinic.languages, once from --language")
        languages.append(_language(code, code, config))
    return languages


# ---------------------------------------------------------------- per page


def page_path(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site path MkDocs gives a page ("learn/x.md" -> "learn/x/"); one rule for every module."""
    stem = src_uri[: -len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, start: str) -> str:
    """A link from the site path ``start`` (a page, like "es/learn/x/") to the site path
    ``target`` (like "learn/x/"), as every link in the site is: relative."""
    href = posixpath.relpath("/" + target, "/" + start)
    return href.rstrip("/") + "/" if target.endswith("/") or target == "" else href


def absolute(site_url: str | None, target: str) -> str | None:
    return urljoin(site_url.rstrip("/") + "/", target) if site_url else None


def page_links(src_uri: str, current: Language, languages: list[Language],
               site_url: str | None = None, use_directory_urls: bool = True) -> dict:
    """What a page says about its other languages.

    ``switch``: one link per other language, to the same page when it has one, else to its
    home page (``same_page`` says which). ``alternates``: ``hreflang`` and ``href`` for every
    language that has this page, itself included, and ``x-default`` (the main language's
    page); empty when no other language has it. Links are relative to the page, or absolute
    when the site has a ``site_url`` (search engines want them absolute)."""
    here = current.root + page_path(src_uri, use_directory_urls)

    def href(target: str) -> str:
        return absolute(site_url, target) or relative(target, here)

    switch, alternates = [], []
    for language in languages:
        has_page = src_uri in language.pages
        target = language.root + (page_path(src_uri, use_directory_urls) if has_page else "")
        if language.code != current.code:
            switch.append({"code": language.code, "name": language.name, "href": relative(target, here),
                           "same_page": has_page})
        if has_page:
            alternates.append({"hreflang": language.code, "href": href(target)})
    if len(alternates) < 2:
        alternates = []
    elif languages[0].code in {a["hreflang"] for a in alternates}:
        alternates.append({"hreflang": "x-default", "href": href(page_path(src_uri, use_directory_urls))})
    return {"switch": switch, "alternates": alternates}


def home_links(current: Language, languages: list[Language], site_url: str | None) -> list[dict]:
    """The switch on the "page not found" page, which has no page of its own to match and
    is served at any depth: each other language's home page, from the root of the site's
    address (``site_url``'s path, else "/"), as the rest of that page's links are."""
    root = urlsplit(site_url or "/").path.rstrip("/") + "/"
    return [{"code": language.code, "name": language.name, "href": root + language.root, "same_page": False}
            for language in languages if language.code != current.code]
