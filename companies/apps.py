from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")

    def ready(self):
        from accounts import services as account_services

        from .selectors import only_owner_refusal

        account_services.register_deletion_guard(only_owner_refusal)
