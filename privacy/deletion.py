"""Deleting rows and their files, for the retention engine and for erasure alike.

Design note. Deletion goes through Django's Collector, so cascades and delete signals behave
as everywhere else; when a model has neither (visitor events), the Collector issues one
`DELETE ... WHERE` for the whole batch, which is what makes a million rows quick. The files
of every collected row (each FileField of each model the delete reaches) are removed from
storage only after the transaction commits: a rolled-back batch keeps its files, and a
storage failure leaves a note that the next sweep acts on (privacy/files.py).
"""

from collections.abc import Callable
from typing import Any, cast

from django.core.files.storage import Storage
from django.db import models, router
from django.db.models.deletion import Collector

from .files import remove_after_commit

# Looks at everything a delete would reach; True vetoes it.
Refuse = Callable[[Collector], bool]


def _file_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _files_of(collector: Collector) -> list[tuple[Storage, str]]:
    found: list[tuple[Storage, str]] = []
    for model, instances in collector.data.items():
        for name in _file_fields(model):
            for obj in instances:
                file = getattr(obj, name)
                if file:
                    found.append((file.storage, file.name))
    for qs in collector.fast_deletes:
        names = _file_fields(qs.model)
        if not names:
            continue
        storage = {n: cast(models.FileField, qs.model._meta.get_field(n)).storage for n in names}
        for row in qs.values_list(*names):
            found.extend((storage[n], value) for n, value in zip(names, row, strict=True) if value)
    return found


def delete_rows(qs: models.QuerySet[Any], *, refuse: Refuse | None = None) -> int | None:
    """Delete the rows of `qs` (with cascades) and, after commit, their files; returns the
    number of rows of qs's own model deleted. `refuse(collector)` may look at everything
    the delete would reach and veto it (None is returned, nothing is deleted)."""
    del_query = qs._chain()  # type: ignore[attr-defined]  # private QuerySet API, as delete() does
    del_query._for_write = True
    del_query.query.select_for_update = False
    del_query.query.select_related = False
    del_query.query.clear_ordering(force=True)
    using = router.db_for_write(qs.model)
    collector = Collector(using=using, origin=del_query)
    collector.collect(del_query)
    if refuse is not None and refuse(collector):
        return None
    files = _files_of(collector)
    _, per_model = collector.delete()
    remove_after_commit(name for _, name in files)
    return per_model.get(qs.model._meta.label, 0)


def delete_guarded(qs: models.QuerySet[Any], refuse: Refuse | None) -> tuple[int, list[Any]]:
    """Delete qs in one go, or, when `refuse` vetoes that, row by row; returns the number
    deleted and the keys of the rows kept."""
    deleted = delete_rows(qs, refuse=refuse)
    if deleted is not None:
        return deleted, []
    deleted, kept = 0, []
    for pk in qs.order_by("pk").values_list("pk", flat=True):
        one = delete_rows(qs.model._default_manager.filter(pk=pk), refuse=refuse)
        if one is None:
            kept.append(pk)
        else:
            deleted += one
    return deleted, kept


def refused_keys(qs: models.QuerySet[Any], refuse: Refuse) -> list[Any]:
    """The keys `delete_guarded` would keep, found without deleting (for dry runs)."""
    if not _refused(qs, refuse):
        return []
    return [
        pk
        for pk in qs.order_by("pk").values_list("pk", flat=True)
        if _refused(qs.model._default_manager.filter(pk=pk), refuse)
    ]


def _refused(qs: models.QuerySet[Any], refuse: Refuse) -> bool:
    collector = Collector(using=router.db_for_write(qs.model))
    collector.collect(qs.order_by())  # type: ignore[arg-type]  # takes a QuerySet, as in delete()
    return refuse(collector)
