"""Admin of the support app: staff read a thread, answer it (the reply is e-mailed and kept)
and mark it to be kept longer. Requests come only from the contact form and the reports of
ads, and go only by their retention rule or an erasure."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import SupportRequestAdminForm
from .models import SupportMessage, SupportRequest


class ReportedAdFilter(admin.SimpleListFilter):
    title = _("reports of ads")
    parameter_name = "report"

    def lookups(self, request, model_admin):
        return (("yes", _("Reports of ads")), ("no", _("Other messages")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(ad__isnull=False)
        if self.value() == "no":
            return queryset.filter(ad__isnull=True)
        return queryset


class SupportMessageInline(admin.TabularInline):
    model = SupportMessage
    extra = 0
    can_delete = False
    fields = readonly_fields = ("sent_at", "sender", "author", "body", "mailed")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    form = SupportRequestAdminForm
    list_display = ("__str__", "subject", "email", "status", "long_term_reason", "last_message_at")
    list_filter = ("status", ReportedAdFilter, "long_term_reason", "last_message_at")
    search_fields = ("email", "name", "subject")
    list_select_related = ("ad",)
    readonly_fields = (
        "name",
        "email",
        "subject",
        "reported_ad",
        "language",
        "status",
        "created_at",
        "last_message_at",
    )
    fields = (*readonly_fields, "long_term_reason", "reply")
    inlines = (SupportMessageInline,)

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("reported ad"))
    def reported_ad(self, obj):
        """The ad a report is about: its admin page (to take it down) and its public page."""
        if obj.ad_id is None:
            return "-"
        change = reverse("admin:jobs_moderatedad_change", args=[obj.ad_id])
        return format_html(
            '<a href="{}">{}</a> (<a href="{}">{}</a>)',
            change,
            obj.ad.title,
            obj.ad.get_absolute_url(),
            gettext("public page"),
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        now = timezone.now()
        if "long_term_reason" in form.changed_data:
            services.mark_long_term(
                support_request=obj,
                reason=form.cleaned_data["long_term_reason"],
                by=request.user,
                now=now,
            )
        body = form.cleaned_data.get("reply", "")
        if body.strip():
            message = services.reply(support_request=obj, body=body, by=request.user, now=now)
            if not message.mailed:
                self.message_user(
                    request,
                    gettext(
                        "The reply is kept on the thread, but was not e-mailed: the person "
                        "may not be e-mailed (the processing of their data is restricted)."
                    ),
                    messages.WARNING,
                )
