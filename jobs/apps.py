from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Ad
        from .search import forget_results

        # Kept search results are out of date once an ad changes (see jobs/search.py).
        post_save.connect(forget_results, sender=Ad, dispatch_uid="jobs.search.ad_saved")
        post_delete.connect(forget_results, sender=Ad, dispatch_uid="jobs.search.ad_deleted")
