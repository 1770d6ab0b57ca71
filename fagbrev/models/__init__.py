"""The core's models, split in two modules past ~500 lines; import them from `fagbrev.models`.

- `kjerne`: users, organisations and memberships, the event log, tracks and cohorts.
- `tilgang`: the access log (who looked at which case).
- `lop`: what decides whether a participant reaches the certificate — learning contracts and their
  county checklist, leave, written exams, fagprøver, Norwegian tests, practice periods, competence
  goals and training plans, monthly topics, the grunnbeløp and stipend decisions with their months.
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
    Rolle,
    User,
)
from .lop import (
    Eksamen,
    Fagprove,
    Grunnbelop,
    Kompetansemal,
    Laerekontrakt,
    Manedstema,
    Norskprove,
    Opplaeringsplanpunkt,
    Permisjon,
    Praksisperiode,
    Resultat,
    Sjekkpunkt,
    Stipendmaned,
    Stipendvedtak,
)
from .tilgang import Oppslag

__all__ = [
    "Eksamen",
    "Fagprove",
    "Fagretning",
    "Grunnbelop",
    "Hendelse",
    "Kompetansemal",
    "Kull",
    "Laerekontrakt",
    "Manedstema",
    "Medlemskap",
    "Niva",
    "Norskprove",
    "Opplaeringsplanpunkt",
    "Oppslag",
    "Organisasjon",
    "OrganisasjonEid",
    "OrganisasjonQuerySet",
    "Permisjon",
    "Praksisperiode",
    "Resultat",
    "Rolle",
    "Sjekkpunkt",
    "Stipendmaned",
    "Stipendvedtak",
    "User",
]
