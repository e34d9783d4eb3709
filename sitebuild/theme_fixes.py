"""Two corrections to Material 9.8's markup, so every page is valid HTML.

Both come from parts of the theme that template overrides cannot reach without copying
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


def fix_theme_markup(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    return _EMPTY_TABINDEX.sub(r"\1>", html)
