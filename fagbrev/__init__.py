"""Fagbrev: the project package and the core domain (organisations, users, tracks, cohorts)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
