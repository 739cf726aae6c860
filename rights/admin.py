"""Staff answer every request from admin: the list with its deadlines, the request with its
timeline and actions, the person page, the CSV register.

Every write is a service call (rights.services) with the staff member as `by`. Looking takes
the view permission; every action the change permission and a second factor
(privacy.staff.staff_may): view-only staff see the buttons' pages refused.
"""

import csv
import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from privacy import subjects
from privacy.staff import staff_may

from . import selectors
from .models import AccessReport, DataRequest, DataRequestQuerySet, Kind, RequestEvent
from .services import RequestError, actions, reports, requests
from .wording import COUNTS, describe_details

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

    ModelAdmin = admin.ModelAdmin[Any]
    TabularInline = admin.TabularInline[Any, Any]
    DataRequestModelForm = forms.ModelForm[DataRequest]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline
    DataRequestModelForm = forms.ModelForm

# Admin's index shows the chart of open requests by days left (rights/templatetags).
admin.site.index_template = "admin/rights/index.html"

VIEW = "rights.view_datarequest"
ACT = "rights.change_datarequest"


def _staff(request: HttpRequest) -> "User":
    return cast("User", request.user)


class DueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "due"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("7", _("Due within 7 days")), ("overdue", _("Overdue"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = timezone.localdate()
        if self.value() == "overdue":
            return cast(DataRequestQuerySet, queryset).open().filter(due_on__lt=today)
        if self.value() == "7":
            return (
                cast(DataRequestQuerySet, queryset)
                .open()
                .filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))
            )
        return queryset


class EventInline(TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    fields = ("at", "done_by", "action", "what")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(VIEW) or request.user.has_perm(ACT)

    @admin.display(description=_("by"))
    def done_by(self, obj: RequestEvent) -> str:
        return staff_name(obj.by) if obj.by else self.get_empty_value_display()

    @admin.display(description=_("details"))
    def what(self, obj: RequestEvent) -> str:
        """The event's details as words, not JSON (counts, the report, the assignee)."""
        return (
            describe_details(obj.details, name_of=_staff_name_of) or self.get_empty_value_display()
        )


def _staff_name_of(user_id: Any) -> str:
    user = get_user_model()._default_manager.filter(pk=user_id).first()
    return staff_name(user) if user else str(user_id)


class ReportInline(TabularInline):
    model = AccessReport
    extra = 0
    can_delete = False
    fields = ("created_at", "state", "progress", "size", "ready_at", "expires_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(VIEW) or request.user.has_perm(ACT)


def staff_name(user: Any) -> str:
    """A member of staff as colleagues know them (a user's own str() names no one)."""
    return str(user.get_full_name() or user.email)


class EntryForm(DataRequestModelForm):
    """Staff enter a request received by letter or phone."""

    class Meta:
        model = DataRequest
        fields = ("kind", "email", "message", "language", "received_at")

    def clean_received_at(self) -> datetime.datetime | None:
        received: datetime.datetime | None = self.cleaned_data.get("received_at")
        if received is not None and received > timezone.now():
            raise forms.ValidationError(_("A request cannot be received in the future."))
        return received


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the person)"), widget=forms.Textarea)


class ExtendForm(ReasonForm):
    months = forms.TypedChoiceField(
        label=_("Extend by"),
        choices=[(1, _("1 month")), (2, _("2 months"))],
        coerce=int,
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("What was done"), widget=forms.Textarea)


class RectifyForm(forms.Form):
    what = forms.CharField(label=_("What was corrected (fields, not values)"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("in_progress", _("In progress")), ("waiting", _("Waiting for the person"))],
    )


@admin.register(DataRequest)
class DataRequestAdmin(ModelAdmin):
    # The deadline first: on a narrower screen the last columns scroll out of sight.
    list_display = (
        "id",
        "due_on",
        "days_left",
        "kind",
        "email",
        "status",
        "received_at",
        "handled_by",
        "channel",
    )
    list_filter = ("status", "kind", DueFilter, "channel", "extended")
    list_select_related = ("assignee",)
    search_fields = ("email",)
    raw_id_fields = ("user",)
    autocomplete_fields = ()
    date_hierarchy = "received_at"
    inlines = (EventInline, ReportInline)
    readonly_fields = (
        "kind",
        "email",
        "account",
        "message",
        "language_name",
        "channel",
        "status",
        "received_at",
        "verified_at",
        "due_on",
        "days_left",
        "extended",
        "extension_reason",
        "closed_at",
        "outcome",
        "access_request",
        "person_link",
    )
    fields = (*readonly_fields[:-1], "person_link", "assignee", "notes")
    change_form_template = "admin/rights/datarequest/change_form.html"

    class Media:
        css = {"all": ("rights/admin.css",)}

    change_list_template = "admin/rights/datarequest/change_list.html"

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = EntryForm
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and "assignee" in form.base_fields:
            # A handler who has since lost the permission stays until someone is chosen.
            assignee: Any = form.base_fields["assignee"]
            assignee.queryset = selectors.handlers(keeping=obj.assignee_id)
        return form

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return EntryForm.Meta.fields if obj is None else self.fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return self.inlines if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "assignee":
            kwargs["queryset"] = selectors.handlers()
            field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = staff_name  # staff choose a colleague by name
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the retention rule deletes requests, never staff

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return staff_may(request.user, ACT)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return staff_may(request.user, "rights.add_datarequest")

    @admin.display(description=_("days left"))
    def days_left(self, obj: DataRequest) -> Any:
        if not obj.is_open:
            return "-"
        left = obj.days_left(timezone.localdate())
        if left < 0:
            return format_html('<strong class="rights-overdue">{}</strong>', left)
        return left

    @admin.display(description=_("handled by"), ordering="assignee")
    def handled_by(self, obj: DataRequest) -> str:
        return staff_name(obj.assignee) if obj.assignee else self.get_empty_value_display()

    @admin.display(description=_("account"))
    def account(self, obj: DataRequest) -> str:
        """The person's account by name and address, not "User #4"."""
        if obj.user is None:
            return str(_("No account"))
        name = obj.user.get_full_name()
        return f"{name} ({obj.user.email})" if name else obj.user.email

    @admin.display(description=_("language"))
    def language_name(self, obj: DataRequest) -> str:
        try:
            return str(get_language_info(obj.language)["name_translated"])
        except KeyError:
            return obj.language

    @admin.display(description=_("person"))
    def person_link(self, obj: DataRequest) -> Any:
        url = reverse("admin:rights_datarequest_person", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Everything we hold about this person"))

    def save_model(self, request: HttpRequest, obj: DataRequest, form: Any, change: Any) -> None:
        now, by = timezone.now(), _staff(request)
        if not change:
            saved = requests.enter_request(
                kind=obj.kind,
                email=obj.email,
                message=obj.message,
                language=obj.language,
                received_at=obj.received_at,
                by=by,
                now=now,
            )
            obj.pk = saved.pk
            obj.refresh_from_db()
            return
        stored = DataRequest.objects.get(pk=obj.pk)
        stored = requests.assign_request(request=stored, assignee=obj.assignee, by=by, now=now)
        requests.set_notes(request=stored, notes=obj.notes, by=by, now=now)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        names = (*KIND_ACTIONS.get(obj.kind, ()), *COMMON_ACTIONS) if obj else ()
        building = (
            obj is not None
            and obj.reports.filter(
                state__in=(AccessReport.State.QUEUED, AccessReport.State.BUILDING)
            ).exists()
        )
        extra = {
            "rights_actions": [(name, ACTIONS[name].title) for name in names],
            "may_act": staff_may(request.user, ACT) and obj is not None and obj.is_open,
            "report_building": building,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        bands = selectors.open_by_days_left(today=timezone.localdate())
        extra = {"chart": chart_svg(bands), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: Any) -> None:
        return  # the timeline and reports are written by the services only

    # --- custom views: the person page, the actions, the register

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path(
                "register.csv",
                wrap(self.register_view),
                name="rights_datarequest_register",
            ),
            path(
                "person/",
                wrap(self.person_by_address_view),
                name="rights_person",
            ),
            path(
                "<int:pk>/person/",
                wrap(self.person_view),
                name="rights_datarequest_person",
            ),
            path(
                "<int:pk>/act/<str:action>/",
                wrap(self.act_view),
                name="rights_datarequest_act",
            ),
            *super().get_urls(),
        ]

    def _may_view(self, request: HttpRequest) -> None:
        if not staff_may(request.user, VIEW) and not staff_may(request.user, ACT):
            raise PermissionDenied

    def person_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        self._may_view(request)
        data_request = get_object_or_404(DataRequest, pk=pk)
        return self._person_page(request, data_request.user, data_request.email, data_request)

    def person_by_address_view(self, request: HttpRequest) -> HttpResponse:
        """From a user in admin (?user=<id>) or an address (?email=...)."""
        self._may_view(request)
        from django.contrib.auth import get_user_model

        user = None
        if (user_id := request.GET.get("user", "")).isdigit():
            user = get_object_or_404(get_user_model(), pk=int(user_id))
        email = request.GET.get("email", "") or getattr(user, "email", "")
        if not email:
            messages.error(request, _("Give a user or an e-mail address."))
            return HttpResponseRedirect(reverse("admin:rights_datarequest_changelist"))
        return self._person_page(request, user, email, None)

    def _person_page(
        self, request: HttpRequest, user: Any, email: str, data_request: DataRequest | None
    ) -> HttpResponse:
        found = selectors.person(user=user, email=email, now=timezone.now())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Everything we hold about %(email)s") % {"email": found.email},
            "person": found,
            "data_request": data_request,
        }
        return TemplateResponse(request, "admin/rights/person.html", context)

    def register_view(self, request: HttpRequest) -> HttpResponse:
        """Accountability: every request, no personal data beyond the address."""
        self._may_view(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="requests.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "id",
                "type",
                "email",
                "channel",
                "received",
                "verified",
                "due",
                "extended",
                "status",
                "closed",
                "handler",
                "outcome",
            ]
        )
        rows = DataRequest.objects.select_related("assignee").order_by("received_at", "pk")
        for row in rows.iterator():
            writer.writerow(
                [
                    row.pk,
                    row.kind,
                    row.email,
                    row.channel,
                    row.received_at.isoformat(),
                    row.verified_at.isoformat() if row.verified_at else "",
                    row.due_on.isoformat(),
                    "yes" if row.extended else "no",
                    row.status,
                    row.closed_at.isoformat() if row.closed_at else "",
                    row.assignee.pk if row.assignee else "",
                    _csv_safe(row.outcome),
                ]
            )
        return response

    def act_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if action not in ACTIONS:
            raise PermissionDenied
        if not staff_may(request.user, ACT):
            raise PermissionDenied
        data_request = get_object_or_404(DataRequest, pk=pk)
        spec = ACTIONS[action]
        form = spec.form(request.POST or None) if spec.form else None
        preview = None
        back = reverse("admin:rights_datarequest_change", args=[pk])
        now, by = timezone.now(), _staff(request)
        try:
            if action == "erase" and request.method != "POST":
                preview = actions.preview_erasure(request=data_request, by=by, now=now)
            if request.method == "POST" and (form is None or form.is_valid()):
                values = form.cleaned_data if form is not None else {}
                result = spec.run(data_request, values, by, now)
                messages.success(request, str(spec.done) + (f" {result}" if result else ""))
                return HttpResponseRedirect(back)
        except RequestError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": spec.title,
            "data_request": data_request,
            "form": form,
            "preview": preview,
            # (outcome, its label, its lines): the outcome keys are for the page's styles.
            "preview_rows": [
                (outcome, COUNTS.get(outcome, outcome), entries)
                for outcome, entries in (preview or {}).items()
            ],
            "back": back,
        }
        status = 400 if form is not None and form.errors else 200
        return TemplateResponse(request, "admin/rights/act.html", context, status=status)


def chart_svg(bands: list[tuple[str, int]]) -> str:
    """Open requests by days left as a small bar chart, drawn here (no script, no CDN)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    top = max((count for _label, count in bands), default=0) or 1
    width, bar, gap, height = 60 * len(bands), 40, 20, 120
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height + 40}" viewBox="0 0 {width} {height + 40}" class="rights-chart">',
        f"<title>{escape(_('Open requests by days left'))}</title>",
    ]
    for index, (label, count) in enumerate(bands):
        h = round(height * count / top)
        x = index * (bar + gap) + gap // 2
        colour = "#b00020" if label.startswith("<") else "#0b5d4b"
        parts.append(
            f'<rect x="{x}" y="{height - h + 16}" width="{bar}" height="{h}" fill="{colour}"/>'
            f'<text x="{x + bar // 2}" y="{height - h + 12}" text-anchor="middle" '
            f'font-size="12">{count}</text>'
            f'<text x="{x + bar // 2}" y="{height + 32}" text-anchor="middle" '
            f'font-size="12">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (numbers and escaped labels only)


def _csv_safe(text: str) -> str:
    """No formula injection in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


class ActionSpec:
    def __init__(
        self,
        title: Any,
        done: Any,
        run: Callable[[DataRequest, dict[str, Any], "User", datetime.datetime], Any],
        form: type[forms.Form] | None = None,
    ) -> None:
        self.title, self.done, self.run, self.form = title, done, run, form


def _erased(r: DataRequest, v: dict[str, Any], by: "User", now: datetime.datetime) -> str:
    report = actions.execute_erasure(request=r, by=by, now=now)
    kept = _("%(kept)d records kept, stored but not used.") % {
        "kept": subjects.counts(report)["kept"]
    }
    if not subjects.erased_anything(report):
        return str(_("Nothing could be erased yet (a legal hold).")) + " " + str(kept)
    return str(_("The person's data was erased.")) + " " + str(kept)


ACTIONS: dict[str, ActionSpec] = {
    "report": ActionSpec(
        _("Build access report"),
        _("The access report is being built; its link is mailed to the person."),
        lambda r, v, by, now: reports.request_report(request=r, by=by, now=now) and "",
    ),
    "erase": ActionSpec(_("Execute erasure"), _("Erasure executed."), _erased),
    "restrict": ActionSpec(
        _("Restrict processing"),
        _("Processing restricted."),
        lambda r, v, by, now: actions.restrict_processing(request=r, by=by, now=now) and "",
    ),
    "lift": ActionSpec(
        _("Lift restriction"),
        _("Restriction lifted."),
        lambda r, v, by, now: actions.lift_restriction(request=r, by=by, now=now) and "",
    ),
    "object": ActionSpec(
        _("Act on the objection"),
        _("Direct marketing stopped."),
        lambda r, v, by, now: actions.act_on_objection(request=r, by=by, now=now) and "",
    ),
    "withdraw": ActionSpec(
        _("Withdraw the consents"),
        _("Withdrawal of consent handled."),
        lambda r, v, by, now: (
            describe_details(actions.withdraw_consents(request=r, by=by, now=now))
            or str(_("The person had no consent to withdraw and no job alert running."))
        ),
    ),
    "rectify": ActionSpec(
        _("Record the rectification"),
        _("Rectification recorded."),
        lambda r, v, by, now: (
            actions.record_rectification(request=r, what=v["what"], by=by, now=now) and ""
        ),
        RectifyForm,
    ),
    "extend": ActionSpec(
        _("Extend the deadline"),
        _("Deadline extended; the reason was mailed to the person."),
        lambda r, v, by, now: (
            requests.extend_request(
                request=r, months=v["months"], reason=v["reason"], by=by, now=now
            )
            and ""
        ),
        ExtendForm,
    ),
    "status": ActionSpec(
        _("Change the status"),
        _("Status changed."),
        lambda r, v, by, now: (
            requests.set_status(request=r, status=v["status"], by=by, now=now) and ""
        ),
        StatusForm,
    ),
    "refuse": ActionSpec(
        _("Refuse the request"),
        _("Request refused; the reason was mailed to the person."),
        lambda r, v, by, now: (
            requests.refuse_request(request=r, reason=v["reason"], by=by, now=now) and ""
        ),
        ReasonForm,
    ),
    "complete": ActionSpec(
        _("Complete the request"),
        _("Request completed."),
        lambda r, v, by, now: (
            requests.complete_request(request=r, outcome=v["outcome"], by=by, now=now) and ""
        ),
        OutcomeForm,
    ),
}

# Which actions each right offers on its page (all offer status, extension, refusal, completion).
KIND_ACTIONS = {
    Kind.ACCESS: ("report",),
    Kind.PORTABILITY: ("report",),
    Kind.ERASURE: ("erase",),
    Kind.RESTRICTION: ("restrict", "lift"),
    Kind.OBJECTION: ("object", "restrict", "lift"),
    Kind.WITHDRAWAL: ("withdraw",),
    Kind.RECTIFICATION: ("rectify",),
}
COMMON_ACTIONS = ("status", "extend", "refuse", "complete")
