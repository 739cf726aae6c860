"""Staff write issues, preview them, send a test to themselves, schedule them and follow the
progress of a send. Every write goes through newsletter.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from privacy.consent import ConsentMethod
from privacy.staff import staff_may

from .models import Issue, Subscriber
from .services import sending, subscriptions


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ("subject", "status", "scheduled_at", "progress_bar", "opens", "clicks")
    list_filter = ("status",)
    search_fields = ("subject",)
    STATE = (
        "status",
        "progress_bar",
        "started_at",
        "finished_at",
        "opens",
        "clicks",
        "created_by",
        "created_at",
    )
    fields = ("subject", "body", "scheduled_at", "preview_link", *STATE)
    readonly_fields = ("preview_link", *STATE)
    raw_id_fields = ("created_by",)
    actions = ("send_test", "schedule")

    @admin.display(description=_("progress"))
    def progress_bar(self, obj: Issue) -> str:
        if not obj.pk or obj.status in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
            return "-"
        p = sending.progress(obj)
        return format_html(
            '<progress max="100" value="{}">{} %</progress> {}',
            p.percent,
            p.percent,
            gettext(
                "%(sent)s sent, %(skipped)s skipped, %(interrupted)s interrupted, "
                "of %(subscribers)s"
            )
            % {
                "sent": p.sent,
                "skipped": p.skipped,
                "interrupted": p.interrupted,
                "subscribers": p.subscribers,
            },
        )

    @admin.display(description=_("preview"))
    def preview_link(self, obj: Issue) -> str:
        if not obj.pk:
            return "-"
        url = reverse("admin:newsletter_issue_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Preview"))

    def has_delete_permission(self, request, obj=None):
        # A sent issue keeps its deliveries until their retention rule removes them.
        return obj is None or obj.status == Issue.Status.DRAFT

    def save_model(self, request, obj, form, change):
        try:
            sending.save_issue(issue=obj, by=request.user, now=timezone.now())
        except sending.IssueError as exc:
            self.message_user(request, str(exc), messages.ERROR)

    def get_urls(self) -> list[URLPattern]:
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="newsletter_issue_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk: int) -> TemplateResponse:
        if not staff_may(request.user, "newsletter.view_issue"):
            raise PermissionDenied
        issue = get_object_or_404(Issue, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Preview: %(subject)s") % {"subject": issue.subject},
            "issue": issue,
            **sending.issue_context(issue, unsubscribe_url="#", track=None),
        }
        return TemplateResponse(request, "newsletter/admin/preview.html", context)

    @admin.action(description=_("Send a test of the selected issues to me"), permissions=("view",))
    def send_test(self, request, queryset):
        sent = sum(sending.send_test(issue=issue, by=request.user) for issue in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d test e-mail sent to %(email)s.",
                "%(count)d test e-mails sent to %(email)s.",
                sent,
            )
            % {"count": sent, "email": request.user.email},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Schedule the selected issues (at their time, or now)"),
        permissions=("change",),
    )
    def schedule(self, request, queryset):
        now = timezone.now()
        scheduled, refused = 0, []
        for issue in queryset.order_by("pk"):
            try:
                sending.schedule_issue(issue=issue, by=request.user, now=now)
            except sending.IssueError as exc:
                refused.append(f"{issue.subject}: {exc}")
            else:
                scheduled += 1
        if scheduled:
            self.message_user(
                request,
                ngettext("%(count)d issue scheduled.", "%(count)d issues scheduled.", scheduled)
                % {"count": scheduled},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d issue was not scheduled. %(why)s",
                    "%(count)d issues were not scheduled. %(why)s",
                    len(refused),
                )
                % {"count": len(refused), "why": " ".join(refused)},
                messages.ERROR,
            )


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "status", "source", "tracking", "confirmed_at", "last_used_at")
    list_filter = ("status", "source", "tracking")
    search_fields = ("email",)
    raw_id_fields = ("user",)
    readonly_fields = (
        "email",
        "user",
        "status",
        "source",
        "language",
        "tracking",
        "created_at",
        "wording_shown",
        "signup_ip",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "last_used_at",
    )
    actions = ("unsubscribe",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Subscribers go by their retention rule or an erasure (the privacy engine).
        return False

    @admin.action(
        description=_("Unsubscribe the selected addresses (on the person's request)"),
        permissions=("change",),
    )
    def unsubscribe(self, request, queryset):
        now = timezone.now()
        done = sum(
            subscriptions.unsubscribe(subscriber=s, method=ConsentMethod.STAFF, now=now)
            for s in queryset
        )
        self.message_user(
            request,
            ngettext("%(count)d address unsubscribed.", "%(count)d addresses unsubscribed.", done)
            % {"count": done},
            messages.SUCCESS,
        )
