"""Template helpers for the dashboard: bar geometry for the SVG charts, table links."""

from django import template

register = template.Library()

HOYDE = 120  # px of the tallest bar


@register.simple_tag
def stolpe(verdi, maks) -> dict:
    """Height and y of one bar. A suppressed value ('<5') is drawn at the height of 2.5."""
    tall = 2.5 if isinstance(verdi, str) else float(verdi)
    h = HOYDE * tall / max(float(maks), 1.0)
    y = HOYDE - h + 20
    # Plain strings with a decimal point: the Norwegian locale would render floats with a comma.
    return {"h": f"{h:.1f}", "y": f"{y:.1f}", "tekst_y": f"{y - 4:.1f}"}


@register.simple_tag
def lenke(lenker: dict, r: int, k: int) -> str:
    return lenker.get((r, k), "")
