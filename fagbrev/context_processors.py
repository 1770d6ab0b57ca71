"""Navigation flags: the menu shows only what the user's roles may use. Views still check."""

from django.http import HttpRequest

from . import permissions


def navigasjon(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "deltakere": permissions.can_use_case_files(user),
            "arbeidsgivere": permissions.can_use_arbeidsgivere(user),
            "oppfolging": permissions.can_use_oppfolging(user),
            "rapporter": permissions.can_view_reports(user),
            "dokumenter": user.har_rolle(permissions.KOORDINATOR),
            "admin": user.is_superuser,
            "rolle": ", ".join(sorted({dict(permissions.Rolle.choices)[r] for r in user.roller.values()})),
        }
    }
