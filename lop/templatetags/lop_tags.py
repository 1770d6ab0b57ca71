"""The pathway pages' template filters."""

from django import template

from lop.selectors import gjelder_praksiskandidat as _gjelder

register = template.Library()


@register.filter
def gjelder_praksiskandidat(deltaker) -> bool:
    """`{% if deltaker|gjelder_praksiskandidat %}`: lop.selectors.gjelder_praksiskandidat."""
    return _gjelder(deltaker)
