from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Jobs")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from config import page_cache
        from privacy.models import Restriction
        from privacy.signals import rows_rewritten

        from . import cards
        from .models import Ad
        from .search import forget_results

        # Kept search results are out of date once an ad changes (see jobs/search.py).
        post_save.connect(forget_results, sender=Ad, dispatch_uid="jobs.search.ad_saved")
        post_delete.connect(forget_results, sender=Ad, dispatch_uid="jobs.search.ad_deleted")
        # A kept card goes when anything it shows may have changed (see jobs/cards.py).
        post_save.connect(cards.ad_saved, sender=Ad, dispatch_uid="jobs.cards.ad_saved")
        post_delete.connect(cards.ad_deleted, sender=Ad, dispatch_uid="jobs.cards.ad_deleted")
        post_save.connect(
            cards.company_written,
            sender=apps.get_model("companies", "Company"),  # jobs does not import companies
            dispatch_uid="jobs.cards.company_saved",
        )
        post_save.connect(
            cards.restriction_written,
            sender=Restriction,
            dispatch_uid="jobs.cards.restriction_saved",
        )
        # A page kept whole (the home page, a search) goes when anything it shows is written:
        # an ad, a company (its name, its logo), a restriction placed or lifted, or what the
        # privacy engine anonymises in bulk (config/page_cache.py).
        company = apps.get_model("companies", "Company")
        for model in (Ad, company, Restriction):
            name = model._meta.label_lower
            post_save.connect(page_cache.forget, sender=model, dispatch_uid=f"pages.{name}.saved")
            post_delete.connect(page_cache.forget, sender=model, dispatch_uid=f"pages.{name}.gone")
        for model in (Ad, company):
            name = model._meta.label_lower
            rows_rewritten.connect(
                page_cache.forget, sender=model, dispatch_uid=f"pages.{name}.rewritten"
            )
