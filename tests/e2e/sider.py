"""The main pages of the application, and which roles open them with which answer.

The accessibility test opens every page here for every role and runs axe-core on it. When a
feature adds a page, add one `Side` line; if its URL needs an object, add a finder to `FINN`.

Finders pick one case for the user from the demo data and take every other object from it (its
placement, employer, visit, meeting …), so the pages show real content. A user who may see no
case (the steering group) gets a case of her own organisation: the page must then answer 404,
never show it. The expected codes are the ones fagbrev/tests/test_tilgangsmatrise.py holds for
the same URL names: 403 for «yours but not for your role», 404 for «not yours».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# Demo users (docs: /work/shared/INTERFACE.md), one per role, plus the other organisation.
ROLLER = ["koordinator", "faglarer", "norsklarer", "styring", "koordinator.asker"]
SAKSROLLER = {"koordinator", "faglarer", "norsklarer", "koordinator.asker"}
KOORDINATORER = {"koordinator", "koordinator.asker"}
OPPFOLGERE = {"koordinator", "faglarer", "koordinator.asker"}  # record visits and assessment meetings
RAPPORTLESERE = {"koordinator", "styring", "koordinator.asker"}
LAERERE_403 = {"faglarer": 403, "norsklarer": 403}  # they see the case, but may not change it


def _organisasjoner(user) -> list[int]:
    return sorted(user.organisasjoner_med())


def _deltaker(user):
    """A participant in training with a placement the user may see; else one of her organisation's."""
    from deltakere.models import Deltaker

    synlige = Deltaker.objects.visible_to(user).order_by("pk")
    valgt = (
        synlige.filter(status=Deltaker.Status.I_OPPLAERING, plasseringer__isnull=False).first()
        or synlige.first()
        or Deltaker.objects.filter(organisasjon_id__in=_organisasjoner(user)).order_by("pk").first()
    )
    return valgt


def _plassering(user):
    from arbeidsgivere.models import Plassering

    deltaker = _deltaker(user)
    return Plassering.objects.filter(deltaker=deltaker).order_by("-fra").first() if deltaker else None


def _pk(objekt) -> int | None:
    return objekt.pk if objekt is not None else None


def _fra_plassering(hva: Callable) -> Callable:
    def finn(user) -> int | None:
        plassering = _plassering(user)
        return _pk(hva(plassering)) if plassering else None

    return finn


def _siste(modell: str) -> Callable:
    """The case's latest row of a model with `deltaker` and `opprettet`/pk (visit, assessment meeting)."""

    def finn(user) -> int | None:
        from django.apps import apps

        deltaker = _deltaker(user)
        if deltaker is None:
            return None
        rader = apps.get_model(modell).objects.filter(deltaker=deltaker).order_by("-pk")
        return rader.values_list("pk", flat=True).first()

    return finn


def _mote(user) -> int | None:
    from oppfolging.models import Mote

    moter = Mote.objects.filter(organisasjon_id__in=_organisasjoner(user)).order_by("pk")
    return moter.values_list("pk", flat=True).first()


def _motemote(user) -> int | None:
    """A recruitment or information meeting of the user's organisation (moter), the oldest: it has a list."""
    from moter.models import Mote

    return (
        Mote.objects.filter(organisasjon_id__in=_organisasjoner(user))
        .order_by("dato", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _org(user) -> int | None:
    orgs = _organisasjoner(user)
    return orgs[0] if orgs else None


# placeholder in a path → function(user) giving the id of an object for the user, or None (page left out)
FINN: dict[str, Callable] = {
    "deltaker": lambda user: _pk(_deltaker(user)),
    "fagretning": lambda user: _deltaker(user).fagretning_id if _deltaker(user) else None,
    "plassering": lambda user: _pk(_plassering(user)),
    "avtale": _fra_plassering(lambda p: p.avtaler.order_by("-pk").first()),
    "arbeidsgiver": _fra_plassering(lambda p: p.arbeidssted.arbeidsgiver),
    "arbeidssted": _fra_plassering(lambda p: p.arbeidssted),
    "fadder": _fra_plassering(lambda p: p.fadder),
    "besok": _siste("oppfolging.Besok"),
    "samtale": _siste("oppfolging.Vurderingssamtale"),
    "mote": _mote,
    "motemote": _motemote,
    "org": _org,
}


@dataclass(frozen=True)
class Side:
    sti: str  # may hold {placeholders} from FINN
    roller: set[str] = field(default_factory=lambda: set(ROLLER))  # answered with 200
    andre: int | None = 403  # what the other roles get (None: do not open it for them)
    unntak: dict[str, int] = field(default_factory=dict)  # role → status, before `andre`


def _saksside(sti: str, roller: set[str] = SAKSROLLER, **unntak: int) -> Side:
    """A page about one case: the steering group (and anyone outside the case) gets 404."""
    return Side(sti, roller, andre=404, unntak=unntak)


def _endre_sak(sti: str) -> Side:
    """A coordinator's form on a case: the teachers who see the case get 403."""
    return _saksside(sti, KOORDINATORER, **LAERERE_403)


SIDER: list[Side] = [
    Side("/"),
    Side("/konto/passord/"),
    Side("/konto/2fa/"),
    Side("/varsler/"),
    Side("/varsler/innstillinger/"),
    Side("/arshjul/"),
    # Participants and the case file
    Side("/deltakere/", SAKSROLLER),
    Side("/deltakere/?q=a&status=i_opplaering", SAKSROLLER, andre=None),
    Side("/deltakere/ny/", KOORDINATORER),
    Side("/deltakere/import/", KOORDINATORER),
    Side("/deltakere/kriterier/{fagretning}/", KOORDINATORER, andre=404),
    _saksside("/deltakere/{deltaker}/"),
    *[
        _endre_sak(f"/deltakere/{{deltaker}}/{under}/")
        for under in ("endre", "kartlegging", "opptak", "inntak", "status", "permisjon", "avbrudd")
    ],
    *[
        _saksside(f"/deltakere/{{deltaker}}/{under}/")
        for under in ("kontrakt", "eksamen", "norsk", "opplaeringsplan", "praksis")
    ],
    _endre_sak("/deltakere/{deltaker}/stipend/"),
    _endre_sak("/deltakere/{deltaker}/innsyn/"),
    _saksside("/fagretninger/{fagretning}/"),
    # Follow-up: visits, assessment meetings, meetings
    Side("/oppfolging/", OPPFOLGERE),
    Side("/oppfolging/besok/ny/", OPPFOLGERE),
    _saksside("/oppfolging/besok/{besok}/"),
    _saksside("/oppfolging/besok/{besok}/endre/", OPPFOLGERE, norsklarer=403),
    _saksside("/oppfolging/vurderingssamtaler/ny/{deltaker}/", OPPFOLGERE, norsklarer=403),
    _saksside("/oppfolging/vurderingssamtaler/{samtale}/"),
    _saksside("/oppfolging/vurderingssamtaler/{samtale}/endre/", OPPFOLGERE, norsklarer=403),
    Side("/oppfolging/moter/ny/", KOORDINATORER),
    _saksside("/oppfolging/moter/{mote}/", OPPFOLGERE),
    Side("/oppfolging/faddersamlinger/ny/", KOORDINATORER),
    # Employers, workplaces, placements
    Side("/arbeidsgivere/", OPPFOLGERE),
    Side("/arbeidsgivere/ny/", KOORDINATORER),
    _saksside("/arbeidsgivere/{arbeidsgiver}/", OPPFOLGERE),
    *[
        _saksside(sti, KOORDINATORER, faglarer=403)
        for sti in (
            "/arbeidsgivere/{arbeidsgiver}/endre/",
            "/arbeidsgivere/{arbeidsgiver}/arbeidssteder/ny/",
            "/arbeidsgivere/arbeidssteder/{arbeidssted}/endre/",
            "/arbeidsgivere/arbeidssteder/{arbeidssted}/personer/ny/",
            "/arbeidsgivere/personer/{fadder}/endre/",
        )
    ],
    _endre_sak("/arbeidsgivere/deltakere/{deltaker}/plassering/ny/"),
    _saksside("/arbeidsgivere/plasseringer/{plassering}/"),
    *[
        _endre_sak(f"/arbeidsgivere/plasseringer/{{plassering}}/{under}/")
        for under in ("endre", "avslutt", "avtale/ny", "evaluering/ny")
    ],
    _endre_sak("/arbeidsgivere/avtaler/{avtale}/endre/"),
    _endre_sak("/arbeidsgivere/avtaler/{avtale}/signer/"),
    # Recruitment and information meetings, the start-up meeting
    Side("/moter/", OPPFOLGERE),
    Side("/moter/ny/", KOORDINATORER),
    Side("/moter/{motemote}/", OPPFOLGERE),
    *[
        Side(f"/moter/{{motemote}}/{under}/", KOORDINATORER)
        for under in ("endre", "slett", "oppmote", "deltakere/ny", "eksterne/ny")
    ],
    _saksside("/moter/oppstart/{plassering}/"),
    _endre_sak("/moter/oppstart/{plassering}/endre/"),
    # Documents and reports
    Side("/dokumenter/", KOORDINATORER),
    Side("/dokumenter/profil/{org}/", KOORDINATORER, andre=404),
    Side("/rapporter/styringsgruppe/", RAPPORTLESERE),
    Side("/rapporter/arsrapport/", RAPPORTLESERE),
    Side("/finnes-ikke/", set(), andre=404),
]

# Pages for a visitor who is not logged in.
OFFENTLIGE = ["/konto/logg-inn/", "/konto/passord/glemt/"]


def forventet(side: Side, brukernavn: str) -> int | None:
    if brukernavn in side.roller:
        return 200
    return side.unntak.get(brukernavn, side.andre)


def sider_for(user) -> list[tuple[str, int]]:
    """(path, expected status) for every page the role opens; pages whose object it cannot have are left out."""
    verdier: dict[str, int | None] = {}
    ut = []
    for side in SIDER:
        status = forventet(side, user.username)
        if status is None:
            continue
        navn = [n for n in FINN if "{" + n + "}" in side.sti]
        for n in navn:
            if n not in verdier:
                verdier[n] = FINN[n](user)
        if any(verdier[n] is None for n in navn):
            continue
        ut.append((side.sti.format(**{n: verdier[n] for n in navn}), status))
    return ut
