"""Admin's delete for a model of the privacy registry goes through the registry's erasure.

Every ModelAdmin of a registered model (and of a proxy of one) that lets staff delete uses
`RegistryDeleteMixin`, every such inline `RegistryInlineMixin`: the delete page, "delete
selected", `delete_model`, `delete_queryset` and a deleted inline row all call
`privacy.records.erase_records`, which honours legal holds and keep reasons, removes files
after commit and leaves an audit entry. Staff are told what was deleted, anonymised or
refused (naming the hold). tests/privacy/test_admin_deletes.py walks `admin.site._registry`
and fails for a registered model whose admin could plain-delete.
"""

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from . import records
from .staff import staff_may

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

    ModelAdmin = admin.ModelAdmin[Any]
    InlineModelAdmin = admin.options.InlineModelAdmin[Any, Any]
else:
    ModelAdmin = admin.ModelAdmin
    InlineModelAdmin = admin.options.InlineModelAdmin


def _staff(request: HttpRequest) -> "User":
    return cast("User", request.user)


@admin.action(
    permissions=["delete"],
    description=gettext_lazy("Delete selected %(verbose_name_plural)s"),
)
def erase_selected(
    modeladmin: "RegistryDeleteMixin", request: HttpRequest, queryset: QuerySet[Any]
) -> HttpResponse | None:
    """Django's confirmation page, then the registry's erasure instead of a plain delete."""
    if not request.POST.get("post"):
        return cast("HttpResponse | None", delete_selected(modeladmin, request, queryset))
    modeladmin.erase(request, queryset)
    return None


class RegistryInlineMixin(InlineModelAdmin):
    """Put first in the bases of an inline of a registered model that lets staff delete: a
    row ticked for deletion goes through the registry's erasure, refusals become messages."""

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)

        class ErasingFormSet(formset):  # type: ignore[valid-type,misc]  # made at run time
            def delete_existing(self, obj: Model, commit: bool = True) -> None:
                if not commit:
                    return
                outcome = records.erase_records(
                    queryset=type(obj)._default_manager.filter(pk=obj.pk),
                    by=_staff(request),
                    now=timezone.now(),
                )
                for refusal in outcome.refused:
                    messages.error(request, refusal)

        return ErasingFormSet


class RegistryDeleteMixin(ModelAdmin):
    """Put first in the bases of the ModelAdmin of a model in the privacy registry."""

    def _may_delete(self, request: HttpRequest, obj: Model | None = None) -> bool:
        opts = self.model._meta
        permission = f"{opts.app_label}.delete_{opts.model_name}"
        return self.has_delete_permission(request, obj) and staff_may(request.user, permission)

    def erase(self, request: HttpRequest, queryset: QuerySet[Any]) -> records.Outcome:
        if not self._may_delete(request):
            raise PermissionDenied
        outcome = records.erase_records(queryset=queryset, by=_staff(request), now=timezone.now())
        self._tell(request, outcome)
        return outcome

    def _tell(self, request: HttpRequest, outcome: records.Outcome) -> None:
        if outcome.deleted:
            self.message_user(
                request,
                ngettext("%(count)d record deleted.", "%(count)d records deleted.", outcome.deleted)
                % {"count": outcome.deleted},
                messages.SUCCESS,
            )
        if outcome.anonymised:
            self.message_user(
                request,
                ngettext(
                    "%(count)d record anonymised (the law or the registry keeps the row).",
                    "%(count)d records anonymised (the law or the registry keeps the rows).",
                    outcome.anonymised,
                )
                % {"count": outcome.anonymised},
                messages.SUCCESS,
            )
        for refusal in outcome.refused:
            self.message_user(request, refusal, messages.ERROR)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions: dict[str, Any] = dict(super().get_actions(request))
        if "delete_selected" in actions:
            description = actions["delete_selected"][2]
            actions["delete_selected"] = (erase_selected, "delete_selected", description)
        return actions

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method != "POST":
            return super().delete_view(request, object_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return super().delete_view(request, object_id, extra_context)
        if not self._may_delete(request, obj):
            raise PermissionDenied
        opts = self.model._meta
        outcome = self.erase(request, self.model._default_manager.filter(pk=obj.pk))
        if outcome.refused or outcome.anonymised:
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[obj.pk],
                current_app=self.admin_site.name,
            )
            if self.model._default_manager.filter(pk=obj.pk).exists():
                return HttpResponseRedirect(url)
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        self.erase(request, self.model._default_manager.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self.erase(request, queryset)
