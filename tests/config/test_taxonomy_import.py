from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from taxonomy.importer import builtin_texts
from taxonomy.models import County, Municipality, Occupation, OccupationGroup

pytestmark = pytest.mark.django_db


def _write_builtin_files(folder: Path) -> Path:
    names = {
        "counties": "counties.csv",
        "municipalities": "municipalities.csv",
        "groups": "ssyk2012_hierarchy.csv",
        "occupations": "jobtech_occupation_names.csv",
    }
    folder.mkdir()
    for key, text in builtin_texts().items():
        (folder / names[key]).write_text(text, encoding="utf-8")
    return folder


def test_import_reads_reference_files_and_is_idempotent(tmp_path):
    folder = _write_builtin_files(tmp_path / "data")
    out = StringIO()
    call_command("import_taxonomy", "--data-dir", str(folder), stdout=out)
    first = (
        County.objects.count(),
        Municipality.objects.count(),
        OccupationGroup.objects.count(),
        Occupation.objects.count(),
    )
    call_command("import_taxonomy", "--data-dir", str(folder), stdout=out)

    assert first == (
        County.objects.count(),
        Municipality.objects.count(),
        OccupationGroup.objects.count(),
        Occupation.objects.count(),
    )
    assert County.objects.count() == 21
    malmo = Municipality.objects.get(code="1280")
    assert (malmo.name, malmo.county.code, malmo.slug) == ("Malmö", "12", "malmo")
    group = Occupation.objects.get(name="Backend-utvecklare").group
    assert (group.code, group.level, group.parent.parent.parent.code) == ("2512", 4, "2")


def test_import_keeps_leading_zeros_of_codes(tmp_path):
    call_command(
        "import_taxonomy",
        "--data-dir",
        str(_write_builtin_files(tmp_path / "d")),
        stdout=StringIO(),
    )
    assert Municipality.objects.filter(code="0180", name="Stockholm").exists()
    assert County.objects.filter(code="01").exists()


def test_import_of_a_folder_without_the_files_fails_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="Missing in"):
        call_command("import_taxonomy", "--data-dir", str(tmp_path), stdout=StringIO())


def test_import_of_a_file_with_wrong_columns_fails_with_a_clear_message(tmp_path):
    folder = _write_builtin_files(tmp_path / "data")
    (folder / "counties.csv").write_text("kod,namn\n01,Stockholms län\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Expected columns"):
        call_command("import_taxonomy", "--data-dir", str(folder), stdout=StringIO())
    assert not County.objects.exists()  # nothing saved half-way
