"""Admin of the periodic tasks: staff see every task and may run it now, but a compliance
task (privacy.beat.COMPLIANCE_TASKS) cannot be switched off, changed or deleted from admin,
nor can the schedule it runs on (a crontab set to the 30th of February stopped the nightly
retention while the task still showed as on).

django-celery-beat's own admin let "Disable selected tasks" switch off every deadline of the
privacy notice with one click; beat's start-up switched one of them back on, the others
stayed off. Here the change form of a compliance task is read-only and the actions that
switch tasks off leave the compliance tasks on, saying so.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_celery_beat.admin import PeriodicTaskAdmin as BeatPeriodicTaskAdmin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from .beat import COMPLIANCE_TASKS

if TYPE_CHECKING:
    QuerySetOfTasks = QuerySet[PeriodicTask]
else:
    QuerySetOfTasks = QuerySet


def is_compliance(task: PeriodicTask | None) -> bool:
    return task is not None and task.task in COMPLIANCE_TASKS


class PeriodicTaskAdmin(BeatPeriodicTaskAdmin):  # type: ignore[misc]  # untyped package
    actions = ("enable_tasks", "disable_tasks", "toggle_tasks", "run_tasks")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not is_compliance(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not is_compliance(obj) and super().has_delete_permission(request, obj)

    def _leave_compliance_on(
        self, request: HttpRequest, queryset: QuerySetOfTasks
    ) -> QuerySetOfTasks:
        kept = sorted(queryset.filter(task__in=COMPLIANCE_TASKS).values_list("name", flat=True))
        if kept:
            message = ngettext(
                "%(names)s enforces the privacy notice and stays on.",
                "%(names)s enforce the privacy notice and stay on.",
                len(kept),
            ) % {"names": ", ".join(kept)}
            self.message_user(request, message, messages.WARNING)
        return queryset.exclude(task__in=COMPLIANCE_TASKS)

    @admin.action(description=_("Switch the selected tasks on"))
    def enable_tasks(self, request: HttpRequest, queryset: QuerySetOfTasks) -> None:
        super().enable_tasks(request, queryset)

    @admin.action(description=_("Switch the selected tasks off"))
    def disable_tasks(self, request: HttpRequest, queryset: QuerySetOfTasks) -> None:
        super().disable_tasks(request, self._leave_compliance_on(request, queryset))

    @admin.action(description=_("Switch the selected tasks on or off"))
    def toggle_tasks(self, request: HttpRequest, queryset: QuerySetOfTasks) -> None:
        super().toggle_tasks(request, self._leave_compliance_on(request, queryset))

    @admin.action(description=_("Run the selected tasks now"))
    def run_tasks(self, request: HttpRequest, queryset: QuerySetOfTasks) -> None:
        super().run_tasks(request, queryset)


admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PeriodicTaskAdmin)


# Each kind of schedule and the field of PeriodicTask that points to it.
SCHEDULES = {
    CrontabSchedule: "crontab",
    IntervalSchedule: "interval",
    SolarSchedule: "solar",
    ClockedSchedule: "clocked",
}


def runs_compliance(schedule: Any) -> bool:
    """A compliance task runs on this schedule."""
    if schedule is None:
        return False
    field = SCHEDULES[type(schedule)]
    tasks = PeriodicTask.objects.filter(task__in=COMPLIANCE_TASKS, **{field: schedule})
    return bool(tasks.exists())


def _guarded(base: "type[admin.ModelAdmin[Any]]") -> "type[admin.ModelAdmin[Any]]":
    """`base` with the schedules of compliance tasks read-only and never deleted."""

    class GuardedScheduleAdmin(base):  # type: ignore[valid-type,misc]  # untyped package
        def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return not runs_compliance(obj) and super().has_change_permission(request, obj)

        def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return not runs_compliance(obj) and super().has_delete_permission(request, obj)

        def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
            field = SCHEDULES[queryset.model]
            used = PeriodicTask.objects.filter(task__in=COMPLIANCE_TASKS).values(field)
            super().delete_queryset(request, queryset.exclude(pk__in=used))

    GuardedScheduleAdmin.__name__ = base.__name__
    return GuardedScheduleAdmin


for _model in SCHEDULES:
    _base = type(admin.site._registry[_model])
    admin.site.unregister(_model)
    admin.site.register(_model, _guarded(_base))
