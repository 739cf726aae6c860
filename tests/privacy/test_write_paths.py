"""Holds, restrictions and access requests are written by their services only (admin
included), and the privacy app imports no other app (its demo module aside).

Both are read from the source: a direct `.objects.create/.update/.delete` (or a delete or
update of a queryset or row taken from those managers) anywhere outside the services and
the migrations fails here, as does an import of another app inside privacy/.
"""

import ast
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
MODELS = {"LegalHold", "Restriction", "AccessRequest"}
WRITES = {
    "create",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "update",
    "bulk_update",
    "delete",
}
ADMIN_WRITES = {"save_model", "delete_model", "delete_queryset"}
SERVICES = {Path("privacy/holds.py"), Path("privacy/restrictions.py"), Path("privacy/access.py")}
NOT_CODE = {"tests", "templates", "static", "locale", "var", "node_modules"}


def _root_model(node, tracked: dict[str, str]) -> str | None:
    """The model a chain such as `LegalHold.objects.filter(...).first()` starts from, or a
    name assigned from such a chain."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Attribute):
            base = node.value
            if (
                isinstance(base, ast.Name)
                and base.id in MODELS
                and node.attr in ("objects", "_default_manager")
            ):
                return base.id
            node = base
        elif isinstance(node, ast.Name):
            return tracked.get(node.id)
        else:
            return None


def _bound_names(tree: ast.AST, tracked: dict[str, str]) -> dict[str, str]:
    """Names bound to such chains, and names bound from those, and so on."""
    tracked = dict(tracked)
    grew = True
    while grew:
        grew = False
        for node in ast.walk(tree):
            pairs = []
            if isinstance(node, ast.Assign):
                pairs = [(t, node.value) for t in node.targets]
            elif isinstance(node, ast.For | ast.comprehension):
                pairs = [(node.target, node.iter)]
            for target, value in pairs:
                model = _root_model(value, tracked)
                if isinstance(target, ast.Name) and model and target.id not in tracked:
                    tracked[target.id] = model
                    grew = True
    return tracked


def _writes_in(
    tree: ast.AST, tracked: dict[str, str], methods=frozenset(WRITES)
) -> set[tuple[int, str]]:
    tracked = _bound_names(tree, tracked)
    return {
        (node.lineno, f"{model}.{node.func.attr}")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in methods
        and (model := _root_model(node.func.value, tracked))
    }


def _super_writes(admin: ast.ClassDef, model: str) -> set[tuple[int, str]]:
    """ModelAdmin's own save_model/delete_model/delete_queryset write the model directly."""
    return {
        (node.lineno, f"{model}.{node.func.attr}")
        for node in ast.walk(admin)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ADMIN_WRITES
        and isinstance(node.func.value, ast.Call)
        and getattr(node.func.value.func, "id", None) == "super"
    }


def _admin_of(node: ast.AST) -> str | None:
    """The model of a class decorated with @admin.register(Model), if one of ours."""
    for decorator in getattr(node, "decorator_list", []):
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == "register":
            names = [getattr(arg, "id", None) for arg in decorator.args]
            return next((n for n in names if n in MODELS), None)
    return None


def direct_writes(source: str) -> list[str]:
    """`line: Model.method` for each write that bypasses the services; in a ModelAdmin of
    one of the models, its `queryset` and `obj` count as the model's rows, and its save and
    delete fall back on ModelAdmin's own (direct) writes through super()."""
    tree = ast.parse(source)
    found = _writes_in(tree, {})
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and (model := _admin_of(node)):
            rows = {"queryset": model, "obj": model}
            found |= _writes_in(node, rows, WRITES | {"save"}) | _super_writes(node, model)
    return [f"{line}: {write}" for line, write in sorted(found)]


def _our_python_files():
    for folder in sorted(BASE.iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in NOT_CODE:
            for path in folder.rglob("*.py"):
                if "migrations" not in path.parts:
                    yield path


def test_the_finder_sees_every_shape_of_a_direct_write():
    source = """
LegalHold.objects.create(email="a@example.se")
Restriction.objects.for_person(user=u).active().update(lifted_at=now)
AccessRequest._default_manager.filter(pk=1).delete()
holds = LegalHold.objects.filter(email="a@example.se")
holds.delete()
for row in Restriction.objects.all():
    row.delete()
LegalHold.objects.filter(pk=1).exists()
ConsentRecord.objects.filter(pk=1).delete()

@admin.register(Restriction)
class RestrictionAdmin(admin.ModelAdmin):
    def lift(self, request, queryset):
        queryset.filter(lifted_at__isnull=True).update(lifted_at=now)

    def save_model(self, request, obj, form, change):
        obj.save()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
"""
    assert [line.split(": ")[1] for line in direct_writes(source)] == [
        "LegalHold.create",
        "Restriction.update",
        "AccessRequest.delete",
        "LegalHold.delete",
        "Restriction.delete",
        "Restriction.update",
        "Restriction.save",
        "Restriction.delete_model",
    ]


def test_holds_restrictions_and_access_requests_are_written_by_their_services_only():
    found = []
    for path in _our_python_files():
        where = path.relative_to(BASE)
        if where in SERVICES:
            continue
        found += [f"{where}:{hit}" for hit in direct_writes(path.read_text(encoding="utf-8"))]
    assert not found, "Call privacy.holds / restrictions / access instead:\n" + "\n".join(found)


# That privacy/ imports no other app is tests/config/test_app_dependencies.py's.


def test_the_admin_of_holds_restrictions_and_requests_never_falls_back_on_plain_saves(rf):
    from django.contrib import admin

    from privacy.models import AccessRequest, LegalHold, Restriction
    from tests.factories import UserFactory

    request = rf.get("/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    for model in (LegalHold, Restriction, AccessRequest):
        model_admin = admin.site._registry[model]
        assert type(model_admin).save_model is not admin.ModelAdmin.save_model, model
        assert not model_admin.has_delete_permission(request), model
