"""The core's models; import them from `fagbrev.models`.

- `kjerne`: users, organisations and memberships, the event log, tracks and cohorts.
- `tilgang`: the access log (who looked at which case).

The pathway's models (contracts, exams, Norwegian tests, training plan, stipend) live in `lop.models`.
"""

from .kjerne import (
    Fagretning,
    Hendelse,
    Kull,
    Medlemskap,
    Niva,
    Organisasjon,
    OrganisasjonEid,
    OrganisasjonQuerySet,
    RegistrertAv,
    Rolle,
    User,
    valgfri_bruker,
)
from .tilgang import Oppslag

__all__ = [
    "Fagretning",
    "Hendelse",
    "Kull",
    "Medlemskap",
    "Niva",
    "Oppslag",
    "Organisasjon",
    "OrganisasjonEid",
    "OrganisasjonQuerySet",
    "RegistrertAv",
    "Rolle",
    "User",
    "valgfri_bruker",
]
