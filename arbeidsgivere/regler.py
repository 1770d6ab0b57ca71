"""Rules that depend on other apps' fields, kept in one small place."""

from __future__ import annotations


def politiattest_mottatt(deltaker) -> bool:
    """Has the municipality received the participant's police certificate (intake checklist)?"""
    return deltaker.har_politiattest


def krever_politiattest(deltaker) -> bool:
    """Practice in health and child/youth work needs a police certificate (set per track)."""
    return bool(deltaker.fagretning.krever_politiattest)
