"""Every field that looks personal is declared in the registry or exempted with a reason.

Looks personal: an e-mail, a name, a phone, an address, an IP address, an uploaded file or
free text (a TextField). A new model holding such a field fails this test until its app's
privacy.py declares it (`registry.declare`) or explains why not (`registry.exempt`).
"""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from privacy import registry

# Third-party apps whose models we fill with our users' data.
THIRD_PARTY = {"account", "mfa", "socialaccount", "usersessions"}
PERSONAL_NAME = re.compile(
    r"(^|_)(e_?mail|first_name|last_name|full_name|contact_name|person_name|sender_name|"
    r"phone|mobile|address|"
    r"street|postal_code|zip|town|city|ip|ip_address|ip_network|org_number|ssn|"
    r"personal_number|birth)($|_)"
)
PERSONAL_TYPES = (
    models.EmailField,
    models.GenericIPAddressField,
    models.FileField,
    models.TextField,
)


def _our_models():
    base = Path(settings.BASE_DIR)
    for config in apps.get_app_configs():
        ours = Path(config.path).is_relative_to(base) and ".venv" not in Path(config.path).parts
        if ours or config.label in THIRD_PARTY:
            yield from config.get_models()


def _looks_personal(field) -> bool:
    if not field.concrete or field.is_relation or field.primary_key:
        return False
    return isinstance(field, PERSONAL_TYPES) or bool(PERSONAL_NAME.search(field.name))


def _covered(model) -> set[str]:
    label = model._meta.label.lower()
    covered = set()
    for declaration in registry.declarations():
        if declaration.model.lower() == label:
            covered |= {*declaration.fields, *declaration.files}
    for exemption in registry.exemptions():
        if exemption.model.lower() == label:
            covered |= set(exemption.fields)
    return covered


def test_every_personal_looking_field_is_declared_or_exempted_with_a_reason():
    missing = []
    for model in _our_models():
        # A proxy shares its table, and so its declarations, with its concrete model.
        covered = _covered(model) | _covered(model._meta.concrete_model)
        for field in model._meta.get_fields():
            if _looks_personal(field) and field.name not in covered:
                missing.append(f"{model._meta.label}.{field.name}")
    assert not missing, (
        "Declare these in the app's privacy.py, or exempt them with a "
        "reason:\n" + "\n".join(sorted(missing))
    )


def test_every_declaration_names_real_fields_and_paths():
    for declaration in registry.declarations():
        model = declaration.model_class
        names = {f.name for f in model._meta.get_fields()}
        for name in (*declaration.fields, *declaration.files):
            assert name in names or hasattr(model, name), f"{declaration.model}.{name}"
        for path in (declaration.clock_field, declaration.user_path, declaration.email_path):
            if path:  # compiling the lookup fails on a path that does not exist
                str(model._default_manager.filter(**{f"{path}__isnull": True}).query)


def test_every_exemption_has_a_reason():
    assert all(exemption.reason.strip() for exemption in registry.exemptions())
