from .alerts import alert_confirm, alert_create, alert_delete, alert_list, alert_unsubscribe
from .applications import (
    ad_applications,
    application_detail,
    application_document,
    apply,
    apply_done,
    employer_inbox,
    my_applications,
    withdraw_application,
)
from .public import apply_external, detail, home, reveal_contact, search
from .saved import save_ad, saved_list, unsave_ad
from .seo import robots_txt

__all__ = [
    "ad_applications",
    "alert_confirm",
    "alert_create",
    "alert_delete",
    "alert_list",
    "alert_unsubscribe",
    "application_detail",
    "application_document",
    "apply",
    "apply_done",
    "apply_external",
    "detail",
    "employer_inbox",
    "home",
    "my_applications",
    "reveal_contact",
    "robots_txt",
    "save_ad",
    "saved_list",
    "search",
    "unsave_ad",
    "withdraw_application",
]
