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

        company = apps.get_model("companies", "Company")  # jobs does not import companies
        # A kept card goes when anything it shows may have changed (see jobs/cards.py).
        post_save.connect(cards.ad_saved, sender=Ad, dispatch_uid="jobs.cards.ad_saved")
        post_delete.connect(cards.ad_deleted, sender=Ad, dispatch_uid="jobs.cards.ad_deleted")
        post_save.connect(
            cards.company_written,
            sender=company,
            dispatch_uid="jobs.cards.company_saved",
        )
        post_save.connect(
            cards.restriction_written,
            sender=Restriction,
            dispatch_uid="jobs.cards.restriction_saved",
        )
        # Kept public content (pages kept whole, search results, the home page's figures)
        # goes when anything it shows is written: an ad, a company (its name, its logo), a
        # restriction placed or lifted, or what the privacy engine anonymises in bulk
        # (config/page_cache.py).
        for model in (Ad, company, Restriction):
            name = model._meta.label_lower
            post_save.connect(page_cache.forget, sender=model, dispatch_uid=f"pages.{name}.saved")
            post_delete.connect(page_cache.forget, sender=model, dispatch_uid=f"pages.{name}.gone")
        for model in (Ad, company):
            name = model._meta.label_lower
            rows_rewritten.connect(
                page_cache.forget, sender=model, dispatch_uid=f"pages.{name}.rewritten"
            )
