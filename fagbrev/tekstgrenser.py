"""How long a free-text field may be: one home for the limits every model, form and document uses.

Free-text fields are `TextField(max_length=…)`: the database column stays `text` (no table rewrite,
and a text saved before the limit stays readable), while every form built from the field — ours and
Django admin's — refuses a longer text with a Norwegian message. Forms that are not built from the
model take the same constant. Documents are measured at these limits (bench/fiendtlig.py); older
rows that are longer are cut in the innsyn PDF, never in the JSON (personvern/innsyn.py).
"""

NOTAT = 10_000  # notes, minutes, observations: about four pages of A4
BESKRIVELSE = 4_000  # a paragraph or three: motivation, requirements, expectations, evaluations
BEGRUNNELSE = 2_000  # the reasons for a decision
KORT = 1_000  # a competence goal, the letterhead's address lines


def forkort(tekst: str, maks: int) -> str:
    """`tekst` in at most `maks` characters for a select's option or a title, cut between words with
    «…» (a goal cut mid-word, «Planlegge og gjennomføre aktivit», reads as a typo)."""
    tekst = " ".join((tekst or "").split())
    if len(tekst) <= maks:
        return tekst
    kuttet = tekst[: maks - 1]
    if " " in kuttet and not tekst[maks - 1].isspace():
        kuttet = kuttet.rsplit(" ", 1)[0]
    return kuttet.rstrip(" ,.;:–-") + "…"
