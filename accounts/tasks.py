from celery import shared_task
from django.utils import timezone

from . import services


# Both limits: a task's own time limit below the global soft limit is refused when sent.
@shared_task(time_limit=10 * 60, soft_time_limit=9 * 60)
def deactivate_inactive_employers(**kwargs):
    """Nightly: employer accounts unused for `seeker.inactive_account`'s period are switched
    off; those that will be in 30 days are told first."""
    now = timezone.now()
    warned = services.warn_inactive_employers(today=timezone.localdate(now), now=now)
    return {
        "warned": warned,
        "deactivated": services.deactivate_inactive_employers(today=timezone.localdate(now)),
    }
