from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin import EventLogAdmin, ReadOnlyAdmin

from . import access, holds, restrictions
from .models import (
    AccessRequest,
    AuditEntry,
    ConsentRecord,
    ConsentWording,
    EnforcementRun,
    LegalHold,
    Restriction,
    RetentionWarning,
    Suppression,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

    # Generic for mypy only (django-stubs); Django's classes take no parameters.
    ModelAdmin = admin.ModelAdmin[Any]
    LegalHoldModelForm = forms.ModelForm[LegalHold]
else:
    ModelAdmin = admin.ModelAdmin
    LegalHoldModelForm = forms.ModelForm


def _staff(request: HttpRequest) -> "User":
    """The staff member acting: admin views are only ever shown to a signed-in one."""
    return cast("User", request.user)


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


class ServiceWritesAdmin(ModelAdmin):
    """Holds, restrictions and access requests are written by their services only: the
    add form and the actions call them with the staff member as `by`, so each change has
    its audit entry. Nobody deletes them here: they are released, lifted or closed, and
    their retention rule (contacts.long_term) deletes them later."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _placed(self, obj: Model, saved: Model) -> None:
        """Point the admin's unsaved instance at the row the service wrote."""
        obj.pk = saved.pk
        obj.refresh_from_db()

    def _act_on_each(
        self,
        request: HttpRequest,
        rows: Iterable[Any],
        act: Callable[[Any], object],
        error_class: type[Exception],
    ) -> int:
        """Call `act(row)` for each row; an error becomes a message. Returns the count."""
        done = 0
        for row in rows:
            try:
                act(row)
            except error_class as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                done += 1
        return done


@admin.register(Restriction)
class RestrictionAdmin(ServiceWritesAdmin):
    list_display = ("__str__", "created_at", "lifted_at", "kept_until")
    list_filter = (("lifted_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = ("=email",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "created_by", "lifted_at", "kept_until")
    fields = ("user", "email", "reason", "created_at", "created_by", "lifted_at", "kept_until")
    actions = ["lift"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a restriction is never edited: it is lifted (the action)

    def has_lift_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("privacy.change_restriction")

    def save_model(self, request: HttpRequest, obj: Restriction, form: Any, change: Any) -> None:
        saved = restrictions.restrict(
            user=obj.user,
            email=obj.email,
            reason=obj.reason,
            by=_staff(request),
            now=timezone.now(),
        )
        self._placed(obj, saved)

    @admin.action(description=_("Lift the selected restrictions"), permissions=["lift"])
    def lift(self, request: HttpRequest, queryset: QuerySet[Restriction]) -> None:
        now = timezone.now()
        count = self._act_on_each(
            request,
            queryset.filter(lifted_at__isnull=True),
            lambda row: restrictions.lift_restriction(restriction=row, by=_staff(request), now=now),
            restrictions.RestrictionError,
        )
        self.message_user(
            request,
            ngettext("%(count)d restriction lifted.", "%(count)d restrictions lifted.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class LegalHoldForm(LegalHoldModelForm):
    class Meta:
        model = LegalHold
        fields = ("email", "content_type", "object_id", "reason", "ends_on")

    def clean_ends_on(self) -> Any:
        ends_on = self.cleaned_data.get("ends_on")
        if ends_on is not None and ends_on < timezone.localdate():
            raise ValidationError(_("A hold cannot end in the past: give today or a later day."))
        return ends_on


@admin.register(LegalHold)
class LegalHoldAdmin(ServiceWritesAdmin):
    form = LegalHoldForm
    list_display = ("held", "short_reason", "ends_on", "created_at", "released_at")
    list_select_related = ("content_type",)
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

    def get_readonly_fields(
        self, request: HttpRequest, obj: LegalHold | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return self.readonly_fields
        if obj.released_at is not None:
            return self.fields  # a released hold is history
        # Whom or what a hold keeps never changes; its reason and end may.
        return ("email", "content_type", "object_id", *self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: LegalHold, form: Any, change: Any) -> None:
        now = timezone.now()
        if change:
            saved = holds.change_hold(
                hold=obj, reason=obj.reason, ends_on=obj.ends_on, by=_staff(request), now=now
            )
        else:
            saved = holds.place_hold(
                email=obj.email or None,
                record=obj.held_record() if obj.content_type_id else None,
                reason=obj.reason,
                ends_on=obj.ends_on,
                by=_staff(request),
                now=now,
            )
        self._placed(obj, saved)

    @admin.display(description=_("person or record"), ordering="email")
    def held(self, hold: LegalHold) -> str:
        """The person's e-mail address or the record: this list is for staff who may see holds."""
        if hold.content_type is None:
            return hold.email
        return f"{capfirst(hold.content_type.name)} {hold.object_id}"

    @admin.display(description=_("reason"))
    def short_reason(self, hold: LegalHold) -> str:
        return Truncator(hold.reason).chars(80)

    @admin.action(description=_("Release the selected holds"), permissions=["change"])
    def release(self, request: HttpRequest, queryset: QuerySet[LegalHold]) -> None:
        now = timezone.now()
        count = self._act_on_each(
            request,
            queryset.filter(released_at__isnull=True),
            lambda hold: holds.release_hold(hold=hold, by=_staff(request), now=now),
            holds.HoldError,
        )
        self.message_user(
            request,
            ngettext("%(count)d hold released.", "%(count)d holds released.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AccessRequest)
class AccessRequestAdmin(ServiceWritesAdmin):
    list_display = ("__str__", "opened_at", "closed_at")
    list_filter = (("closed_at", admin.EmptyFieldListFilter), "opened_at")
    search_fields = ("=email",)
    raw_id_fields = ("user",)
    readonly_fields = ("opened_at", "opened_by", "closed_at")
    fields = ("user", "email", "opened_at", "opened_by", "closed_at")
    actions = ["close"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a request is never edited: it is closed (the action)

    def has_close_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("privacy.change_accessrequest")

    def save_model(self, request: HttpRequest, obj: AccessRequest, form: Any, change: Any) -> None:
        saved = access.open_access_request(
            user=obj.user, email=obj.email, by=_staff(request), now=timezone.now()
        )
        self._placed(obj, saved)

    @admin.action(description=_("Close the selected access requests"), permissions=["close"])
    def close(self, request: HttpRequest, queryset: QuerySet[AccessRequest]) -> None:
        now = timezone.now()
        count = self._act_on_each(
            request,
            queryset.filter(closed_at__isnull=True),
            lambda row: access.close_access_request(request=row, by=_staff(request), now=now),
            access.AccessRequestError,
        )
        self.message_user(
            request,
            ngettext("%(count)d access request closed.", "%(count)d access requests closed.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(EventLogAdmin):
    list_display = ("__str__", "event", "at", "by", "content_type", "object_id")
    list_filter = ("event", "at")
    search_fields = ("=object_id",)
    list_select_related = ("by", "content_type")
    readonly_fields = ("event", "at", "by", "content_type", "object_id", "details")


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
        "restricted",
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
    def acted(self, obj: EnforcementRun) -> int:
        return obj.total("acted")

    @admin.display(description=_("rows held"))
    def held(self, obj: EnforcementRun) -> int:
        return obj.total("held")

    @admin.display(description=_("rows restricted"))
    def restricted(self, obj: EnforcementRun) -> int:
        return obj.total("restricted")

    def get_urls(self) -> list[URLPattern]:
        forecast = self.admin_site.admin_view(self.forecast_view)
        return [
            path("forecast/", forecast, name="privacy_enforcementrun_forecast"),
            *super().get_urls(),
        ]

    def forecast_view(self, request: HttpRequest) -> TemplateResponse:
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


# The periodic tasks, with the compliance tasks kept on (privacy/beat_admin.py).
from . import beat_admin  # noqa: E402, F401
