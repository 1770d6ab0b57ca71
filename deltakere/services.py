"""Writes to participants' case files. Every change is logged with who did it.

Edits of a case are guarded by optimistic locking: the form carries the `versjon` it was read at, and
the write is a compare-and-set (`UPDATE … WHERE versjon = read`). A second coordinator who saves an
older version is refused instead of silently overwriting the first.
"""

from __future__ import annotations

import datetime
import hashlib
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from fagbrev.identifikatorer import fodselsdato_fra_nummer, normaliser_fodselsnummer
from fagbrev.models import Fagretning, User
from fagbrev.services import hendelse_logg, objekt_endre

from . import overganger, signaler
from .models import (
    Avbrudd,
    Deltaker,
    Inntakssamtale,
    Kartlegging,
    Kriterievurdering,
    Opptakskriterium,
    Opptaksvedtak,
    Permisjon,
    Statusendring,
    Utfall,
    Utstyrslan,
    Vedlegg,
)

S = Deltaker.Status

KONFLIKT = (
    "Saken er endret av noen andre siden du åpnet den. Last siden på nytt og gjør endringen en gang til "
    "(det du skrev står fortsatt i skjemaet)."
)


def _idag() -> datetime.date:
    return timezone.localdate()


def _las(deltaker: Deltaker, versjon: int | None) -> None:
    """Compare-and-set on the case version; refuse when someone else saved in between."""
    if versjon is None:
        versjon = deltaker.versjon
    antall = Deltaker.objects.filter(pk=deltaker.pk, versjon=versjon).update(
        versjon=F("versjon") + 1, endret=timezone.now()
    )
    if antall != 1:
        raise ValidationError(KONFLIKT, code="konflikt")
    deltaker.versjon = versjon + 1


# --- referral and the person ----------------------------------------------------------------------


def deltaker_finn_duplikat(*, organisasjon_id: int, fodselsnummer: str) -> Deltaker | None:
    """The existing case with this identity number in the organisation, if any."""
    if not fodselsnummer:
        return None
    return Deltaker.objects.filter(organisasjon_id=organisasjon_id, fodselsnummer=fodselsnummer).first()


@transaction.atomic
def deltaker_registrer(
    *,
    fagretning: Fagretning,
    utfort_av: User | None,
    fornavn: str,
    etternavn: str,
    fodselsnummer: str = "",
    **felter: Any,
) -> Deltaker:
    """Register a referred person. The birth date comes from the number where the number tells it.

    A number already registered in the organisation is refused (code "duplikat"); the referral view
    looks first and leads to the existing case instead.
    """
    if fodselsnummer:
        fodselsnummer = normaliser_fodselsnummer(fodselsnummer)
        if deltaker_finn_duplikat(organisasjon_id=fagretning.organisasjon_id, fodselsnummer=fodselsnummer):
            raise ValidationError("Personen er allerede registrert i organisasjonen.", code="duplikat")
        felter.setdefault("fodselsdato", fodselsdato_fra_nummer(fodselsnummer))
    felter.setdefault("henvist_dato", _idag())
    try:
        with transaction.atomic():
            deltaker = Deltaker.objects.create(
                organisasjon_id=fagretning.organisasjon_id,
                fagretning=fagretning,
                fornavn=fornavn,
                etternavn=etternavn,
                fodselsnummer=fodselsnummer,
                **felter,
            )
    except IntegrityError:  # two registrations of the same number at the same moment
        raise ValidationError("Personen er allerede registrert i organisasjonen.", code="duplikat") from None
    henviser = f" av {deltaker.get_henvist_av_display()}" if deltaker.henvist_av else ""
    hendelse_logg(
        handling="deltakere.deltaker.registrert",
        objekt=deltaker,
        utfort_av=utfort_av,
        beskrivelse=f"Henvist{henviser} til {fagretning.navn}",
    )
    return deltaker


ENDRE_FELTER = {
    "fornavn",
    "etternavn",
    "fodselsnummer",
    "fodselsdato",
    "telefon",
    "epost",
    "adresse",
    "fagretning",
    "kull",
    "faglarer",
    "norsklarer",
    "rute",
    "henvist_av",
    "henviser_kontakt",
    "henvist_dato",
}


@transaction.atomic
def deltaker_endre(*, deltaker: Deltaker, versjon: int | None, utfort_av: User, **felter: Any) -> Deltaker:
    """Change the person's details and who teaches her. Refused if the case changed since `versjon`."""
    ukjente = set(felter) - ENDRE_FELTER
    if ukjente:
        raise ValueError(f"Kan ikke endre {sorted(ukjente)} her.")
    if felter.get("fodselsnummer"):
        felter["fodselsnummer"] = normaliser_fodselsnummer(felter["fodselsnummer"])
        annen = deltaker_finn_duplikat(organisasjon_id=deltaker.organisasjon_id, fodselsnummer=felter["fodselsnummer"])
        if annen and annen.pk != deltaker.pk:
            raise ValidationError(
                {"fodselsnummer": "En annen sak i organisasjonen har dette fødselsnummeret."}, code="duplikat"
            )
    for navn in ("fagretning", "kull"):
        obj = felter.get(navn)
        if obj is not None and obj.organisasjon_id != deltaker.organisasjon_id:
            raise ValidationError({navn: "Velg en som hører til organisasjonen."})
    if felter.get("kull") and felter["kull"].fagretning_id != felter.get("fagretning", deltaker.fagretning).pk:
        raise ValidationError({"kull": "Kullet hører til en annen fagretning."})
    _las(deltaker, versjon)
    fodselsdato = deltaker.fodselsdato
    objekt_endre(
        deltaker,
        "deltakere.deltaker.endret",
        utfort_av,
        felter,
        valider=False,
        bare_ved_endring=True,
        ogsa_lagre=["endret"],
        beskrivelse=lambda endringer: (
            "Opplysninger endret: " + ", ".join(Deltaker._meta.get_field(f).verbose_name for f in endringer)
        ),
    )
    if deltaker.fodselsdato != fodselsdato:  # e.g. the stipend rate depends on age (lop recomputes its months)
        signaler.fodselsdato_endret.send(sender=Deltaker, deltaker=deltaker, utfort_av=utfort_av)
    return deltaker


# --- status: the one write path ---------------------------------------------------------------


@transaction.atomic
def deltaker_endre_status(
    *,
    deltaker: Deltaker,
    til: str,
    begrunnelse: str,
    utfort_av: User | None,
    dato: datetime.date | None = None,
    versjon: int | None = None,
) -> Statusendring:
    """Move the case to `til` if the transition table and its rules allow it; record who, when, why."""
    begrunnelse = (begrunnelse or "").strip()
    if not begrunnelse:
        raise ValidationError({"begrunnelse": "Skriv hvorfor statusen endres."})
    grunner = overganger.hindringer(deltaker, til)
    if grunner:
        raise ValidationError(grunner, code="ulovlig_overgang")
    fra = deltaker.status
    if versjon is None:
        versjon = deltaker.versjon
    antall = Deltaker.objects.filter(pk=deltaker.pk, status=fra, versjon=versjon).update(
        status=til, versjon=versjon + 1, endret=timezone.now()
    )
    if antall != 1:
        raise ValidationError(KONFLIKT, code="konflikt")
    deltaker.status, deltaker.versjon = til, versjon + 1
    return statusendring_skriv(
        deltaker=deltaker, fra=fra, til=til, dato=dato or _idag(), begrunnelse=begrunnelse, utfort_av=utfort_av
    )


def statusendring_skriv(
    *, deltaker: Deltaker, fra: str, til: str, dato: datetime.date, begrunnelse: str, utfort_av: User | None
) -> Statusendring:
    """The record of a change of status and its timeline entry (the status itself is set by the caller)."""
    endring = Statusendring.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        fra_status=fra,
        til_status=til,
        dato=dato,
        begrunnelse=begrunnelse[:500],
        utfort_av=utfort_av,
    )
    hendelse_logg(
        handling="deltakere.status.endret",
        objekt=endring,
        utfort_av=utfort_av,
        deltaker_id=deltaker.pk,
        beskrivelse=f"Status: {S(fra).label} → {S(til).label}. {begrunnelse}",
        endringer={"status": [fra, til]},
    )
    return endring


# --- intake mapping and admission ------------------------------------------------------------


@transaction.atomic
def kartlegging_lagre(
    *,
    deltaker: Deltaker,
    utfort_av: User,
    versjon: int | None,
    vurderinger: dict[int, tuple[str, str]] | None = None,
    **felter: Any,
) -> Kartlegging:
    """Save the intake interview and each criterion's assessment; a referred case becomes «kartlagt»."""
    ankomst = felter.get("ankomst_norge")
    if ankomst and ankomst > _idag():
        raise ValidationError({"ankomst_norge": "Ankomstdatoen kan ikke være i fremtiden."})
    if felter.get("intervjudato") and felter["intervjudato"] > _idag():
        raise ValidationError({"intervjudato": "Intervjudatoen kan ikke være i fremtiden."})
    _las(deltaker, versjon)
    kartlegging, ny = Kartlegging.objects.update_or_create(
        deltaker=deltaker,
        defaults={"organisasjon_id": deltaker.organisasjon_id, "utfort_av": utfort_av, **felter},
    )
    gyldige = set(Opptakskriterium.objects.filter(fagretning_id=deltaker.fagretning_id).values_list("pk", flat=True))
    for kriterium_id, (vurdering, kommentar) in (vurderinger or {}).items():
        if kriterium_id not in gyldige:
            raise ValidationError("Et kriterium hører ikke til deltakerens fagretning.")
        Kriterievurdering.objects.update_or_create(
            kartlegging=kartlegging,
            kriterium_id=kriterium_id,
            defaults={"organisasjon_id": deltaker.organisasjon_id, "vurdering": vurdering, "kommentar": kommentar},
        )
    hendelse_logg(
        handling="deltakere.kartlegging.lagret",
        objekt=kartlegging,
        utfort_av=utfort_av,
        beskrivelse="Kartlegging registrert" if ny else "Kartlegging oppdatert",
    )
    if deltaker.status == S.HENVIST:
        deltaker_endre_status(
            deltaker=deltaker,
            til=S.KARTLAGT,
            begrunnelse=f"Intervju og kartlegging {kartlegging.intervjudato:%d.%m.%Y}.",
            dato=kartlegging.intervjudato,
            utfort_av=utfort_av,
        )
    return kartlegging


@transaction.atomic
def opptak_vedta(
    *,
    deltaker: Deltaker,
    utfall: str,
    begrunnelse: str,
    dato: datetime.date,
    utfort_av: User,
    sammen_med: User | None = None,
    versjon: int | None = None,
) -> Opptaksvedtak:
    """Record the admission decision and move the case to «tatt opp» or «avslått»."""
    begrunnelse = (begrunnelse or "").strip()
    feil = {}
    if not begrunnelse:
        feil["begrunnelse"] = "Et vedtak må ha en begrunnelse."
    if dato > _idag():
        feil["dato"] = "Vedtaksdatoen kan ikke være i fremtiden."
    if feil:
        raise ValidationError(feil)
    vedtak = Opptaksvedtak.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        utfall=utfall,
        begrunnelse=begrunnelse,
        dato=dato,
        besluttet_av=utfort_av,
        sammen_med=sammen_med,
    )
    til = S.TATT_OPP if utfall == Opptaksvedtak.Utfall.TATT_OPP else S.AVSLATT
    deltaker_endre_status(
        deltaker=deltaker,
        til=til,
        begrunnelse=f"Opptaksvedtak: {begrunnelse}",
        dato=dato,
        utfort_av=utfort_av,
        versjon=versjon,
    )
    return vedtak


@transaction.atomic
def inntakssamtale_lagre(*, deltaker: Deltaker, utfort_av: User, versjon: int | None, **felter: Any) -> Inntakssamtale:
    """Save the intake meeting checklist, including the police certificate dates."""
    feil = {}
    for felt in ("dato", "politiattest_soknad", "politiattest_mottatt"):
        if felter.get(felt) and felter[felt] > _idag():
            feil[felt] = "Datoen kan ikke være i fremtiden."
    if (
        felter.get("politiattest_mottatt")
        and felter.get("politiattest_soknad")
        and felter["politiattest_mottatt"] < felter["politiattest_soknad"]
    ):
        feil["politiattest_mottatt"] = "Politiattesten kan ikke være mottatt før den ble søkt om."
    if feil:
        raise ValidationError(feil)
    _las(deltaker, versjon)
    try:
        inntak = deltaker.inntakssamtale
    except Inntakssamtale.DoesNotExist:
        inntak = Inntakssamtale(organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker)

    def beskrivelse(endringer: dict) -> str:
        if "politiattest_mottatt" in endringer and inntak.politiattest_mottatt:
            return f"Politiattest mottatt {inntak.politiattest_mottatt:%d.%m.%Y}"
        return "Inntakssamtale oppdatert"

    objekt_endre(
        inntak,
        "deltakere.inntakssamtale.lagret",
        utfort_av,
        felter,
        valider=False,
        ogsa_lagre=["endret"],
        beskrivelse=beskrivelse,
    )
    deltaker.inntakssamtale = inntak
    return inntak


# --- leave, termination, completion ---------------------------------------------------------


@transaction.atomic
def permisjon_registrer(
    *,
    deltaker: Deltaker,
    fra: datetime.date,
    til: datetime.date,
    arsak: str,
    utfort_av: User,
    fylke_informert: bool = False,
    versjon: int | None = None,
) -> Permisjon:
    """Start a leave: dates and reason; the case moves to «permisjon»."""
    if til < fra:
        raise ValidationError({"til": "Permisjonen kan ikke slutte før den begynner."})
    if not (arsak or "").strip():
        raise ValidationError({"arsak": "Skriv årsaken til permisjonen."})
    permisjon = Permisjon.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        fra=fra,
        til=til,
        arsak=arsak.strip(),
        fylke_informert=fylke_informert,
    )
    deltaker_endre_status(
        deltaker=deltaker,
        til=S.PERMISJON,
        begrunnelse=f"Permisjon {fra:%d.%m.%Y}–{til:%d.%m.%Y}: {arsak.strip()}",
        dato=fra,
        utfort_av=utfort_av,
        versjon=versjon,
    )
    return permisjon


@transaction.atomic
def avbrudd_registrer(
    *,
    deltaker: Deltaker,
    dato: datetime.date,
    kategori: str,
    arsak: str,
    utfort_av: User,
    avslutningsmote: datetime.date | None = None,
    attest_mottatt: bool = False,
    fylke_informert: bool = False,
    versjon: int | None = None,
) -> Avbrudd:
    """End the pathway early. Nothing is deleted; the case keeps its whole history."""
    if not (arsak or "").strip():
        raise ValidationError({"arsak": "Beskriv hvorfor løpet avbrytes."})
    avbrudd = Avbrudd.objects.create(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        dato=dato,
        kategori=kategori,
        arsak=arsak.strip(),
        avslutningsmote=avslutningsmote,
        attest_mottatt=attest_mottatt,
        fylke_informert=fylke_informert,
        utfort_av=utfort_av,
    )
    deltaker_endre_status(
        deltaker=deltaker,
        til=S.AVBRUTT,
        begrunnelse=f"{avbrudd.get_kategori_display()}: {arsak.strip()}",
        dato=dato,
        utfort_av=utfort_av,
        versjon=versjon,
    )
    return avbrudd


# --- outcome after the pathway ---------------------------------------------------------------


def _utfall_tekst(utfall: Utfall) -> str:
    tekst = f"Utfall {utfall.get_tidspunkt_display().lower()}: {utfall.get_situasjon_display()}"
    if utfall.arbeidsgiver:
        tekst += f" ({utfall.arbeidsgiver})"
    return f"{tekst}, {utfall.dato:%d.%m.%Y}"


@transaction.atomic
def utfall_registrer(
    *,
    deltaker: Deltaker,
    tidspunkt: str,
    situasjon: str,
    dato: datetime.date,
    utfort_av: User,
    arbeidsgiver: str = "",
) -> Utfall:
    """Record where the participant stands at completion or six months after, or correct it.

    Only for a closed case (fullført, or avbrutt when the coordinator knows what came next). The
    six-month outcome can be dated from six months after the case ended (the date of the status
    change), not before. A correction edits the one row per point in time; the event log keeps
    the values before and after, so the case's timeline shows the history.
    """
    from .selectors import avslutningsdato, utfall_frist_seks_maneder

    T = Utfall.Tidspunkt
    if deltaker.status not in (S.FULLFORT, S.AVBRUTT):
        raise ValidationError("Utfall kan registreres når løpet er fullført eller avbrutt.", code="ikke_avsluttet")
    if tidspunkt not in T.values:
        raise ValueError(f"Ukjent tidspunkt {tidspunkt!r}.")
    if situasjon not in Utfall.Situasjon.values:
        raise ValidationError({"situasjon": "Velg en situasjon fra listen."})
    if dato > _idag():
        raise ValidationError({"dato": "Datoen kan ikke være i fremtiden."})
    if tidspunkt == T.SEKS_MANEDER:
        avsluttet = avslutningsdato(deltaker=deltaker)
        if avsluttet is None:
            raise ValidationError(
                "Fant ikke datoen løpet ble avsluttet, så seks måneder etter kan ikke regnes ut.", code="uten_dato"
            )
        frist = utfall_frist_seks_maneder(avsluttet)
        if dato < frist:
            raise ValidationError(
                {
                    "dato": f"Utfallet seks måneder etter kan tidligst gjelde {frist:%d.%m.%Y} (avsluttet "
                    f"{avsluttet:%d.%m.%Y})."
                }
            )
    felter = {"situasjon": situasjon, "dato": dato, "arbeidsgiver": (arbeidsgiver or "").strip()}
    utfall = Utfall.objects.select_for_update().filter(deltaker=deltaker, tidspunkt=tidspunkt).first()
    if utfall is None:
        try:
            with transaction.atomic():
                utfall = Utfall.objects.create(
                    organisasjon_id=deltaker.organisasjon_id,
                    deltaker=deltaker,
                    tidspunkt=tidspunkt,
                    registrert_av=utfort_av,
                    **felter,
                )
        except IntegrityError:  # two coordinators at the same moment: the other one was first
            raise ValidationError(KONFLIKT, code="konflikt") from None
        hendelse_logg(
            handling="deltakere.utfall.registrert",
            objekt=utfall,
            utfort_av=utfort_av,
            beskrivelse=_utfall_tekst(utfall),
        )
        return utfall

    def registrert_na(endringer: dict) -> None:
        utfall.registrert_av = utfort_av

    objekt_endre(
        utfall,
        "deltakere.utfall.endret",
        utfort_av,
        felter,
        valider=False,
        bare_ved_endring=True,
        for_lagring=registrert_na,
        ogsa_lagre=["registrert_av", "endret"],
        beskrivelse=lambda endringer: f"{_utfall_tekst(utfall)} (endret)",
    )
    return utfall


# --- documents ------------------------------------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TILLATTE_TYPER = "PDF, JPEG, PNG eller Word (DOCX)"


def filtype_fra_innhold(fil: UploadedFile) -> str:
    """The MIME type read from the file's first bytes (never its name or the browser's claim)."""
    fil.seek(0)
    start = fil.read(8)
    fil.seek(0)
    if start.startswith(b"%PDF-"):
        return "application/pdf"
    if start.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if start.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if start.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fil) as z:
                navn = set(z.namelist())
        except zipfile.BadZipFile:
            navn = set()
        finally:
            fil.seek(0)
        if "[Content_Types].xml" in navn and "word/document.xml" in navn:
            return DOCX
    raise ValidationError(
        f"Filen er ikke en {TILLATTE_TYPER}-fil (innholdet ble sjekket, ikke bare navnet).", code="filtype"
    )


def sjekk_opplasting(fil: UploadedFile) -> str:
    """Size and content check; returns the MIME type or raises a Norwegian ValidationError."""
    maks = settings.OPPLASTING_MAKS_BYTES
    if fil.size > maks:
        raise ValidationError(
            f"Filen er for stor ({fil.size / 1_048_576:.1f} MB). Største tillatte størrelse er "
            f"{maks / 1_048_576:.0f} MB.",
            code="for_stor",
        )
    if fil.size == 0:
        raise ValidationError("Filen er tom.", code="tom")
    return filtype_fra_innhold(fil)


@transaction.atomic
def dokument_last_opp(*, deltaker: Deltaker, fil: UploadedFile, type: str, utfort_av: User) -> Vedlegg:
    """Store a checked file under a random name outside any public folder; keep its original name."""
    innholdstype = sjekk_opplasting(fil)
    sha = hashlib.sha256()
    for bit in fil.chunks():
        sha.update(bit)
    fil.seek(0)
    originalt = (fil.name or "dokument").replace("/", "_").replace("\\", "_")[-200:]
    dokument = Vedlegg(
        organisasjon_id=deltaker.organisasjon_id,
        deltaker=deltaker,
        type=type,
        originalt_navn=originalt,
        innholdstype=innholdstype,
        storrelse=fil.size,
        sha256=sha.hexdigest(),
        lastet_opp_av=utfort_av,
    )
    dokument.fil.save("x", fil, save=False)  # the name comes from upload_to: random
    dokument.save()
    hendelse_logg(
        handling="deltakere.dokument.lastet_opp",
        objekt=dokument,
        utfort_av=utfort_av,
        beskrivelse=f"Vedlegg lastet opp: {dokument.get_type_display()} ({originalt})",
    )
    return dokument


# --- equipment ------------------------------------------------------------------------------------


@transaction.atomic
def utstyr_lan_ut(
    *, deltaker: Deltaker, hva: str, serienummer: str, utlant: datetime.date, utfort_av: User
) -> Utstyrslan:
    if utlant > _idag():
        raise ValidationError({"utlant": "Utlånsdatoen kan ikke være i fremtiden."})
    lan = Utstyrslan.objects.create(
        organisasjon_id=deltaker.organisasjon_id, deltaker=deltaker, hva=hva, serienummer=serienummer, utlant=utlant
    )
    hendelse_logg(
        handling="deltakere.utstyr.utlant",
        objekt=lan,
        utfort_av=utfort_av,
        beskrivelse=f"Utstyr lånt ut: {hva}" + (f" ({serienummer})" if serienummer else ""),
    )
    return lan


@transaction.atomic
def utstyr_returner(*, lan: Utstyrslan, returnert: datetime.date, utfort_av: User) -> Utstyrslan:
    if lan.returnert:
        raise ValidationError("Utstyret er allerede registrert som returnert.")
    if returnert < lan.utlant:
        raise ValidationError({"returnert": "Returdatoen kan ikke være før utlånsdatoen."})
    if returnert > _idag():
        raise ValidationError({"returnert": "Returdatoen kan ikke være i fremtiden."})
    lan.returnert = returnert
    lan.save(update_fields=["returnert"])
    hendelse_logg(
        handling="deltakere.utstyr.returnert",
        objekt=lan,
        utfort_av=utfort_av,
        beskrivelse=f"Utstyr returnert: {lan.hva}",
    )
    return lan


# --- admission criteria per track --------------------------------------------------------------


@transaction.atomic
def opptakskriterium_opprett(*, fagretning: Fagretning, tekst: str, er_krav: bool, utfort_av: User) -> Opptakskriterium:
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": "Skriv kriteriet."})
    if Opptakskriterium.objects.filter(fagretning=fagretning, tekst__iexact=tekst).exists():
        raise ValidationError({"tekst": "Fagretningen har allerede dette kriteriet."})
    siste = Opptakskriterium.objects.filter(fagretning=fagretning).order_by("-rekkefolge").first()
    kriterium = Opptakskriterium.objects.create(
        organisasjon_id=fagretning.organisasjon_id,
        fagretning=fagretning,
        tekst=tekst,
        er_krav=er_krav,
        rekkefolge=(siste.rekkefolge + 10) if siste else 10,
    )
    hendelse_logg(
        handling="deltakere.opptakskriterium.opprettet", objekt=kriterium, utfort_av=utfort_av, beskrivelse=tekst
    )
    return kriterium


@transaction.atomic
def opptakskriterium_sett_aktiv(*, kriterium: Opptakskriterium, aktiv: bool, utfort_av: User) -> Opptakskriterium:
    """Retire or restore a criterion. Never deleted: earlier interviews keep their assessments."""
    kriterium.aktiv = aktiv
    kriterium.save(update_fields=["aktiv"])
    hendelse_logg(
        handling="deltakere.opptakskriterium.endret",
        objekt=kriterium,
        utfort_av=utfort_av,
        beskrivelse=f"{'Tatt i bruk' if aktiv else 'Tatt ut av bruk'}: {kriterium.tekst}",
    )
    return kriterium
