"""The access policy: who may see and change what. Views ask here; templates get flags.

| role            | participants (case files)              | employers             | reports |
|-----------------|----------------------------------------|-----------------------|---------|
| koordinator     | all in her organisation, read + write  | all, read + write     | yes     |
| faglærer        | those she teaches (faglarer), read;    | where her participants| no      |
|                 | records follow-up                      | are placed, read      |         |
| norsklærer      | those she teaches (norsklarer), read;  | no                    | no      |
|                 | records Norwegian progress             |                       |         |
| styringsgruppe  | none                                   | none                  | yes     |
| superuser       | Django admin only; no case access without a membership          |

Outcome after the pathway (deltakere.Utfall) and stipend decisions follow the case file: outcome is
read by whoever sees the case and written by coordinators; stipend (money) is the coordinator's only.
The steering group sees neither, only the report's suppressed counts and sums.

"Not visible" is answered with 404 so existence does not leak; "visible but read-only" with 403.
Everything is computed from the user's memberships on each request; nothing is cached longer.
"""

from __future__ import annotations

from django.db.models import Q

from .models import Rolle

KOORDINATOR = Rolle.KOORDINATOR
FAGLARER = Rolle.FAGLARER
NORSKLARER = Rolle.NORSKLARER
STYRINGSGRUPPE = Rolle.STYRINGSGRUPPE


def deltaker_scope(user, prefix: str = "") -> Q:
    """The participants the user may see, as one Q (prefix for lookups through a relation)."""
    p = prefix
    if not user.is_authenticated:
        return Q(pk__in=[])
    koordinator_orgs = user.organisasjoner_med(KOORDINATOR)
    faglarer_orgs = user.organisasjoner_med(FAGLARER)
    norsklarer_orgs = user.organisasjoner_med(NORSKLARER)
    q = Q(pk__in=[])  # nothing, unless a role below grants it
    if koordinator_orgs:
        q |= Q(**{f"{p}organisasjon_id__in": koordinator_orgs})
    if faglarer_orgs:
        q |= Q(**{f"{p}organisasjon_id__in": faglarer_orgs, f"{p}faglarer_id": user.pk})
    if norsklarer_orgs:
        q |= Q(**{f"{p}organisasjon_id__in": norsklarer_orgs, f"{p}norsklarer_id": user.pk})
    return q


def can_view_deltaker(user, deltaker) -> bool:
    rolle = user.roller.get(deltaker.organisasjon_id) if user.is_authenticated else None
    if rolle == KOORDINATOR:
        return True
    if rolle == FAGLARER:
        return deltaker.faglarer_id == user.pk
    if rolle == NORSKLARER:
        return deltaker.norsklarer_id == user.pk
    return False


def can_edit_deltaker(user, deltaker) -> bool:
    """Change the case file itself: status, intake, contract, documents."""
    return user.is_authenticated and user.roller.get(deltaker.organisasjon_id) == KOORDINATOR


def can_record_oppfolging(user, deltaker) -> bool:
    """Record visits and assessments: the participant's faglærer or a coordinator."""
    rolle = user.roller.get(deltaker.organisasjon_id) if user.is_authenticated else None
    return rolle == KOORDINATOR or (rolle == FAGLARER and deltaker.faglarer_id == user.pk)


def can_record_norsk(user, deltaker) -> bool:
    """Record Norwegian test results: the participant's norsklærer or a coordinator."""
    rolle = user.roller.get(deltaker.organisasjon_id) if user.is_authenticated else None
    return rolle == KOORDINATOR or (rolle == NORSKLARER and deltaker.norsklarer_id == user.pk)


def can_see_fodselsnummer(user, deltaker) -> bool:
    return can_edit_deltaker(user, deltaker)


def can_manage_org(user, organisasjon_id: int) -> bool:
    """Tracks, cohorts, employers, settings of an organisation."""
    return user.is_authenticated and user.roller.get(organisasjon_id) == KOORDINATOR


def can_view_reports(user) -> bool:
    return user.is_authenticated and user.har_rolle(KOORDINATOR, STYRINGSGRUPPE)


def can_use_case_files(user) -> bool:
    return user.is_authenticated and user.har_rolle(KOORDINATOR, FAGLARER, NORSKLARER)


def can_use_arbeidsgivere(user) -> bool:
    return user.is_authenticated and user.har_rolle(KOORDINATOR, FAGLARER)


def can_use_oppfolging(user) -> bool:
    return user.is_authenticated and user.har_rolle(KOORDINATOR, FAGLARER)
