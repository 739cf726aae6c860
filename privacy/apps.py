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
        from django.db.models.signals import post_migrate

        from . import beat, consent  # noqa: F401  (consent connects its delete signal)

        beat_init.connect(beat.on_beat_init, dispatch_uid="privacy_sync_beat_schedule")
        post_migrate.connect(
            beat.on_post_migrate, sender=self, dispatch_uid="privacy_sync_beat_schedule"
        )
