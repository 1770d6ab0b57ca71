"""The benchmark's URLconf: the project's, and the admin yardstick (bench/admin_referanse.py)."""

from django.urls import path

from fagbrev.urls import urlpatterns as prosjektet

from .admin_referanse import site

urlpatterns = [path("referanse/", site.urls), *prosjektet]
