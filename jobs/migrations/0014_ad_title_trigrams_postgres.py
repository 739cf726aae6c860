"""PostgreSQL only: a trigram index on ads' titles, for staff's search in the moderation list.

Admin searches with `icontains`, `UPPER(title) LIKE UPPER('%word%')`, which no B-tree can
answer: at 1 000 000 ads the list read the whole table twice (count and page, 0.9 s). The
trigram index answers it from the index (pg_trgm ships with PostgreSQL and is a trusted
extension: the database's owner may create it).
"""

from django.db import migrations

from config.postgres_sql import run_on_postgres

FORWARD = r"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX jobs_ad_title_trgm ON jobs_ad USING gin (UPPER(title) gin_trgm_ops);
"""

BACKWARD = r"""
DROP INDEX IF EXISTS jobs_ad_title_trgm;
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0013_live_indexes_cover_filters")]

    operations = [run_on_postgres(FORWARD, BACKWARD)]
