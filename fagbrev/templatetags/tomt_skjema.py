"""`{{ form|crispy_tomt }}`: an empty form's crispy markup, rendered once and then reused.

A page shown often may hold forms nobody has typed into yet (the case page: the upload and the loan
forms), and crispy's templates cost more to render than the rest of such a section. An unbound form's
markup is made from its class, its prefix, the values it shows and the language, so it is kept under
those (a date field showing today makes a new entry each day; the store is small and starts again when
full). A bound form (the user's input, its errors) is rendered every time, as `|crispy` does.

Only for forms that are alike for every instance of their class: a form whose __init__ changes its
labels, choices or widgets from its arguments (a participant, a user) must use `|crispy`.
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import template
from django.utils import translation

register = template.Library()

MAKS = 64  # entries: a handful of forms × the days a process lives
_lagret: dict[tuple, str] = {}


@register.filter
def crispy_tomt(form) -> str:
    if form.is_bound:
        return as_crispy_form(form)
    nokkel = (
        type(form),
        form.prefix,
        translation.get_language(),
        tuple((felt.html_name, repr(felt.value())) for felt in form),
    )
    markup = _lagret.get(nokkel)
    if markup is None:
        if len(_lagret) >= MAKS:
            _lagret.clear()
        markup = _lagret[nokkel] = as_crispy_form(form)
    return markup
