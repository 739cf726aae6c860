"""Admin of the jobs app: ads to moderate (take down, approve, edit with history), applications
and alerts for support, visitor events read-only."""

from typing import Any

from allauth.account.utils import user_display
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from config.admin import EventLogAdmin, admin_search_words, values_filter
from config.fields import PublicURLField
from privacy.admin_mixins import RegistryDeleteMixin

from .forms import TakeDownForm
from .models import (
    Ad,
    AdDailyStat,
    AdRevision,
    AdView,
    Application,
    ApplicationDocument,
    ApplyClick,
    ApplyMethod,
    ContactView,
    JobAlert,
    ModeratedAd,
)
from .services import ads as ad_services
from .tracking import BROWSERS

# The families `tracking.browser_family` writes, in the order of the first time each is named.
BROWSER_FAMILIES: list[tuple[str, str | Promise]] = [
    (f, f) for f in dict.fromkeys(family for _needle, family in BROWSERS)
]
BROWSER_FAMILIES.append(("Other", _("Other")))


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    can_delete = False
    fields = readonly_fields = ("title", "original_name", "content_type", "size")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    list_display = ("__str__", "applicant", "ad", "status", "shared_status", "submitted_at")
    list_filter = ("status", "submitted_at")
    search_fields = ("ad__title", "ad__company__name", "seeker__email")
    raw_id_fields = ("ad", "seeker")
    readonly_fields = ("ad", "seeker", "message", "submitted_at", "updated_at")
    inlines = (ApplicationDocumentInline,)
    list_select_related = ("ad", "seeker")
    show_full_result_count = False  # a second count of every application

    @admin.display(description=_("applicant"), ordering="seeker__last_name")
    def applicant(self, application):
        return user_display(application.seeker)

    def get_search_results(self, request, queryset, search_term):
        """What Django's search finds (every word in the ad's title, its company's name or
        the applicant's e-mail address), written so that each table is searched on its
        own index: Django ORs `icontains` across the joins to the ads, companies and people,
        which read every application with its ad and applicant (6.2 s at 1 000 000
        applications for one address). Here the applications of the matching ads and those
        of the matching people are two indexed lookups, united: the companies that match
        are few and given as ids; the ads' titles and the people's addresses have trigram
        indexes (jobs' migration 0014, accounts' 0006)."""
        company, person = apps.get_model("companies", "Company"), get_user_model()
        for word in admin_search_words(search_term):
            named = company.objects.filter(name__icontains=word).values_list("pk", flat=True)
            ads = Ad.objects.filter(
                models.Q(title__icontains=word) | models.Q(company_id__in=list(named))
            )
            people = person.objects.filter(email__icontains=word)
            found = Application.objects.order_by()
            of_ads = found.filter(ad_id__in=ads.values("pk")).values("pk")
            of_people = found.filter(seeker_id__in=people.values("pk")).values("pk")
            queryset = queryset.filter(pk__in=of_ads.union(of_people))
        return queryset, False


@admin.register(JobAlert)
class JobAlertAdmin(RegistryDeleteMixin, admin.ModelAdmin):
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


@admin.register(AdDailyStat)
class AdDailyStatAdmin(EventLogAdmin):
    list_display = ("day", "ad", "views", "visitors", "contact_views")
    list_filter = ("day",)
    search_fields = ("ad__title",)
    raw_id_fields = ("ad",)
    readonly_fields = ("ad", "day", "views", "visitors", "contact_views")


@admin.register(AdView, ContactView)
class VisitorEventAdmin(EventLogAdmin):
    list_display = ("__str__", "ad", "occurred_at", "device_class", "browser_family", "referrer")
    list_filter = (
        "device_class",
        values_filter("browser_family", _("browser"), BROWSER_FAMILIES),
        "occurred_at",
    )
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
class ApplyClickAdmin(EventLogAdmin):
    list_display = ("__str__", "ad", "method", "occurred_at")
    list_filter = (values_filter("method", _("how to apply"), ApplyMethod.choices), "occurred_at")
    search_fields = ("ad__title",)
    raw_id_fields = ("ad",)
    readonly_fields = ("ad", "method", "occurred_at")


# Staff type links others open: the site's own rule for them (https:// added when left out).
PUBLIC_URLS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"form_class": PublicURLField}
}


@admin.display(description=_("company"), ordering="company__name")
def company_name(obj):
    return obj.company.name


class AdRevisionInline(admin.TabularInline):
    model = AdRevision
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "changes", "changed_by", "changed_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ModeratedAd)
class ModeratedAdAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    """Staff's moderation of ads: take down with a reason, approve a first ad, correct what the
    employer wrote (through the ad service, with history), read the history."""

    # What the service does not write (status, dates, company, product) is shown, not edited.
    STATE = (
        "company",
        "status",
        "is_featured",
        "paid_days",
        "published_at",
        "ends_at",
        "status_reason",
        "created_by",
        "created_at",
    )
    list_select_related = ("company",)
    list_display = ("id", "title", company_name, "status", "published_at", "ends_at")
    list_filter = ("status", "is_featured")
    search_fields = ("title", "company__name", "company__org_number")  # see get_search_results
    show_full_result_count = False  # a second count of every ad (1 000 000: 25 ms a page)
    raw_id_fields = ("municipality", "occupation")
    fields = (*ad_services.AD_FIELDS, *STATE)
    readonly_fields = STATE
    inlines = (AdRevisionInline,)
    actions = ("take_down", "approve")
    formfield_overrides = PUBLIC_URLS

    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        """What Django's search finds (every word in the title, the company's name or its
        organisation number), written so that PostgreSQL can use an index for each: the
        companies that match are looked up first (a small table) and their ids given, as
        an OR across the join to them made it read every ad, twice (0.9 s at 1 000 000
        ads); the title has its trigram index (migration 0014)."""
        company = apps.get_model("companies", "Company")
        for word in admin_search_words(search_term):
            companies = company.objects.filter(
                models.Q(name__icontains=word) | models.Q(org_number__icontains=word)
            )
            queryset = queryset.filter(
                models.Q(title__icontains=word)
                | models.Q(company_id__in=list(companies.values_list("pk", flat=True)))
            )
        return queryset, False

    @admin.action(
        description=_("Take the selected ads down, with a reason"), permissions=("change",)
    )
    def take_down(self, request, queryset):
        form = TakeDownForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            now = timezone.now()
            done = 0
            for ad in queryset.exclude(status=Ad.Status.DRAFT):
                ad_services.take_down_ad(
                    ad=ad, by=request.user, now=now, reason=form.cleaned_data["reason"]
                )
                done += 1
            self.message_user(
                request,
                ngettext("%(count)d ad taken down.", "%(count)d ads taken down.", done)
                % {"count": done},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "jobs/admin/takedown.html",
            {
                **self.admin_site.each_context(request),
                "ads": queryset,
                "form": form,
                "opts": self.model._meta,
                "title": gettext("Take the ads down"),
            },
        )

    def has_delete_permission(self, request, obj=None):
        # Ads end by withdrawal or takedown and are deleted by their retention rule only.
        return False

    def save_model(self, request, obj, form, change):
        """Staff's edits go through the same service as the employer's, with history."""
        try:
            ad_services.edit_ad(
                ad=obj,
                by=request.user,
                now=timezone.now(),
                fields={
                    f: form.cleaned_data[f] for f in ad_services.AD_FIELDS if f in form.cleaned_data
                },
            )
        except ad_services.AdError as exc:
            self.message_user(request, str(exc), messages.ERROR)

    @admin.action(description=_("Approve and publish the selected ads"), permissions=("change",))
    def approve(self, request, queryset):
        now = timezone.now()
        for ad in queryset:
            try:
                ad_services.approve_ad(ad=ad, by=request.user, now=now)
            except ad_services.AdError as exc:
                self.message_user(request, f"{ad}: {exc}", messages.ERROR)
