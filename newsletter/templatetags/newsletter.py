from django import template

from ..services import subscriptions

register = template.Library()


@register.simple_tag
def newsletter_wording() -> str:
    """The sign-up text, the same the ledger records when the form is sent."""
    return subscriptions.signup_wording()
