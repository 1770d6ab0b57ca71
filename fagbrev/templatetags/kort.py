"""`{% kort "h-lop" kolonne="col-12 col-lg-6" klasse="h-100" %}…{% endkort %}`: one section of a page as a
Bootstrap card — in its grid column when `kolonne` is given, the <section> named by its heading
(`aria-labelledby`, the id of the <h2> inside), `klasse` added to the card's classes, `anker` an id to
link to — so a page writes what its sections hold, not the same wrapping markup around each."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_block_tag
def kort(content: str, overskrift: str, *, kolonne: str = "", klasse: str = "", anker: str = "") -> str:
    seksjon = format_html(
        '<section class="card{}" aria-labelledby="{}"{}><div class="card-body">{}</div></section>',
        f" {klasse}" if klasse else "",
        overskrift,
        format_html(' id="{}"', anker) if anker else "",
        content,
    )
    return format_html('<div class="{}">{}</div>', kolonne, seksjon) if kolonne else seksjon
