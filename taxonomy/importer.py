"""Import counties, municipalities and occupations from files in the SCB/JobTech form.

Idempotent: rows are matched on their official code (or concept id) and updated in place, so
running it again after a new download refreshes names without touching ads.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from . import builtin
from . import cache as taxonomy_cache
from .models import County, Municipality, Occupation, OccupationGroup

FILES = {
    "counties": "counties.csv",
    "municipalities": "municipalities.csv",
    "groups": "ssyk2012_hierarchy.csv",
    "occupations": "jobtech_occupation_names.csv",
}


class TaxonomyError(Exception):
    """The reference files are missing or not in the expected form."""


@dataclass(frozen=True)
class ImportResult:
    counties: int
    municipalities: int
    groups: int
    occupations: int


def builtin_texts() -> dict[str, str]:
    return {
        "counties": builtin.COUNTIES,
        "municipalities": builtin.MUNICIPALITIES,
        "groups": builtin.OCCUPATION_GROUPS,
        "occupations": builtin.OCCUPATIONS,
    }


def directory_texts(directory: Path) -> dict[str, str]:
    missing = [name for name in FILES.values() if not (directory / name).is_file()]
    if missing:
        raise TaxonomyError(f"Missing in {directory}: {', '.join(missing)}")
    return {key: (directory / name).read_text(encoding="utf-8") for key, name in FILES.items()}


def _rows(text: str, required: set[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    if not required <= set(reader.fieldnames or ()):
        raise TaxonomyError(f"Expected columns {sorted(required)}, found {reader.fieldnames}")
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _unique_slugs(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    slugs = []
    for name in names:
        base = slugify(name) or "x"
        seen[base] = seen.get(base, 0) + 1
        slugs.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return slugs


def _upsert(model, objs, unique: str, fields: list[str]) -> None:
    model.objects.bulk_create(
        objs, update_conflicts=True, unique_fields=[unique], update_fields=fields, batch_size=500
    )


@transaction.atomic
def import_taxonomy(texts: dict[str, str]) -> ImportResult:
    counties = _rows(texts["counties"], {"code", "name", "short_name", "jobtech_concept_id"})
    slugs = _unique_slugs([c["short_name"] for c in counties])
    _upsert(
        County,
        [
            County(
                code=c["code"],
                name=c["name"],
                short_name=c["short_name"],
                slug=s,
                concept_id=c["jobtech_concept_id"],
            )
            for c, s in zip(counties, slugs, strict=True)
        ],
        "code",
        ["name", "short_name", "slug", "concept_id"],
    )
    county_ids = dict(County.objects.values_list("code", "id"))

    munis = _rows(texts["municipalities"], {"code", "name", "county_code", "lat", "lon"})
    slugs = _unique_slugs([m["name"] for m in munis])
    try:
        objs = [
            Municipality(
                code=m["code"],
                name=m["name"],
                slug=s,
                county_id=county_ids[m["county_code"]],
                latitude=m["lat"],
                longitude=m["lon"],
                seat_name=m.get("seat_name", ""),
                concept_id=m.get("jobtech_concept_id", ""),
            )
            for m, s in zip(munis, slugs, strict=True)
        ]
    except KeyError as exc:
        raise TaxonomyError(f"Municipality in unknown county {exc}") from exc
    _upsert(
        Municipality,
        objs,
        "code",
        ["name", "slug", "county", "latitude", "longitude", "seat_name", "concept_id"],
    )

    groups = _rows(texts["groups"], {"code", "level", "name_sv", "parent_code"})
    groups.sort(key=lambda g: int(g["level"]))
    for level in sorted({int(g["level"]) for g in groups}):
        parent_ids = dict(OccupationGroup.objects.values_list("code", "id"))
        _upsert(
            OccupationGroup,
            [
                OccupationGroup(
                    code=g["code"],
                    level=level,
                    name=g["name_sv"],
                    parent_id=parent_ids.get(g["parent_code"]),
                    concept_id=g.get("jobtech_concept_id", ""),
                )
                for g in groups
                if int(g["level"]) == level
            ],
            "code",
            ["level", "name", "parent", "concept_id"],
        )
    group_ids = dict(OccupationGroup.objects.filter(level=4).values_list("code", "id"))

    occupations = _rows(texts["occupations"], {"jobtech_concept_id", "name_sv", "ssyk_code"})
    _upsert(
        Occupation,
        [
            Occupation(
                name=o["name_sv"],
                group_id=group_ids[o["ssyk_code"]],
                concept_id=o["jobtech_concept_id"],
            )
            for o in occupations
            if o["ssyk_code"] in group_ids
        ],
        "concept_id",
        ["name", "group"],
    )
    # Forms, filters and their rendered option lists follow the taxonomy cache: a new
    # import shows on the next page, not an hour later.
    transaction.on_commit(taxonomy_cache.clear)
    return ImportResult(len(counties), len(munis), len(groups), len(occupations))


def import_default() -> tuple[ImportResult, str]:
    """The official files from TAXONOMY_DATA_DIR when there, else the built-in set."""
    directory = Path(settings.TAXONOMY_DATA_DIR)
    try:
        texts, source = directory_texts(directory), str(directory)
    except TaxonomyError:
        texts, source = builtin_texts(), "built-in set"
    return import_taxonomy(texts), source
