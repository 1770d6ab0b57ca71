"""The police certificate: the one rule for when it is needed and when a case is stuck without it.

Practice in health and child/youth work needs a police certificate (`Fagretning.krever_politiattest`);
the coordinator applies at the intake meeting and registers the date it came
(`Inntakssamtale.politiattest_mottatt`). A case is *stuck on it* when her track needs one, none is
registered as received, and she is admitted and not closed (tatt opp, or a status in the pathway).
Before admission nobody has applied yet; a closed case needs none.

Asked here by: the status change to «I opplæring» (deltakere/overganger.py), the placement service
and page (arbeidsgivere), the case page's warning, my overview's «Saker som står fast» and the
reminder `paminnelser.politiattest_mangler` (arbeidsgivere/regler.py) — so the overview and the
reminder find the same cases.
"""

from __future__ import annotations

from django.db.models import Q

from . import statusgrupper
from .models import Deltaker

# Admitted and not closed: the statuses where a missing certificate holds the case up.
VENTER_PA_ATTEST = (statusgrupper.Status.TATT_OPP, *statusgrupper.AKTIV)


def krever_politiattest(deltaker: Deltaker) -> bool:
    """Her track needs a police certificate before practice."""
    return bool(deltaker.fagretning.krever_politiattest)


def politiattest_mottatt(deltaker: Deltaker) -> bool:
    """A police certificate is registered as received (intake meeting)."""
    return deltaker.har_politiattest


def kan_starte_praksis(deltaker: Deltaker) -> bool:
    """May start practice as far as the police certificate goes."""
    return not krever_politiattest(deltaker) or politiattest_mottatt(deltaker)


def star_fast_pa_politiattest(deltaker: Deltaker) -> bool:
    """The case is stuck on the certificate (the same test as `star_fast_q`, for one case)."""
    return deltaker.status in VENTER_PA_ATTEST and not kan_starte_praksis(deltaker)


def star_fast_q(prefix: str = "") -> Q:
    """Participants stuck on the certificate, as a filter; `prefix` ('deltaker__') from a related model."""
    return Q(
        **{
            f"{prefix}fagretning__krever_politiattest": True,
            f"{prefix}inntakssamtale__politiattest_mottatt__isnull": True,
            f"{prefix}status__in": VENTER_PA_ATTEST,
        }
    )


def hindring_tekst(deltaker: Deltaker) -> str | None:
    """Why she may not start practice for lack of a police certificate, or None."""
    if kan_starte_praksis(deltaker):
        return None
    return (
        f"{deltaker.fagretning.navn} krever politiattest før praksis, og politiattesten er ikke registrert som mottatt."
    )
