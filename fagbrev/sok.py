"""Text as the name search compares it: no case, no diacritics, «Etternavn, Fornavn» understood.

A Norwegian keyboard has no š or ğ, and a coordinator types «besic» for Bešić and «dogan» for Doğan.
Both the stored search column (`Deltaker.navn_sok`) and the words typed go through `sokeform`, so the
comparison is a plain substring match: the same on PostgreSQL and SQLite, and served on PostgreSQL by a
trigram index over the column (deltakere/migrations). Decided over PostgreSQL's `unaccent`: that
exists only on PostgreSQL (SQLite would need a second way with other results), needs an extension and
an IMMUTABLE wrapper to be indexed, and does not fold ø, æ or the Turkish dotless ı the way we want.

The rules, in order:
1. NFKD splits a letter from its marks (š → s + ˇ, å → a + ˚, ğ → g + ˘) and the marks are dropped;
2. `casefold` (ß → ss);
3. letters NFKD does not split are spelled out: ø → o, æ → ae, œ → oe, đ/ð → d, ł → l, ı → i, þ → th.
   So «Sørensen», «sorensen» and «SØRENSEN» are one name, and so are «Ærø» and «aero». «å» becomes
   «a», not «aa»: a search for «aa» does not find «å» (the old spelling is rare in names today).
Punctuation (the comma of «Doğan, Zeynep», hyphens, apostrophes) separates words.
"""

from __future__ import annotations

import re
import unicodedata

_UTSKRIFT = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th"})
_IKKE_ORD = re.compile(r"[^\w]+")


def sokeform(tekst: str) -> str:
    """`tekst` without case and diacritics, words separated by one space (see the module's rules)."""
    nfkd = unicodedata.normalize("NFKD", tekst or "")
    uten_tegn = "".join(c for c in nfkd if not unicodedata.combining(c))
    ren = uten_tegn.casefold().translate(_UTSKRIFT)
    return " ".join(ord_ for ord_ in _IKKE_ORD.split(ren) if ord_ and ord_ != "_")


def sokeord(q: str) -> list[str]:
    """The words of a search, each in `sokeform`: every one must be found, in any order."""
    return sokeform(q).split()
