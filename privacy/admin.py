from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import holds
from .models import (
    AccessRequest,
    ConsentRecord,
    ConsentWording,
    EnforcementRun,
    LegalHold,
    Restriction,
    RetentionWarning,
    Suppression,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit and proof: staff read them, nobody edits them by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentWording)
class ConsentWordingAdmin(ReadOnlyAdmin):
    list_display = ("purpose", "version", "language", "created_at")
    list_filter = ("purpose", "language")
    search_fields = ("text",)
    readonly_fields = ("purpose", "version", "text", "text_hash", "language", "created_at")


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "purpose",
        "given_at",
        "method",
        "withdrawn_at",
        "ended_at",
        "last_used_at",
    )
    list_filter = ("purpose", "method", ("withdrawn_at", admin.EmptyFieldListFilter))
    search_fields = ("=email",)
    raw_id_fields = ("user", "wording")
    readonly_fields = (
        "purpose",
        "user",
        "email",
        "wording",
        "given_at",
        "method",
        "ip_address",
        "withdrawn_at",
        "withdrawal_method",
        "ended_at",
        "last_used_at",
    )
    date_hierarchy = "given_at"


@admin.register(Suppression)
class SuppressionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "created_at")
    list_filter = ("created_at",)
    search_fields = ("=email_hash",)
    readonly_fields = ("email_hash", "created_at")


@admin.register(Restriction)
class RestrictionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "created_at", "lifted_at")
    list_filter = (("lifted_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = ("=email",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "created_by")
    fields = ("user", "email", "reason", "created_at", "created_by", "lifted_at")
    actions = ["lift"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_at = timezone.now()
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Lift the selected restrictions"), permissions=["change"])
    def lift(self, request, queryset):
        count = queryset.filter(lifted_at__isnull=True).update(lifted_at=timezone.now())
        self.message_user(
            request, _("%(count)d restrictions lifted.") % {"count": count}, messages.SUCCESS
        )


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ("__str__", "content_type", "object_id", "ends_on", "created_at", "released_at")
    list_filter = (("released_at", admin.EmptyFieldListFilter), "content_type", "ends_on")
    search_fields = ("=email", "=object_id")
    readonly_fields = ("created_at", "created_by", "released_at", "released_by")
    fields = (
        "email",
        "content_type",
        "object_id",
        "reason",
        "ends_on",
        "created_at",
        "created_by",
        "released_at",
        "released_by",
    )
    actions = ["release"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_at = timezone.now()
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Release the selected holds"), permissions=["change"])
    def release(self, request, queryset):
        now = timezone.now()
        for hold in queryset.filter(released_at__isnull=True):
            holds.release_hold(hold=hold, by=request.user, now=now)
        self.message_user(request, _("Holds released."), messages.SUCCESS)


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    list_display = ("__str__", "opened_at", "closed_at")
    list_filter = (("closed_at", admin.EmptyFieldListFilter), "opened_at")
    search_fields = ("=email",)
    raw_id_fields = ("user",)
    readonly_fields = ("opened_by",)


@admin.register(RetentionWarning)
class RetentionWarningAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "declaration", "object_pk", "clock_on", "warned_at")
    list_filter = ("declaration", "warned_at")
    search_fields = ("=object_pk",)
    readonly_fields = ("declaration", "object_pk", "clock_on", "warned_at")


@admin.register(EnforcementRun)
class EnforcementRunAdmin(ReadOnlyAdmin):
    """The history of enforcement runs, and what the coming days will bring."""

    list_display = (
        "__str__",
        "trigger",
        "started_at",
        "finished_at",
        "as_of",
        "dry_run",
        "status",
        "acted",
        "held",
    )
    list_filter = ("trigger", "dry_run", "status", "started_at")
    search_fields = ("=id", "only_rule")
    readonly_fields = (
        "trigger",
        "started_at",
        "finished_at",
        "as_of",
        "dry_run",
        "only_rule",
        "status",
        "counts",
        "error",
        "process",
        "held_lock",
        "found_interrupted",
    )
    date_hierarchy = "started_at"
    change_list_template = "privacy/admin/enforcementrun_change_list.html"

    @admin.display(description=_("rows acted on"))
    def acted(self, obj):
        return obj.total("acted")

    @admin.display(description=_("rows held"))
    def held(self, obj):
        return obj.total("held")

    def get_urls(self):
        forecast = self.admin_site.admin_view(self.forecast_view)
        return [
            path("forecast/", forecast, name="privacy_enforcementrun_forecast"),
            *super().get_urls(),
        ]

    def forecast_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        from .selectors import retention_forecast

        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Retention forecast"),
            "forecast": retention_forecast(today=timezone.localdate()),
        }
        return TemplateResponse(request, "privacy/admin/forecast.html", context)
