from django import template

from minside.sprak import SPRAK

register = template.Library()


@register.simple_tag
def sprakvalg() -> list[tuple[str, str]]:
    return SPRAK
