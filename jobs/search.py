"""Searching public ads: full text in Swedish on PostgreSQL, substrings on SQLite (development).

On PostgreSQL the query runs against the stored `search_vector` (see migration 0005) with
`websearch_to_tsquery('swedish', q)`, which accepts any user input without a syntax error
("quotes", -not, or), stems ("utvecklare" finds "utvecklaren") and ignores stop words. The
ads searched are `Ad.objects.public(now)`, which there is written for the partial indexes
that hold only live ads.

Every page costs at most two queries whatever the number of ads, a page past the end
included: one pass that keeps the ids of the COUNT_CAP + 1 first results in their order
(their number is the count), then the page's ads, by relevance on PostgreSQL with words,
newest first without words (from the partial indexes alone); newest first with words, a
count capped at COUNT_CAP and the page itself (the GIN index gives no order, so keeping
their order would mean reading every match). The count and the ids are kept in the cache
for the next pages (see RESULTS_TTL); for newest first with words, the count and the ids of
each page seen.

Measured at 1 000 000 ads (100 000 active, bench/search.py): a first search of a common word
(16 667 live matches) reads every match from the table (the GIN index gives no order and no
count: 15 ms to count them), ranks them (10 ms) and sorts the COUNT_CAP + 1 best (10 ms).
Keeping only the best 1 000 (a top-N sort, with the count from a window) saved a quarter,
and a RUM index (ranked in the index) gave the best 1 000 in 5 ms, but only in an arbitrary
order among ads of equal rank: ordered newest first among equals, as here, it read and
sorted every match again (16.5 ms; a common word has few distinct ranks), and the count
still reads every match. Neither brings a first search under 20 ms, so neither is here. The
next pages and the same search again cost one indexed load of 20 ads.
"""

import datetime
import hashlib
import json
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import connection, connections
from django.db.models import BooleanField, F, FloatField, Q
from django.utils import timezone

from config import page_cache
from config.postgres_sql import value_around
from taxonomy import cache as taxonomy_cache

from . import cards
from .compiled import Compiled
from .models import Ad
from .models.ads import TableSQL

if TYPE_CHECKING:
    from django.db.models import QuerySet

PAGE_SIZE = 20
COUNT_CAP = 10_000
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# A place chosen without a distance means around it: the search form then shows this
# distance chosen (and an alert made from it stores it); alerts stored before the form did
# so read it too.
DEFAULT_DISTANCE_KM = 25


@dataclass(frozen=True)
class Criteria:
    """A cleaned search, and the one list of the search's parameters.

    Each field is, under its own name, a query-string parameter of /jobs/, a field of
    SearchForm and a key of a job alert's stored criteria; its default is its "not set"
    value. `as_params` and `from_values` are the only ways between the three. A new filter
    is a field here and its condition in `filtered`, a SearchForm field of the same name and
    place, a value in the tests' `every_filter_set` (tests/factories/jobs.py), and the
    column it reads on Ad, which the live indexes must hold (migration 0013).
    """

    q: str = ""
    county: str = ""  # slug
    municipality: str = ""  # slug
    occupation_group: str = ""  # SSYK code, any level
    employment_type: str = ""
    extent: str = ""
    published_within: int | None = None  # days
    near: str = ""  # municipality slug
    distance_km: int | None = None  # with `near` only (DEFAULT_DISTANCE_KM if not given)
    sort: str = ""  # "relevance" | "newest" ("" = relevance with words, else newest)

    # Not filters: the words are shown on their own, the order narrows nothing.
    NOT_FILTERS = ("q", "sort")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def filter_names(cls) -> tuple[str, ...]:
        return tuple(n for n in cls.names() if n not in cls.NOT_FILTERS)

    @classmethod
    def from_values(cls, values: Mapping) -> "Criteria":
        """From a form's cleaned data or an alert's stored parameters: other keys are
        ignored, and an empty value is the field's default."""
        given: dict[str, Any] = {f.name: values.get(f.name) or f.default for f in fields(cls)}
        return cls(**given)

    def as_params(self) -> dict:
        """The criteria that are set, as query-string parameters (what an alert stores)."""
        params = ((name, getattr(self, name)) for name in self.names())
        return {name: value for name, value in params if value not in ("", None)}


def clean_query(text: str) -> str:
    """Printable text, whitespace collapsed, at most MAX_QUERY_LENGTH characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


TSQUERY = "websearch_to_tsquery('swedish'::regconfig, %s)"


def _text_postgres(qs, q):
    return qs.filter(TableSQL("{t}.search_vector @@ " + TSQUERY, (q,), output_field=BooleanField()))


# A term of the fallback: dashes that exclude it, then a "quoted phrase" (to the end if the
# quote is not closed) or a word (up to a space or a quote).
_TERM = re.compile(r'(-*)(?:"([^"]*)"?|([^\s"]+))')
# Signs around a word that are not part of it ("(kock)", "kock!", "java-"); those that can
# be ("c++", "c#", ".net") stay, and the word is then looked for with them.
_LEADING_SIGNS = "\"'([{<«“”\u2018\u2019,;:!?*-"
_TRAILING_SIGNS = _LEADING_SIGNS + ")]}>».…"


def _word(text: str) -> str:
    """The word in `text` without the signs around it; "" if it has no letter or digit."""
    word = text.lstrip(_LEADING_SIGNS).rstrip(_TRAILING_SIGNS)
    return word if any(ch.isalnum() for ch in word) else ""


def query_terms(q: str) -> list[list[tuple[bool, str]]]:
    """The query read as `websearch_to_tsquery` reads it, for the fallback: alternatives
    (split by the word "or"), each a list of (excluded, text) that must all hold. A text is
    a word or the words of a phrase; a term with no word (signs only) is no term, so a
    query with no word at all has no alternative (and finds nothing, as on PostgreSQL)."""
    alternatives: list[list[tuple[bool, str]]] = [[]]
    for count, match in enumerate(_TERM.finditer(q)):
        dashes, phrase, word = match.groups()
        if count >= MAX_WORDS:
            break
        if phrase is None and not dashes and word.lower() == "or":
            alternatives.append([])
        elif text := " ".join(filter(None, map(_word, (phrase or word or "").split()))):
            alternatives[-1].append((bool(dashes), text))
    return [terms for terms in alternatives if terms]


def _contains(text: str) -> Q:
    return (
        Q(title__icontains=text) | Q(description__icontains=text) | Q(company__name__icontains=text)
    )


def _text_fallback(qs, q):
    """Substrings instead of stemmed words (SQLite, for development), read as on PostgreSQL
    (`query_terms`)."""
    alternatives = query_terms(q)
    if not alternatives:
        return qs.none()
    either = Q()
    for terms in alternatives:
        every = Q()
        for excluded, text in terms:
            every &= ~_contains(text) if excluded else _contains(text)
        either |= every
    return qs.filter(either)


def _municipality_ids(criteria: Criteria):
    """The municipalities the place filters allow (None: no place filter)."""
    taxonomy = taxonomy_cache.get()
    allowed = None
    if criteria.near:
        place = taxonomy.municipality_by_slug(criteria.near)
        if place:
            km = criteria.distance_km or DEFAULT_DISTANCE_KM
            allowed = set(taxonomy.municipality_ids_near(place, km))
    if criteria.municipality:
        place = taxonomy.municipality_by_slug(criteria.municipality)
        if place:
            allowed = {place.id} if allowed is None else allowed & {place.id}
    elif criteria.county:
        county = taxonomy.county_by_slug(criteria.county)
        if county:
            ids = set(taxonomy.municipality_ids_in(county[0]))
            allowed = ids if allowed is None else allowed & ids
    return None if allowed is None else sorted(allowed)


def filtered(criteria: Criteria, *, now: datetime.datetime):
    """Public ads matching the criteria (not ordered, no text rank)."""
    qs = Ad.objects.public(now)
    ids = _municipality_ids(criteria)
    if ids is not None:
        qs = qs.filter(municipality_id__in=ids)
    if criteria.occupation_group:
        # The group's occupations as ids, like the places: a join to the groups made the
        # planner think a major group ("2") held two occupations (it holds 850), and with
        # words it built the text's bitmap once per occupation (1.1 s instead of 13 ms).
        occupations = taxonomy_cache.get().occupation_ids_in(criteria.occupation_group)
        qs = qs.filter(occupation_id__in=occupations)
    if criteria.employment_type:
        qs = qs.filter(employment_type=criteria.employment_type)
    if criteria.extent:
        qs = qs.filter(extent=criteria.extent)
    if criteria.published_within:
        qs = qs.filter(published_at__gte=now - datetime.timedelta(days=criteria.published_within))
    if criteria.q:
        qs = _text_postgres(qs, criteria.q) if is_postgres() else _text_fallback(qs, criteria.q)
    return qs


def ordered(qs):
    """Newest first (relevance is `_ranked_ids`'s, on PostgreSQL only)."""
    return qs.order_by("-published_at", "-id")


@dataclass
class Results:
    ads: list
    count: int
    capped: bool
    number: int
    num_pages: int

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def start_index(self):
        return (self.number - 1) * PAGE_SIZE + 1 if self.ads else 0

    @property
    def end_index(self):
        return (self.number - 1) * PAGE_SIZE + len(self.ads)


def page_number(value) -> int:
    try:
        return max(1, min(int(str(value)[:6]), COUNT_CAP // PAGE_SIZE))
    except (TypeError, ValueError):
        return 1


def public_rows(ids, now) -> list[cards.Row]:
    """The page's results, in the order of `ids`: ads still public at `now`, read as the
    rows their cards show (jobs/cards.py)."""
    if not ids:
        return []
    if is_postgres():
        found = cards.rows_of(_LOAD.run(ids=ids, now=now))
    else:
        found = cards.rows_of(_load_query(ids=ids, now=now))
    by_id = {row.pk: row for row in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def _load_query(*, ids, now):
    # On PostgreSQL the ids are one parameter (an array), so that the SQL is the same for
    # any number of them (compiled once, see jobs/compiled.py).
    if is_postgres():
        by_id = TableSQL("{t}.id = ANY(%s)", (ids,), output_field=BooleanField())
    else:
        by_id = Q(pk__in=ids)
    ads = Ad.objects.public(now).filter(by_id).with_restrictions()
    return ads.values_list(*cards.ROW_FIELDS)


_LOAD = Compiled(Ad, _load_query)


RANK = "ts_rank({t}.search_vector, " + TSQUERY + ")"


def _ranked_ids(qs, q) -> list[int]:
    """Relevance, with bounded work: the ids of the COUNT_CAP + 1 best matches, best first
    (their number is the count, capped as everywhere). The GIN index cannot hand out
    matches in any order, so each match is read once, as a count needs anyway, and ranked
    as it is read (the module's docstring has the measures); only the COUNT_CAP + 1 best
    are kept and sorted (narrow rows, in memory), so the top is exactly that of a full
    ranking."""
    best = (
        qs.order_by()
        .annotate(rank=TableSQL(RANK, (q,), output_field=FloatField()))
        .order_by(F("rank").desc(), "-published_at", "-id")
        .values_list("id", flat=True)[: COUNT_CAP + 1]
    )
    return _id_list(best)


def newest_ids(qs, limit: int = COUNT_CAP + 1) -> list[int]:
    """Newest first without words: the ids of the `limit` newest, read from the partial
    index of the filter (as cheap as counting them, measured: 1.9 ms against 2.1 for every
    live ad), so that the next pages need not build and join the query again. Also the
    home page's newest (jobs/counts.py)."""
    return _id_list(ordered(qs).values_list("pk", flat=True)[:limit])


def _id_list(ids: "QuerySet[Ad, int]") -> list[int]:
    """What the sliced, ordered `values_list("pk", flat=True)` query `ids` returns, in its
    order. On PostgreSQL as one array value (`ARRAY(subquery)` keeps the subquery's order),
    not one row per id: 10 001 ids took 1.2 ms instead of 2.6 read as rows through the ORM,
    and the common word's ranking 13.5 instead of 16.7 (bench/search.py's database)."""
    if connections[ids.db].vendor != "postgresql":
        return list(ids)
    return value_around(ids, "SELECT ARRAY(", ")", nothing=[])


def _newest_page(qs, start):
    """The page's ids are picked from the index alone (a sliced subquery), then joined to
    company and municipality: joining first made the last page (OFFSET 9 980) take 0.4 s."""
    ids = ordered(qs).values("pk")[start : start + PAGE_SIZE]
    return cards.rows(ordered(Ad.objects.filter(pk__in=ids)).with_restrictions())


# Results kept in the cache, so that the next pages and the same search by others cost
# one query: the count and, but for newest first with words, the ids in their order (at
# most COUNT_CAP + 1: 80 kB packed, for the searches with that many results; newest first
# with words keeps each page's ids as it is seen, `_newest_page_kept`). They belong
# to the generation of kept public content (config/page_cache.py), so they are forgotten
# when an ad is saved or deleted (as are the pages kept whole; the sweep needs no write: the
# ads it takes out of the index had already left the results by their end), and expire
# after RESULTS_TTL seconds whatever happens (an ad whose end passes without a write stays
# counted until then, but a page never shows it: `public_rows` asks for public ads).
RESULTS_TTL = 60  # seconds


def _results_key(criteria: Criteria) -> str:
    params = json.dumps(criteria.as_params(), sort_keys=True)
    return "search:results:v5:" + hashlib.sha256(params.encode()).hexdigest()


def _packed(ids: list[int]) -> bytes:
    """Kept ids as 8-byte integers: a page's read unpickles bytes, not a list of up to
    10 001 ints (0.17 ms), and takes out only its own."""
    return array("q", ids).tobytes()


def _unpacked(packed: bytes, start: int, stop: int) -> list[int]:
    return array("q", packed[start * 8 : stop * 8]).tolist()


def kept(key: str, generation: str | None = None) -> tuple[str, Any]:
    """(generation, value): the current generation of kept public content, and what is kept
    under `key` if it was kept in this generation (else None), read together. Also the home
    page's figures (jobs/counts.py). A page kept whole holds no longer than what it read.
    Given the `generation` this request already read (a search's page beside its count),
    only `key` is read."""
    if generation is None:
        values = cache.get_many([page_cache.GENERATION_KEY, key])
        generation = values.get(page_cache.GENERATION_KEY) or page_cache.generation()
        entry = values.get(key)
    else:
        entry = cache.get(key)
    if entry is not None and entry[0] == generation:
        page_cache.fresh_until(entry[2])
        return generation, entry[1]
    return generation, None


def keep(key: str, generation: str, value: Any, timeout: int) -> None:
    """Keep `value` under `key` for the generation it was computed in, with its expiry."""
    expires = timezone.now() + datetime.timedelta(seconds=timeout)
    page_cache.fresh_until(expires)
    cache.set(key, (generation, value, expires), timeout)


def _clamp(number: int, count: int) -> int:
    """The page to show: a page past the end is the last page."""
    return min(number, max(1, -(-min(count, COUNT_CAP) // PAGE_SIZE)))


def _results(criteria: Criteria, qs, by_relevance: bool) -> tuple[int, bytes | None]:
    """(count, the ids in their order, packed; None for newest first with words)."""
    if by_relevance:
        ids = _ranked_ids(qs, criteria.q)
    elif not criteria.q:
        ids = newest_ids(qs)
    else:
        return qs.order_by().values("pk")[: COUNT_CAP + 1].count(), None
    return len(ids), _packed(ids)


def _newest_page_kept(criteria: Criteria, qs, key: str, number: int, generation: str, now):
    """Newest first with words: the page's own ids are kept beside the count (their whole
    order is not, see the module's docstring), so that the page seen again, or made again
    for another cookie choice or process, is one compiled load like the other orders."""
    page_key = f"{key}:page:{number}"
    _, page_ids = kept(page_key, generation)
    if page_ids is not None:
        return public_rows(list(page_ids), now)
    start = (number - 1) * PAGE_SIZE
    ads = _newest_page(filtered(criteria, now=now) if qs is None else qs, start)
    keep(page_key, generation, tuple(row.pk for row in ads), RESULTS_TTL)
    return ads


def search(criteria: Criteria, *, page=1, now: datetime.datetime) -> Results:
    """One page of results in at most two queries, whatever the number of ads and the page
    (a page past the end is the last page, from the same queries; see the module's
    docstring). The count and the ids are kept for the next pages (one query each); a kept
    result with ids does not build the filtered queryset at all."""
    number = page_number(page)
    key = _results_key(criteria)
    generation, found = kept(key)
    by_relevance = bool(is_postgres() and criteria.q and criteria.sort != "newest")
    qs = None
    if found is None:
        qs = filtered(criteria, now=now)
        found = _results(criteria, qs, by_relevance)
        keep(key, generation, found, RESULTS_TTL)
    count, ids = found
    number = _clamp(number, count)
    start = (number - 1) * PAGE_SIZE
    if not count:
        ads = []
    elif ids is not None:
        ads = public_rows(_unpacked(ids, start, start + PAGE_SIZE), now)
    else:
        ads = _newest_page_kept(criteria, qs, key, number, generation, now)
    capped = count > COUNT_CAP
    count = min(count, COUNT_CAP)
    num_pages = max(1, -(-count // PAGE_SIZE))
    return Results(
        ads=ads, count=count, capped=capped, number=min(number, num_pages), num_pages=num_pages
    )
