"""Full-text search on PostgreSQL: a stored tsvector, a "live" flag and partial indexes.

Only on PostgreSQL (SQLite searches with icontains). Both columns are written by a trigger,
not by Django (they are not model fields):

- search_vector: title (weight A), occupation and company name (B), description (C), in
  the `swedish` configuration; recomputed when one of those changes or it is NULL.
- search_live: status is published and ends_at is in the future, as of the last write. A
  beat task (jobs.tasks.sweep_search_index) re-writes rows whose end has passed, so the
  partial indexes below hold the active ads only (100 000 of 1 000 000). Queries always
  test ends_at too: the flag only keeps the indexes small, it never decides visibility.
"""

from django.db import migrations

from config.postgres_sql import run_on_postgres

FORWARD = r"""
ALTER TABLE jobs_ad ADD COLUMN search_vector tsvector;
ALTER TABLE jobs_ad ADD COLUMN search_live boolean NOT NULL DEFAULT false;

CREATE FUNCTION jobs_ad_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.search_vector IS NULL
     OR NEW.title IS DISTINCT FROM OLD.title
     OR NEW.description IS DISTINCT FROM OLD.description
     OR NEW.company_id IS DISTINCT FROM OLD.company_id
     OR NEW.occupation_id IS DISTINCT FROM OLD.occupation_id THEN
    NEW.search_vector :=
      setweight(to_tsvector('swedish'::regconfig, coalesce(NEW.title, '')), 'A') ||
      setweight(to_tsvector('swedish'::regconfig, coalesce(
        (SELECT name FROM jobs_occupation WHERE id = NEW.occupation_id), '')), 'B') ||
      setweight(to_tsvector('swedish'::regconfig, coalesce(
        (SELECT name FROM companies_company WHERE id = NEW.company_id), '')), 'B') ||
      setweight(to_tsvector('swedish'::regconfig, coalesce(NEW.description, '')), 'C');
  END IF;
  NEW.search_live := NEW.status = 'published' AND NEW.ends_at IS NOT NULL
                     AND NEW.ends_at > now();
  RETURN NEW;
END
$$;

CREATE TRIGGER jobs_ad_search BEFORE INSERT OR UPDATE ON jobs_ad
  FOR EACH ROW EXECUTE FUNCTION jobs_ad_search_update();

UPDATE jobs_ad SET search_vector = NULL;

CREATE INDEX jobs_ad_live_search ON jobs_ad USING gin (search_vector) WHERE search_live;
CREATE INDEX jobs_ad_live_newest ON jobs_ad (published_at DESC, id DESC) WHERE search_live;
CREATE INDEX jobs_ad_live_place ON jobs_ad (municipality_id, published_at DESC)
  WHERE search_live;
CREATE INDEX jobs_ad_live_occupation ON jobs_ad (occupation_id, published_at DESC)
  WHERE search_live;
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS jobs_ad_search ON jobs_ad;
DROP FUNCTION IF EXISTS jobs_ad_search_update();
ALTER TABLE jobs_ad DROP COLUMN IF EXISTS search_vector;
ALTER TABLE jobs_ad DROP COLUMN IF EXISTS search_live;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0004_jobalert_applyclick_jobalertsentad"),
        ("companies", "0001_initial"),
    ]

    operations = [run_on_postgres(FORWARD, BACKWARD)]
