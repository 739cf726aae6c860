"""PostgreSQL only: the partial indexes on active ads carry ends_at, so counts, newest-first
pages and the per-region counts of the home page are answered from the index alone."""

from django.db import migrations

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


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0005_search_vector_postgres")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
