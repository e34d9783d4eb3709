"""Three corrections to Material 9.8's markup, so every page is valid and every dialog named,
and one to its script, so the language links make no request.

All come from parts of the theme that template overrides cannot reach without copying
whole theme files (base.html has them outside any block), so they are fixed in the
rendered page instead, each by an exact pattern that matches nothing else.
"""

from __future__ import annotations

import re

# The theme's script (Material 9.8's bundle, and Zensical's) fetches sitemap.xml beside every
# <link rel="alternate"> on a page, so that its language selector can keep the reader on
# the same page. This site's switch already links to the same page (sitebuild/languages.py),
# and beside a page's hreflang links there is no sitemap: each fetch would be a 404 and a
# console error on every page. The fix removes the one call that starts it; the function
# is found by what it does (it selects link[rel=alternate]), whatever the minifier named it.
_ALTERNATE_SITEMAP = re.compile(
    r'function ([\w$]+)\(\{document\$:[\w$]+\}\)\{let [\w$]+=new Map;[\w$]+\.pipe\([\w$]+\(\(\)=>[\w$]+\("link\[rel=alternate\]'
)

# base.html: autocomplete="off" is not allowed on checkboxes (Nu checker error). Material
# adds it so Firefox does not restore an open drawer or search box on reload. The cost of
# valid markup: in Firefox, a reload may reopen a drawer the reader had open.
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'
)
# partials/nav-item.html writes tabindex="" on section labels (a bad value); a label with
# no tabindex is simply not focusable, which is what Material means by the empty value.
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label") tabindex="">')


# partials/search.html: Material 9.8's search dialog has no name (axe aria-dialog-name).
# It gets the name of its own search box, so screen readers announce "Search, dialog" in
# the page's language. (Zensical's search partial names its dialog already; copying
# Material's partial to add the name broke Zensical's search, so it is fixed here.)
_UNNAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_BOX_NAME = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]+)"')


def fix_theme_markup(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    if _UNNAMED_SEARCH_DIALOG in html and (name := _SEARCH_BOX_NAME.search(html)):
        html = html.replace(_UNNAMED_SEARCH_DIALOG, _UNNAMED_SEARCH_DIALOG[:-1] + f' aria-label="{name.group(1)}">', 1)
    return _EMPTY_TABINDEX.sub(r"\1>", html)


def fix_theme_script(script: str) -> str:
    """The theme's bundle without its alternate-language sitemap fetch. ValueError when the
    bundle selects alternate links in a way this fix does not know (a new theme version):
    the fix must then be updated, not silently skipped."""
    if "link[rel=alternate]" not in script:
        return script
    found = _ALTERNATE_SITEMAP.search(script)
    if not found:
        raise ValueError("the theme's script selects link[rel=alternate] in an unknown way: update sitebuild/theme_fixes.py")
    call = re.compile(r"(?<![\w$.])" + re.escape(found.group(1)) + r"\(\{document\$:[\w$]+\}\);")
    fixed, count = call.subn("", script)
    if count > 1:
        raise ValueError(f"expected one call of the theme's alternate-language function, found {count}")
    return fixed  # (no call left: fixed already, by an earlier finish)
