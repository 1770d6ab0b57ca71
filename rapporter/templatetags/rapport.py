"""Template helpers for the dashboard: bar geometry for the SVG charts, table links."""

from django import template

from rapporter.undertrykking import GRENSE, SKJULT

register = template.Library()

HOYDE = 120  # px of the tallest bar
TOPP = 20  # px above the tallest bar, for its label


@register.simple_tag
def stolpe(verdi, maks, hoyde: int = HOYDE, topp: int = TOPP) -> dict:
    """Height and y of one bar, and how to draw it (`type`).

    A shown number is a solid bar ("tall"). A «<5» is 1 to 4: drawn as an outlined box up to 4 on the
    chart's scale ("intervall"), which never reaches the top (the scale of a series with a hidden value is
    at least twice the limit, rapporter.trender.trend_vis), so it neither looks like the largest bar
    nor pushes its label out of the picture. Any other hidden number («skjult») may be any size: no bar,
    only its label at the baseline ("ukjent").
    """
    maks = max(float(maks), 1.0)
    if isinstance(verdi, str):
        tall, type_ = (GRENSE - 1, "intervall") if verdi == SKJULT else (0, "ukjent")
    else:
        tall, type_ = float(verdi), "tall"
    h = hoyde * min(tall, maks) / maks
    y = hoyde - h + topp
    # Plain strings with a decimal point: the Norwegian locale would render floats with a comma.
    return {"h": f"{h:.1f}", "y": f"{y:.1f}", "tekst_y": f"{max(y - 4, 12):.1f}", "type": type_}


@register.simple_tag
def lenke(lenker: dict, r: int, k: int) -> str:
    return lenker.get((r, k), "")


@register.filter
def kort_semester(navn: str) -> str:
    """«Vår 2026» → «V26», for the small charts' axis."""
    forste, _, aar = navn.partition(" ")
    return f"{forste[:1]}{aar[-2:]}"
