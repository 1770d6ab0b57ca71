"""How every app's views run a service from a form: the service's ValidationError onto the form
(`feil_pa_skjema`), and the whole POST shape — form → service → error onto the form, or a message
and a redirect (`skjema_post`). The transaction belongs to the service, never to the view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods


def feil_pa_skjema(form: forms.Form, feil: ValidationError) -> None:
    """Put a service's ValidationError on the form: at the field when the form shows it, else on top."""
    if hasattr(feil, "error_dict"):
        for felt, liste in feil.error_dict.items():
            form.add_error(felt if felt in form.fields else None, liste)
    else:
        form.add_error(None, feil)


def skjema_post(
    request: HttpRequest,
    form: forms.Form,
    kjor: Callable[[dict[str, Any]], Any],
    *,
    melding: str | Callable[[Any], str],
    videre: str | Callable[[Any], HttpResponse],
) -> HttpResponse | None:
    """On a valid POST run the service with the form's cleaned data; on success say so and redirect.

    `melding` and `videre` (a URL, or a function of the service's result giving the response) may use
    what the service returned. None means: show the form again (a GET, an invalid form, or a rule the
    service refused, now on the form).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        resultat = kjor(form.cleaned_data)
    except ValidationError as feil:
        feil_pa_skjema(form, feil)
        return None
    messages.success(request, melding(resultat) if callable(melding) else melding)
    return videre(resultat) if callable(videre) else redirect(videre)


class Listefilter(forms.Form):
    """The GET parameters of a list page, checked and normalised. A value that does not parse is left
    out (the list then shows everything for that filter), never an error page: links and bookmarks
    outlive the choices they were made with."""

    def verdier(self) -> dict[str, str]:
        """Every field's cleaned value; "" for one empty or not understood."""
        self.is_valid()
        return {navn: self.cleaned_data.get(navn) or "" for navn in self.fields}


def valgfritt(choices=(), **kwargs: Any) -> forms.ChoiceField:
    """A filter's select: one of `choices` or nothing."""
    return forms.ChoiceField(choices=[("", "Alle"), *choices], required=False, **kwargs)


def id_felt() -> forms.RegexField:
    """A filter on a related row, by its id as given in the URL (the queryset decides what is visible)."""
    return forms.RegexField(regex=r"^\d+$", required=False)


class Sokefelt(forms.CharField):
    """Free text, trimmed and cut at 100 characters (a longer search is cut, not refused)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, strip=True, **kwargs)

    def to_python(self, value: Any) -> str:
        return super().to_python(value)[:100]


def rad_post(
    request: HttpRequest,
    rad: Model,
    skjema: type[forms.ModelForm],
    lagre: Callable[..., Any],
    *,
    prefiks: str,
    melding: str | Callable[[Any], str],
    hva: str,
    **skjema_kwargs: Any,
) -> None:
    """A row edited in place on its page (a small form of its own, prefixed `prefiks` and the row's pk,
    no page to show it again): run `lagre(rad, utfort_av=user, **changed)` with the fields that
    changed, or say in a message what was wrong (the form's errors, or the rule the service refused).
    The form is bound to a fresh copy of the row, so the service still sees the row as it was. The
    view then redirects back to the row."""
    form = skjema(
        request.POST,
        instance=rad._meta.model.objects.get(pk=rad.pk),
        prefix=f"{prefiks}{rad.pk}",
        **skjema_kwargs,
    )
    if not form.is_valid():
        messages.error(request, f"{hva} ble ikke lagret: " + "; ".join(" ".join(v) for v in form.errors.values()))
        return
    try:
        resultat = lagre(rad, utfort_av=request.user, **{f: form.cleaned_data[f] for f in form.changed_data})
    except ValidationError as feil:
        messages.error(request, f"{hva} ble ikke lagret: " + " ".join(feil.messages))
        return
    messages.success(request, melding(resultat) if callable(melding) else melding)


SKJEMA_SIDE = "components/skjema_side.html"  # the plain form page simple forms share


def skjema_side(
    request: HttpRequest,
    form: forms.Form,
    *,
    tittel: str,
    tilbake: str,
    forklaring: str = "",
    knapp: str = "Lagre",
    status: int = 200,
) -> HttpResponse:
    """A simple form on its own page: heading, an explanation, the error summary, the fields, Save and Cancel."""
    return render(
        request,
        SKJEMA_SIDE,
        {"form": form, "tittel": tittel, "tilbake": tilbake, "forklaring": forklaring, "knapp": knapp},
        status=status,
    )


def skjema_svar(
    request: HttpRequest,
    form: forms.Form,
    kjor: Callable[[dict[str, Any]], Any],
    *,
    melding: str | Callable[[Any], str],
    tittel: str,
    tilbake: str,
    videre: str | Callable[[Any], HttpResponse] | None = None,
    forklaring: str = "",
    knapp: str = "Lagre",
) -> HttpResponse:
    """Both halves of a simple form page: a valid POST runs the service (`skjema_post`) and goes on to
    `videre`, by default back where Cancel leads; anything else shows the form (`skjema_side`)."""
    return skjema_post(request, form, kjor, melding=melding, videre=videre or tilbake) or skjema_side(
        request, form, tittel=tittel, tilbake=tilbake, forklaring=forklaring, knapp=knapp
    )


def skjema_view(
    hent: Callable[..., Any],
    skjema: type[forms.ModelForm] | Callable[[Any, Any], forms.Form],
    lagre: Callable[..., Any],
    *,
    melding: str | Callable[[Any], str] = "Endringene er lagret.",
    tittel: str | Callable[[Any], str],
    tilbake: Callable[[Any], str],
    videre: Callable[[Any], HttpResponse] | None = None,
    **side: Any,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """The view of a form page about one row (Django's UpdateView, as a function view).

    `hent(user, pk, write=True)` is the row's permission helper (404 not visible, 403 read-only);
    `skjema` the row's form class (the row its instance), or `skjema(rad, data)` making any other form;
    `lagre(rad, utfort_av=user, **cleaned_data)` the service. `tittel` is a text or a function of the
    row (read after the form has run, as in a view written out); `tilbake`, the way back, a function
    of the row; a saved form goes on to `videre`, by default back. `side`: `forklaring` and `knapp`
    of `skjema_side`.
    """

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        rad = hent(request.user, pk, write=True)
        data = request.POST or None
        form = skjema(data, instance=rad) if isinstance(skjema, type) else skjema(rad, data)
        return skjema_post(
            request,
            form,
            lambda data: lagre(rad, utfort_av=request.user, **data),
            melding=melding,
            videre=videre or tilbake(rad),
        ) or skjema_side(
            request, form, tittel=tittel(rad) if callable(tittel) else tittel, tilbake=tilbake(rad), **side
        )

    return view


def knapp_post(request: HttpRequest, kjor: Callable[[], Any], *, melding: str | Callable[[Any], str]) -> Any | None:
    """A button (a POST with nothing to fill in): run the service and say in a message that it was
    done, or what it refused. Returns the service's result, None when refused; the view then
    redirects back to the page the button is on."""
    try:
        resultat = kjor()
    except ValidationError as feil:
        messages.error(request, " ".join(feil.messages))
        return None
    messages.success(request, melding(resultat) if callable(melding) else melding)
    return resultat
