from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(time_limit=10 * 60)
def deactivate_inactive_employers(**kwargs):
    """Nightly: employer accounts unused for `seeker.inactive_account`'s period are switched off."""
    return services.deactivate_inactive_employers(today=timezone.localdate())
