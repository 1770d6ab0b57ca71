"""Rules that depend on other apps' fields, kept in one small place so the apps stay mergeable.

The police-certificate fields on `Deltaker` arrive with the deltakere issue. Until then (and
after) the placement rule asks only this function.
"""

from __future__ import annotations


def politiattest_mottatt(deltaker) -> bool:
    """Has the municipality received the participant's police certificate?

    Assumes `Deltaker.politiattest_mottatt: DateField(null=True)` — the date it came in.
    """
    return getattr(deltaker, "politiattest_mottatt", None) is not None


def krever_politiattest(deltaker) -> bool:
    """Practice in health and child/youth work needs a police certificate (set per track)."""
    return bool(deltaker.fagretning.krever_politiattest)
