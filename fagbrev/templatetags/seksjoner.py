"""`{% samtaleseksjoner samtale %}`: the parts higher apps add to a meeting record (fagbrev/seksjoner.py)."""

from django import template

from fagbrev.seksjoner import samtale_seksjoner

register = template.Library()


@register.inclusion_tag("components/_seksjoner.html", takes_context=True)
def samtaleseksjoner(context, samtale) -> dict:
    request = context.get("request")
    return {"seksjoner": samtale_seksjoner(samtale=samtale, user=getattr(request, "user", None)), "request": request}
