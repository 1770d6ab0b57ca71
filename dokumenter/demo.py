"""Demo data: a letterhead (with a drawn logo) for each demo organisation (invented addresses)."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.base import ContentFile

from fagbrev.demo import Demo, seeder

from .models import Dokumentprofil

PROFILER = {
    "Lørenskog": ("Postboks 304\n1471 Lørenskog", "67 93 40 00", "Hanne Kristiansen", "Fagbrevkoordinator", "LK"),
    "NAV Asker": ("Postboks 355\n1372 Asker", "55 55 33 33", "Mona Strand", "Fagbrevkoordinator", "NA"),
}


def _logo(initialer: str) -> bytes:
    """A small PNG: a teal rounded square with the initials (so the demo shows a logo)."""
    from PIL import Image, ImageDraw, ImageFont

    bilde = Image.new("RGB", (240, 240), "white")
    tegn = ImageDraw.Draw(bilde)
    tegn.rounded_rectangle((8, 8, 232, 232), radius=36, fill=(11, 94, 85))
    try:
        font = ImageFont.truetype(str(settings.BASE_DIR / "static/pdf/fonts/DejaVuSans-Bold.ttf"), 110)
    except OSError:
        font = ImageFont.load_default()
    tegn.text((120, 124), initialer, fill="white", font=font, anchor="mm")
    ut = io.BytesIO()
    bilde.save(ut, format="PNG")
    return ut.getvalue()


@seeder(rekkefolge=80)
def seed(demo: Demo) -> None:
    for kortnavn, (adresse, telefon, signatar, tittel, initialer) in PROFILER.items():
        org = demo.org.get(kortnavn)
        if org is None or Dokumentprofil.objects.filter(organisasjon=org).exists():
            continue
        profil = Dokumentprofil(
            organisasjon=org,
            adresselinjer=adresse,
            telefon=telefon,
            signatar_navn=signatar,
            signatar_tittel=tittel,
        )
        profil.logo.save("logo.png", ContentFile(_logo(initialer)), save=False)
        profil.save()
