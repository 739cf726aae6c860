from django import template

from ..models import Subscriber
from ..services import subscriptions

register = template.Library()


@register.simple_tag
def newsletter_wording() -> str:
    """The sign-up text, the same the ledger records when the form is sent."""
    return subscriptions.signup_wording()


@register.inclusion_tag("components/newsletter_my_data.html", takes_context=True)
def newsletter_my_data(context: template.Context) -> dict[str, object]:
    """My data's newsletter box: subscribe in one step, or unsubscribe."""
    user = context["user"]
    subscriber = Subscriber.objects.filter(email=user.email.lower()).first()
    active = subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE
    return {
        "active": active,
        "wording": subscriptions.wording_for(user),
        "tracking_wording": subscriptions.tracking_wording(),
        "csrf_token": context.get("csrf_token"),
    }
