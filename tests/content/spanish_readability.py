"""How easy a Spanish text is to read: the Szigriszt-Pazos perspicuity index, read on the
INFLESZ scale, with a Spanish syllable counter written here (offline, no data to fetch).

Flesch-Kincaid is built on English syllables and sentences; Spanish health writing is
measured with Fernández-Huerta or Szigriszt-Pazos (shared/content-brief/spanish.md, 4).
This project uses Szigriszt-Pazos (1993)::

    P = 206.835 - 62.3 * syllables / words - words / sentences

and the INFLESZ scale (Barrio-Cantalejo et al., 2008), which grades P for health texts:

    below 40 muy difícil; 40 to 55 algo difícil; 55 to 65 normal;
    65 to 80 bastante fácil; 80 and above muy fácil.

Every Spanish page must be "bastante fácil" or easier: P of 65 or more.

What counts (the same extraction as the English grade, ``readability.body_text``):

- a word is a run of letters or digits; a word with no vowel (a number, "PHQ") counts one
  syllable;
- a sentence ends at ".", "!", "?" or "…" followed by a space or the end, and every
  block (a paragraph, a list item) ends one;
- syllables are vowel nuclei. Two open vowels (a, e, o) side by side are two syllables
  (le-er); a close vowel (i, u, ü) beside another vowel joins it (cui-da-do, tie-ne),
  unless it carries the accent (dí-a, pa-ís); "y" at the end of a word after a vowel is a
  vowel (hoy, muy). "h" between vowels is read as a consonant (a-ho-ra).
"""

from __future__ import annotations

import re

from readability import body_text

OPEN = set("aeoáéó")
CLOSE = set("iuü")
ACCENTED_CLOSE = set("íú")
VOWELS = OPEN | CLOSE | ACCENTED_CLOSE
WORD = re.compile(r"[0-9A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")
SENTENCE_END = re.compile(r"[.!?…]+[\"'»)\]]*(?=\s|$)")

BANDS = ((80, "muy fácil"), (65, "bastante fácil"), (55, "normal"), (40, "algo difícil"), (float("-inf"), "muy difícil"))
MIN_INFLESZ = 65.0  # "bastante fácil"


def _vowel_run_nuclei(run: str) -> int:
    """Syllable nuclei in a run of vowel letters (a diphthong or triphthong is one)."""
    nuclei = 1
    for a, b in zip(run, run[1:]):
        hiatus = (a in OPEN and b in OPEN) or a in ACCENTED_CLOSE or b in ACCENTED_CLOSE or (a == b)
        if hiatus:
            nuclei += 1
    return nuclei


def syllables(word: str) -> int:
    """The syllables of one Spanish word."""
    w = word.lower()
    if w == "y":
        return 1
    # A final "y" after a vowel is a vowel (hoy, muy, Uruguay); elsewhere it is a consonant.
    if len(w) > 1 and w.endswith("y") and w[-2] in VOWELS:
        w = w[:-1] + "i"
    count = sum(_vowel_run_nuclei(run) for run in re.findall(r"[aeiouáéíóúü]+", w))
    return max(count, 1)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences: each end mark followed by a space or the end is one, and a block (a
    paragraph, a list item) that ends without one ends a sentence too."""
    total = 0
    for block in text.splitlines():
        block = block.strip()
        if not WORD.search(block):
            continue
        closed = re.search(SENTENCE_END.pattern + "$", block)
        total += len(SENTENCE_END.findall(block)) + (0 if closed else 1)
    return total


def szigriszt_pazos(text: str) -> float:
    """The perspicuity index of plain text (not Markdown): higher is easier."""
    found = words(text)
    if not found:
        raise ValueError("no words to measure")
    n_words = len(found)
    n_syllables = sum(syllables(w) for w in found)
    return 206.835 - 62.3 * n_syllables / n_words - n_words / sentence_count(text)


def inflesz_band(score: float) -> str:
    return next(name for low, name in BANDS if score >= low)


def page_inflesz(markdown: str) -> float:
    """The index of a page's readable prose (front matter, headings, tables, code and
    link addresses left out, as for the English grade)."""
    return szigriszt_pazos(body_text(markdown))
