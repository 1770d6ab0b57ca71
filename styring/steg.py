"""The seven steps of IMDi's handbook for building qualification for a new track (seed 004: «Modellen
består av 7 steg»), in the handbook's order and words. One home: the record's steps, the form and the
pages read their names and purposes here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Steg:
    nummer: int
    tittel: str
    formal: str


STEG: tuple[Steg, ...] = (
    Steg(
        1,
        "Innhente og vurdere arbeidskraftbehovet",
        "Kommunen vurderer arbeidskraftbehovet lokalt eller regionalt mot den definerte deltakergruppen.",
    ),
    Steg(
        2,
        "Vurdere og justere eksisterende kvalifiseringstiltak",
        "Oversikt over eksisterende kvalifiseringstiltak, vurdert opp mot arbeidskraftbehovet og deltakernes behov.",
    ),
    Steg(
        3,
        "Velge og utvikle nye kvalifiseringstiltak",
        "Kommunen velger og vurderer behovet for nye tiltak og planlegger utviklingen av dem (tiltaksplan).",
    ),
    Steg(
        4,
        "Samarbeide med arbeidsgiver",
        "Hvilke krav arbeidsgiverne stiller for å gi praksisplass, og hvordan samarbeidet settes i gang.",
    ),
    Steg(
        5,
        "Tilpasse kvalifisering for deltaker",
        "Kvalifiseringen planlegges i tråd med opplæringsmål og kravene fra arbeidsgiver.",
    ),
    Steg(
        6,
        "Følge opp deltaker og arbeidsgiver",
        "Opplæringen skjer etter planen, roller og ansvar for oppfølging er avklart, og det evalueres underveis.",
    ),
    Steg(
        7,
        "Sluttevaluere og følge opp deltaker",
        "Sluttevaluering av tiltaket og videre oppfølging av deltakerne.",
    ),
)
ANTALL = len(STEG)


def steg(nummer: int) -> Steg:
    return STEG[nummer - 1]
