from django import template

from paminnelser.selectors import uleste_antall

register = template.Library()


@register.simple_tag(takes_context=True)
def uleste_varsler(context) -> int:
    """Unread notifications for the logged-in user (one COUNT query; 0 for anonymous users)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return uleste_antall(user=user) if user is not None else 0
