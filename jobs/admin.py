"""Admin of the jobs app: applications and alerts for support, visitor events read-only."""

from django.contrib import admin

from config.admin import ReadOnlyAdmin

from .models import AdView, Application, ApplicationDocument, ApplyClick, ContactView, JobAlert


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    can_delete = False
    fields = readonly_fields = ("title", "original_name", "content_type", "size")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "ad", "status", "shared_status", "submitted_at")
    list_filter = ("status", "submitted_at")
    search_fields = ("ad__title", "ad__company__name", "seeker__email")
    raw_id_fields = ("ad", "seeker")
    readonly_fields = ("ad", "seeker", "message", "submitted_at", "updated_at")
    inlines = (ApplicationDocumentInline,)


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "created_at",
        "last_sent_on",
        "last_seen_on",
        "stopped_at",
        "stop_reason",
    )
    list_filter = ("stop_reason", "created_at")
    search_fields = ("email", "user__email")
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "checked_until", "last_sent_on", "stopped_at", "stop_reason")


@admin.register(AdView, ContactView)
class VisitorEventAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "ad", "occurred_at", "device_class", "browser_family", "referrer")
    list_filter = ("device_class", "browser_family", "occurred_at")
    search_fields = ("ad__title", "referrer")
    raw_id_fields = ("ad",)
    readonly_fields = (
        "ad",
        "occurred_at",
        "session_hash",
        "device_class",
        "browser_family",
        "language",
        "referrer",
        "ip_network",
    )


@admin.register(ApplyClick)
class ApplyClickAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "ad", "method", "occurred_at")
    list_filter = ("method", "occurred_at")
    search_fields = ("ad__title",)
    raw_id_fields = ("ad",)
    readonly_fields = ("ad", "method", "occurred_at")
