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

Within a case, what each role sees is one list, `SYNLIGE_FELTGRUPPER` below (field groups). The case
page, the downloads (uploaded files and generated documents, each of a field group) and the consent
form the participant signs (`samtykke_deling`) all read it: a teacher sees what the form tells the
participant she sees, and nothing more (403 for a download outside it).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

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


# --- Field groups: what of a case each role sees -----------------------------------------------------
# key → (short name, what it holds, in the words of the consent form)
FELTGRUPPER: dict[str, tuple[str, str]] = {
    "identitet": ("navn", "navn, fødselsdato og fagretning"),
    "kontakt": ("telefon og e-post", "telefon og e-post"),
    "adresse": ("adresse", "adresse"),
    "fodselsnummer": ("fødselsnummer", "fødselsnummer eller D-nummer"),
    "opptak": ("henvisning og opptak", "henvisningen, opptaksvedtaket, inntakssamtalen og politiattesten"),
    "kartlegging": (
        "kartleggingen",
        "kartleggingen: norskopplæring, botid, utdanning, arbeidserfaring, inntekt, målgruppe og hindringer",
    ),
    "fremdrift": (
        "fremdrift",
        "fremdrift i løpet: status, lærekontrakt, eksamen, norskprøver, fagprøve, opplæringsplan og utfall",
    ),
    "oppmote": ("oppmøte", "oppmøte og permisjonsperioder"),
    "vurderinger": ("vurderinger", "besøk på arbeidsplassen og vurderingssamtaler"),
    "praksis": ("praksis", "praksissted, fadder og avtale om deltakelse"),
    "fravarsgrunner": ("grunner til permisjon og avbrudd", "grunner til permisjon og avbrudd"),
    "dokumenter": ("CV og attester", "CV, attester og andre opplastede dokumenter"),
    "utstyr": ("utlånt utstyr", "utlånt utstyr"),
    "stipend": ("stipend", "stipendvedtak"),
    "historikk": ("hele historikken", "historikken over alle endringer i saken"),
}
_LAERER = frozenset({"identitet", "kontakt", "fremdrift", "oppmote", "vurderinger", "praksis"})
# role → the field groups of a case she may see (a case she may see at all: can_view_deltaker)
SYNLIGE_FELTGRUPPER: dict[str, frozenset[str]] = {
    KOORDINATOR: frozenset(FELTGRUPPER),
    FAGLARER: _LAERER,
    NORSKLARER: _LAERER,
}
# why a role gets what it gets, for the consent form
FORMAL: dict[str, str] = {
    FAGLARER: "Planlegge og følge opp undervisningen og praksis",
    NORSKLARER: "Planlegge og følge opp norskopplæringen",
}


# The field group of an event in the case's history, by the start of its action name (the longest that
# matches). An event of a kind not listed is «historikk»: only for those who see the whole history.
HENDELSE_FELTGRUPPE: dict[str, str] = {
    "oppfolging.": "vurderinger",
    "arbeidsgivere.plassering.": "praksis",
    "arbeidsgivere.avtale.": "praksis",
    "arbeidsgivere.evaluering.": "praksis",
    "fagbrev.praksisperiode.": "praksis",
    "fagbrev.laerekontrakt.": "fremdrift",
    "fagbrev.sjekkpunkt.": "fremdrift",
    "fagbrev.eksamen.": "fremdrift",
    "fagbrev.fagprove.": "fremdrift",
    "fagbrev.norskprove.": "fremdrift",
    "fagbrev.opplaeringsplan.": "fremdrift",
    "deltakere.utfall.": "fremdrift",
    "deltakere.permisjon.": "fravarsgrunner",
    "deltakere.kartlegging.": "kartlegging",
    "deltakere.inntakssamtale.": "opptak",
    "deltakere.dokument.": "dokumenter",
    "deltakere.utstyr.": "utstyr",
    "fagbrev.stipendvedtak.": "stipend",
}


def hendelse_feltgruppe(handling: str) -> str:
    treff = [p for p in HENDELSE_FELTGRUPPE if handling.startswith(p)]
    return HENDELSE_FELTGRUPPE[max(treff, key=len)] if treff else "historikk"


def feltgrupper_for(user, deltaker) -> frozenset[str]:
    """The field groups of this participant's case the user sees (none if she may not see the case)."""
    if not can_view_deltaker(user, deltaker):
        return frozenset()
    return SYNLIGE_FELTGRUPPER.get(user.roller.get(deltaker.organisasjon_id), frozenset())


def can_see_feltgruppe(user, deltaker, feltgruppe: str) -> bool:
    if feltgruppe not in FELTGRUPPER:
        raise ValueError(f"Ukjent feltgruppe: {feltgruppe}")
    return feltgruppe in feltgrupper_for(user, deltaker)


def samtykke_deling() -> list[dict[str, str]]:
    """The rows of the consent form's "who gets what" for the roles in Fagbrev, from the same list:
    who, what (in the consent's words), what not (short names), why. Roles with the same list share a row."""
    rader: list[dict] = []
    for rolle in (FAGLARER, NORSKLARER):
        grupper = SYNLIGE_FELTGRUPPER[rolle]
        forrige = next((r for r in rader if r["grupper"] == grupper), None)
        if forrige is not None:
            forrige["hvem"] += f" og {Rolle(rolle).label.lower()}"
            forrige["hvorfor"] = "Planlegge og følge opp undervisningen"
            continue
        rader.append({"hvem": Rolle(rolle).label, "grupper": grupper, "hvorfor": FORMAL[rolle]})
    return [
        {
            "hvem": r["hvem"],
            "hva": "; ".join(lang for navn, (_, lang) in FELTGRUPPER.items() if navn in r["grupper"]),
            "ikke": ", ".join(kort for navn, (kort, _) in FELTGRUPPER.items() if navn not in r["grupper"]),
            "hvorfor": r["hvorfor"],
        }
        for r in rader
    ]


def can_see_fodselsnummer(user, deltaker) -> bool:
    return can_see_feltgruppe(user, deltaker, "fodselsnummer")


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


def hent_eller_404(qs: QuerySet, ikke_funnet: str, **filtre):
    """The one row of `qs` (already cut to what the user may see) that matches `filtre`, or a 404 that
    says `ikke_funnet`: another organisation's row, or one that does not exist, looks the same."""
    try:
        return qs.get(**filtre)
    except qs.model.DoesNotExist:
        raise Http404(ikke_funnet) from None
