"""PostgreSQL only: trigram indexes on users' e-mail addresses and names, for staff's search.

Admin searches people with `icontains` (`UPPER(email) LIKE UPPER('%word%')`, and the same
on the first and last names), which no B-tree answers: at 300 000 users each search read
every user twice (count and page, 0.4 s), and the applications' search (jobs/admin.py),
which finds the applicants first, read them for every page. The trigram indexes answer
from the index (pg_trgm ships with PostgreSQL and is a trusted extension; jobs' migration
0014 creates it too).
"""

from django.db import migrations

from config.postgres_sql import run_on_postgres

FORWARD = r"""
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX accounts_user_email_trgm ON accounts_user USING gin (UPPER(email) gin_trgm_ops);
CREATE INDEX accounts_user_first_name_trgm
  ON accounts_user USING gin (UPPER(first_name) gin_trgm_ops);
CREATE INDEX accounts_user_last_name_trgm
  ON accounts_user USING gin (UPPER(last_name) gin_trgm_ops);
"""

BACKWARD = r"""
DROP INDEX IF EXISTS accounts_user_email_trgm;
DROP INDEX IF EXISTS accounts_user_first_name_trgm;
DROP INDEX IF EXISTS accounts_user_last_name_trgm;
"""


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_user_email_upper")]

    operations = [run_on_postgres(FORWARD, BACKWARD)]
