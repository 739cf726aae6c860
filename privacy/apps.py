from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        # Each app declares its personal data in its own privacy.py, like admin.py. A
        # declaration that does not hold together (a model label that does not resolve)
        # raises ImproperlyConfigured here: the site does not start (see privacy.registry).
        autodiscover_modules("privacy")
        from . import processors

        processors.check_configuration()  # an unknown processor key stops the start-up
        from celery.signals import beat_init
        from django.apps import apps
        from django.db.models.signals import post_delete, post_migrate, post_save

        from config import page_cache

        from . import beat, consent  # noqa: F401  (consent connects its delete signal)

        # The cookie bar is part of every page kept whole (config/page_cache.py).
        for name in ("CookieGroup", "Cookie"):
            model = apps.get_model("cookie_consent", name)
            post_save.connect(page_cache.forget, sender=model, dispatch_uid=f"privacy.pages.{name}")
            post_delete.connect(
                page_cache.forget, sender=model, dispatch_uid=f"privacy.pages.{name}.deleted"
            )
        beat_init.connect(beat.on_beat_init, dispatch_uid="privacy_sync_beat_schedule")
        post_migrate.connect(
            beat.on_post_migrate, sender=self, dispatch_uid="privacy_sync_beat_schedule"
        )
