"""Three corrections to Material 9.8's markup, so every page is valid and every dialog named.

All come from parts of the theme that template overrides cannot reach without copying
whole theme files (base.html has them outside any block), so they are fixed in the
rendered page instead, each by an exact pattern that matches nothing else.
"""

from __future__ import annotations

import re

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
