from django import template

register = template.Library()


@register.filter
def botid(kartlegging, idag) -> int | None:
    """Whole years in Norway: {{ kartlegging|botid:idag }}."""
    return kartlegging.botid_ar(idag)
