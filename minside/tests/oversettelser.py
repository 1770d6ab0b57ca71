"""Compiling and reading the participant's message catalogues in tests (no polib: a small reader)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"
SPRAK = ["en", "ar"]


def kompiler_meldinger() -> None:
    """Build the .mo files from the .po files when missing or older (make does it too; CI runs make)."""
    msgfmt = shutil.which("msgfmt")
    for kode in SPRAK:
        po = LOCALE / kode / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if msgfmt and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], check=True)  # noqa: S603 – our own files


def _streng(linjer: list[str]) -> str:
    return "".join(re.match(r'^(?:msg\w+(?:\[\d\])? )?"(.*)"$', linje).group(1) for linje in linjer)


def po_oppforinger(po: Path) -> list[dict]:
    """Each entry of a .po file: msgid, msgstr (or msgstr[n]) and whether it is fuzzy."""
    oppforinger = []
    for blokk in po.read_text(encoding="utf-8").split("\n\n"):
        linjer = blokk.strip().splitlines()
        fuzzy = any(linje.startswith("#,") and "fuzzy" in linje for linje in linjer)
        felt: dict[str, list[str]] = {}
        navn = None
        for linje in linjer:
            if linje.startswith("#") or not linje.strip():
                continue
            if not linje.startswith('"'):
                navn = linje.split(" ", 1)[0]
                felt[navn] = []
            felt[navn].append(linje)
        if "msgid" not in felt:
            continue
        oppforinger.append(
            {
                "msgid": _streng(felt["msgid"]),
                "msgstr": [_streng(v) for k, v in felt.items() if k.startswith("msgstr")],
                "fuzzy": fuzzy,
            }
        )
    return [o for o in oppforinger if o["msgid"]]  # the header has an empty msgid
