"""PostgreSQL only: the partial indexes on active ads carry ends_at, so counts, newest-first
pages and the per-region counts of the home page are answered from the index alone."""

from django.db import migrations

from config.postgres_sql import run_on_postgres

FORWARD = r"""
DROP INDEX IF EXISTS jobs_ad_live_newest;
DROP INDEX IF EXISTS jobs_ad_live_place;
DROP INDEX IF EXISTS jobs_ad_live_occupation;
CREATE INDEX jobs_ad_live_newest ON jobs_ad (published_at DESC, id DESC) INCLUDE (ends_at)
  WHERE search_live;
CREATE INDEX jobs_ad_live_place ON jobs_ad (municipality_id, published_at DESC, id DESC)
  INCLUDE (ends_at) WHERE search_live;
CREATE INDEX jobs_ad_live_occupation ON jobs_ad (occupation_id, published_at DESC, id DESC)
  INCLUDE (ends_at) WHERE search_live;
"""

BACKWARD = r"""
DROP INDEX IF EXISTS jobs_ad_live_newest;
DROP INDEX IF EXISTS jobs_ad_live_place;
DROP INDEX IF EXISTS jobs_ad_live_occupation;
CREATE INDEX jobs_ad_live_newest ON jobs_ad (published_at DESC, id DESC) WHERE search_live;
CREATE INDEX jobs_ad_live_place ON jobs_ad (municipality_id, published_at DESC)
  WHERE search_live;
CREATE INDEX jobs_ad_live_occupation ON jobs_ad (occupation_id, published_at DESC)
  WHERE search_live;
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0005_search_vector_postgres")]

    operations = [run_on_postgres(FORWARD, BACKWARD)]
