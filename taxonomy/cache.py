"""The taxonomy as plain tuples, cached: forms, filters and distances read it on every page.

Counties, municipalities, occupation groups and occupations change only when
`import_taxonomy` runs.
Each process keeps the loaded taxonomy in memory (the "memo" cache, config/memo_cache.py),
valid while its version in the shared cache is unchanged (until `clear()` after an import;
the version a first load makes also lapses after TIMEOUT): a page reads a short string from
the cache instead of unpickling a thousand rows.
The search form's rendered option lists live as long as the taxonomy object (jobs/forms.py),
so a process that loaded it again would render them again too.
"""

import math
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import caches

from config import page_cache

from .models import County, Municipality, Occupation, OccupationGroup

KEY = "taxonomy"
TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    slug: str
    county_id: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Taxonomy:
    counties: tuple  # (id, name, slug)
    municipalities: tuple[Place, ...]
    groups: tuple  # (code, name, level) of SSYK levels 1-4
    occupations: tuple  # (id, SSYK code of its group, level 4)

    def county_by_slug(self, slug):
        return next((c for c in self.counties if c[2] == slug), None)

    def municipality_by_slug(self, slug):
        return next((m for m in self.municipalities if m.slug == slug), None)

    def municipality_ids_in(self, county_id):
        return [m.id for m in self.municipalities if m.county_id == county_id]

    def municipality_ids_near(self, place: Place, km: float):
        return [m.id for m in self.municipalities if distance_km(place, m) <= km]

    def occupation_ids_in(self, code: str) -> list[int]:
        """The occupations of the SSYK group `code` (any level) and of the groups under it."""
        return self._occupation_ids_by_group.get(code, [])

    @cached_property
    def _occupation_ids_by_group(self) -> dict[str, list[int]]:
        """Each group's code, of every level, to its occupations (a code's prefixes are the
        codes of the groups above it: 2512 is under 251, 25 and 2)."""
        by_group: dict[str, list[int]] = {}
        for pk, code in self.occupations:
            for length in range(1, len(code) + 1):
                by_group.setdefault(code[:length], []).append(pk)
        return by_group

    @cached_property
    def county_choices(self):
        return [(slug, name) for _pk, name, slug in self.counties]

    @cached_property
    def municipality_choices(self):
        return [(m.slug, m.name) for m in self.municipalities]

    @cached_property
    def group_choices(self):
        return [(code, f"{'· ' * (level - 1)}{name}") for code, name, level in self.groups]

    @cached_property
    def choice_values(self) -> dict[str, frozenset]:
        """The values of each kind of choices above, by its name, as sets (for checking)."""
        kinds = ("county_choices", "municipality_choices", "group_choices")
        return {kind: frozenset(v for v, _label in getattr(self, kind)) for kind in kinds}


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two centre points (haversine)."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def load() -> Taxonomy:
    return Taxonomy(
        counties=tuple(County.objects.order_by("name").values_list("id", "name", "slug")),
        municipalities=tuple(
            Place(id=pk, name=name, slug=slug, county_id=county, lat=float(lat), lon=float(lon))
            for pk, name, slug, county, lat, lon in Municipality.objects.order_by(
                "name"
            ).values_list("id", "name", "slug", "county_id", "latitude", "longitude")
        ),
        groups=tuple(OccupationGroup.objects.order_by("code").values_list("code", "name", "level")),
        occupations=tuple(Occupation.objects.order_by("pk").values_list("pk", "group__code")),
    )


def get() -> Taxonomy:
    memo = caches["memo"]
    taxonomy = memo.get(KEY)
    if taxonomy is None:
        taxonomy = load()
        if taxonomy.counties:  # not before the first import
            memo.set(KEY, taxonomy, TIMEOUT)
    return taxonomy


def clear() -> None:
    """After an import: every process loads the taxonomy afresh, and the pages kept whole
    (which show its names) go."""
    caches["memo"].delete(KEY)
    page_cache.forget()
