"""Who may read and enter the steering group's records.

The organisation's coordinators enter and change them; the steering group reads them (as it reads the
dashboard: `fagbrev.permissions.can_view_reports`); nobody else sees them. Another organisation's row
is not found (404); a row the user may read but not change answers 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from fagbrev import permissions
from fagbrev.models import Organisasjon

from .models import Kostnad, Sporplan


def lese_orgs(user) -> set[int]:
    """The organisations whose records the user reads (coordinator or steering group there)."""
    return user.organisasjoner_med(permissions.KOORDINATOR, permissions.STYRINGSGRUPPE)


def krev_lesing(user) -> None:
    if not permissions.can_view_reports(user):
        raise PermissionDenied("Styringsgruppens sider er for fagbrevkoordinatorer og styringsgruppen.")


def can_enter(user, organisasjon_id: int) -> bool:
    return permissions.can_manage_org(user, organisasjon_id)


def organisasjoner_for(user, org_id: str = "") -> tuple[Organisasjon, list[Organisasjon]]:
    """The organisation asked for (?org=) among those the user reads, and all of them."""
    krev_lesing(user)
    tillatte = list(Organisasjon.objects.filter(pk__in=lese_orgs(user)).order_by("navn"))
    if org_id:
        org = next((o for o in tillatte if str(o.pk) == org_id), None)
        if org is None:
            raise Http404("Fant ikke organisasjonen.")
        return org, tillatte
    return tillatte[0], tillatte


def org_for_ny(user, org_id: str = "") -> Organisasjon:
    """The organisation a new record goes into: one where the user is a coordinator."""
    org, _ = organisasjoner_for(user, org_id)
    if not can_enter(user, org.pk):
        raise PermissionDenied("Bare fagbrevkoordinatoren kan registrere her.")
    return org


def _hent(user, qs, pk: int, write: bool, ikke_funnet: str):
    krev_lesing(user)
    objekt = permissions.hent_eller_404(qs.filter(organisasjon_id__in=lese_orgs(user)), ikke_funnet, pk=pk)
    if write and not can_enter(user, objekt.organisasjon_id):
        raise PermissionDenied("Du kan lese dette, men ikke endre det.")
    return objekt


def get_kostnad_for_user(user, pk: int, *, write: bool = False) -> Kostnad:
    return _hent(user, Kostnad.objects.select_related("fagretning"), pk, write, "Fant ikke kostnaden.")


def get_sporplan_for_user(user, pk: int, *, write: bool = False) -> Sporplan:
    return _hent(user, Sporplan.objects.select_related("fagretning"), pk, write, "Fant ikke planen.")
