"""What each app holds about a participant: the registry innsyn and anonymisation read.

personvern (the top of the house) collects a participant's rows by walking the models of the apps
registered here, so an app whose models may hold data about her registers from its
`AppConfig.ready()`, saying what is special about its fields:

- `utelatt`: fields left out of the innsyn export (hashes, storage paths, claim tokens);
- `behold`: text fields that are machine keys or fixed vocabulary, kept when anonymising;
- `urort`: models anonymisation leaves as they are (the access log: the record of who looked);
- `steg`: model name → f(row) -> {field: value}, changes beyond blanking free text (the participant's
  name, the birth date cut to its year).

An app that is not registered is neither exported nor anonymised; tests/test_registre.py checks that
every app with a model pointing at a participant is here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class Personopplysninger:
    app: str
    utelatt: frozenset[str] = frozenset()
    behold: frozenset[str] = frozenset()
    urort: frozenset[str] = frozenset()  # model names ("Oppslag")
    steg: Mapping[str, Callable[[models.Model], dict]] = field(default_factory=dict)


REGISTER: dict[str, Personopplysninger] = {}


def registrer(
    app: str,
    *,
    utelatt: Iterable[str] = (),
    behold: Iterable[str] = (),
    urort: Iterable[str] = (),
    steg: Mapping[str, Callable[[models.Model], dict]] | None = None,
) -> None:
    REGISTER[app] = Personopplysninger(
        app=app, utelatt=frozenset(utelatt), behold=frozenset(behold), urort=frozenset(urort), steg=dict(steg or {})
    )


def apper() -> tuple[str, ...]:
    """The apps whose models may hold data about a participant."""
    return tuple(REGISTER)


def _for(modell: type[models.Model] | models.Model) -> Personopplysninger:
    return REGISTER.get(modell._meta.app_label) or Personopplysninger(app=modell._meta.app_label)


def utelatt(modell: type[models.Model] | models.Model) -> frozenset[str]:
    return _for(modell).utelatt


def behold(modell: type[models.Model] | models.Model) -> frozenset[str]:
    return _for(modell).behold


def urort(modell: type[models.Model] | models.Model) -> bool:
    return modell._meta.object_name in _for(modell).urort


def steg(obj: models.Model) -> dict:
    """The app's own changes to one row when anonymising (none for most models)."""
    f = _for(obj).steg.get(obj._meta.object_name)
    return f(obj) if f else {}
