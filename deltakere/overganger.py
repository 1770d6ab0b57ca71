"""The status machine of a case, in one place: which transitions are allowed and what each needs.

Every status change goes through `deltakere.services.deltaker_endre_status`, which asks
`hindringer(deltaker, til)` here. The case page asks the same function to show which steps are open
and, for a closed one, why.
"""

from __future__ import annotations

from . import politiattest
from .models import Deltaker

S = Deltaker.Status

# from → the statuses a case may move to. Ending a case (fullført, avbrutt) is final: history stays.
OVERGANGER: dict[str, tuple[str, ...]] = {
    S.HENVIST: (S.KARTLAGT, S.AVSLATT, S.AVBRUTT),
    S.KARTLAGT: (S.TATT_OPP, S.AVSLATT, S.AVBRUTT),
    S.TATT_OPP: (S.I_OPPLAERING, S.AVBRUTT),
    S.AVSLATT: (S.HENVIST,),  # a new referral of the same person reopens the case, keeping its history
    S.I_OPPLAERING: (S.PERMISJON, S.TEORI_BESTATT, S.AVBRUTT),
    S.PERMISJON: (S.I_OPPLAERING, S.AVBRUTT),
    S.TEORI_BESTATT: (S.FAGPROVE_MELDT_OPP, S.AVBRUTT),
    S.FAGPROVE_MELDT_OPP: (S.FULLFORT, S.TEORI_BESTATT, S.AVBRUTT),
    S.FULLFORT: (),
    S.AVBRUTT: (),
}

# Targets that need more than a reason; the generic status form leaves them to their own form.
EGET_SKJEMA: dict[str, str] = {
    S.KARTLAGT: "deltakere:kartlegging",
    S.TATT_OPP: "deltakere:opptak",
    S.AVSLATT: "deltakere:opptak",
    S.PERMISJON: "deltakere:permisjon",
    S.AVBRUTT: "deltakere:avbrudd",
}

# What the button says for each target.
HANDLING: dict[str, str] = {
    S.HENVIST: "Gjenåpne som ny henvisning",
    S.KARTLAGT: "Registrer kartlegging",
    S.TATT_OPP: "Ta opp",
    S.AVSLATT: "Avslå",
    S.I_OPPLAERING: "Start opplæring",
    S.PERMISJON: "Registrer permisjon",
    S.TEORI_BESTATT: "Teori bestått",
    S.FAGPROVE_MELDT_OPP: "Meld opp til fagprøve",
    S.FULLFORT: "Fagprøve bestått – fullfør",
    S.AVBRUTT: "Avbryt løpet",
}

# Where the same target means something else coming from a particular status.
HANDLING_FRA: dict[tuple[str, str], str] = {
    (S.PERMISJON, S.I_OPPLAERING): "Tilbake fra permisjon",
    (S.FAGPROVE_MELDT_OPP, S.TEORI_BESTATT): "Fagprøve ikke bestått",
}


def handling(fra: str, til: str) -> str:
    return HANDLING_FRA.get((fra, til), HANDLING[til])


NESTE_STEG: dict[str, str] = {
    S.HENVIST: "Gjennomfør intervju og kartlegging.",
    S.KARTLAGT: "Vurder opptak sammen med faglæreren.",
    S.TATT_OPP: "Inntakssamtale: kontrakt, samtykke, forventninger, fraværsregler og politiattest. Så oppstart.",
    S.AVSLATT: "Saken er avslått. Den kan gjenåpnes ved ny henvisning.",
    S.I_OPPLAERING: "Følg opp på arbeidsplassen; meld på tverrfaglig eksamen i god tid før fagprøven.",
    S.PERMISJON: "Avtal tilbakekomst når permisjonen slutter.",
    S.TEORI_BESTATT: "Meld opp til fagprøven før lærekontrakten går ut.",
    S.FAGPROVE_MELDT_OPP: "Registrer resultatet av fagprøven.",
    S.FULLFORT: "Løpet er fullført. Deltakerbevis overleveres.",
    S.AVBRUTT: "Løpet er avbrutt.",
}


def er_lovlig(fra: str, til: str) -> bool:
    return til in OVERGANGER.get(fra, ())


def hindringer(deltaker: Deltaker, til: str) -> list[str]:
    """Why the case cannot move to `til` now (empty when it can). Norwegian, for the user."""
    if not er_lovlig(deltaker.status, til):
        return [f"En sak med status «{deltaker.get_status_display()}» kan ikke gå til «{S(til).label}»."]
    grunner = []
    if til == S.I_OPPLAERING and (tekst := politiattest.hindring_tekst(deltaker)):
        grunner.append(f"{tekst} Registrer den i inntakssamtalen først.")
    return grunner


def mulige(deltaker: Deltaker) -> list[dict]:
    """The transitions from the current status, each with its form (if any) and what blocks it."""
    return [
        {
            "til": til,
            "etikett": S(til).label,
            "handling": handling(deltaker.status, til),
            "skjema": EGET_SKJEMA.get(til),
            "hindringer": hindringer(deltaker, til),
        }
        for til in OVERGANGER[deltaker.status]
    ]
