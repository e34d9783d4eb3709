"""Material's two invalid attributes are removed from the rendered page, and nothing else."""

from sitebuild.theme_fixes import fix_theme_markup

TOGGLE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
LABEL = '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="">'


def test_invalid_theme_attributes_are_removed():
    html = fix_theme_markup(f"<body>{TOGGLE}<nav>{LABEL}</nav></body>")
    assert 'autocomplete="off"' not in html and 'tabindex=""' not in html
    assert 'id="__drawer">' in html and 'id="__nav_3_label">' in html


def test_other_autocomplete_and_tabindex_attributes_are_kept():
    search = '<input type="text" class="md-search__input" name="query" autocomplete="off">'
    focusable = '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="0">'
    assert fix_theme_markup(search + focusable) == search + focusable


def test_built_pages_carry_neither(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'type="checkbox" id="__drawer" autocomplete' not in html, page
        assert 'tabindex=""' not in html, page


def test_the_search_dialog_gets_its_search_box_name():
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    box = '<input type="text" class="md-search__input" name="query" aria-label="Buscar" placeholder="Buscar">'
    fixed = fix_theme_markup(dialog + box)
    assert fixed.startswith('<div class="md-search" data-md-component="search" role="dialog" aria-label="Buscar">')
    named = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
    assert fix_theme_markup(named + box) == named + box
