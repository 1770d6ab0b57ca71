"""Signals deltakere sends for the apps above it, which connect in their `AppConfig.ready()`.

Sent inside the service's transaction, so a receiver's writes commit or roll back with the change.
"""

from django.dispatch import Signal

# kwargs: deltaker, utfort_av — the birth date changed (ages and age-dependent amounts follow it)
fodselsdato_endret = Signal()

# kwargs: vedlegg, utfort_av — a file was uploaded to the case (e.g. a CV the county checklist needs)
vedlegg_lastet_opp = Signal()
