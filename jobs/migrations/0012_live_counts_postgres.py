"""PostgreSQL only: the number of live ads per municipality, kept by the database itself.

The home page shows the active ads per county. Counting them meant reading every live ad's
entry in the index (22 ms at 100 000 active ads, and growing with them); now a table holds
the number of rows with `search_live` per municipality (migration 0005), kept exact by
statement triggers on jobs_ad: each INSERT, UPDATE or DELETE adds what it changed, summed
over the rows it touched (one upsert per municipality changed, in the order of their ids so
that two writers lock them in the same order), and a TRUNCATE empties it. Ads still flagged
live that are not public at the moment asked (ended since the last sweep, or published
later) are few and found through `jobs_ad_live_ends` (from the index alone) and
`jobs_ad_live_newest`; jobs/counts.py subtracts them, so the figures are those of
`Ad.objects.public(now)`.
"""

from django.db import migrations

from config.postgres_sql import run_on_postgres

FORWARD = r"""
CREATE TABLE jobs_live_count (
  municipality_id bigint PRIMARY KEY,
  n integer NOT NULL
);

CREATE FUNCTION jobs_live_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM jobs_live_count;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO jobs_live_count AS c (municipality_id, n)
      SELECT municipality_id, count(*) FROM new_ads WHERE search_live
      GROUP BY municipality_id ORDER BY municipality_id
      ON CONFLICT (municipality_id) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO jobs_live_count AS c (municipality_id, n)
      SELECT municipality_id, -count(*) FROM old_ads WHERE search_live
      GROUP BY municipality_id ORDER BY municipality_id
      ON CONFLICT (municipality_id) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSE
    INSERT INTO jobs_live_count AS c (municipality_id, n)
      SELECT municipality_id, sum(change) FROM (
        SELECT municipality_id, 1 AS change FROM new_ads WHERE search_live
        UNION ALL
        SELECT municipality_id, -1 FROM old_ads WHERE search_live
      ) AS changes
      GROUP BY municipality_id HAVING sum(change) <> 0 ORDER BY municipality_id
      ON CONFLICT (municipality_id) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER jobs_ad_live_count_insert AFTER INSERT ON jobs_ad
  REFERENCING NEW TABLE AS new_ads
  FOR EACH STATEMENT EXECUTE FUNCTION jobs_live_count_change();
CREATE TRIGGER jobs_ad_live_count_update AFTER UPDATE ON jobs_ad
  REFERENCING OLD TABLE AS old_ads NEW TABLE AS new_ads
  FOR EACH STATEMENT EXECUTE FUNCTION jobs_live_count_change();
CREATE TRIGGER jobs_ad_live_count_delete AFTER DELETE ON jobs_ad
  REFERENCING OLD TABLE AS old_ads
  FOR EACH STATEMENT EXECUTE FUNCTION jobs_live_count_change();
CREATE TRIGGER jobs_ad_live_count_truncate AFTER TRUNCATE ON jobs_ad
  FOR EACH STATEMENT EXECUTE FUNCTION jobs_live_count_change();

CREATE INDEX jobs_ad_live_ends ON jobs_ad (ends_at) INCLUDE (municipality_id) WHERE search_live;

INSERT INTO jobs_live_count (municipality_id, n)
  SELECT municipality_id, count(*) FROM jobs_ad WHERE search_live GROUP BY municipality_id;
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS jobs_ad_live_count_insert ON jobs_ad;
DROP TRIGGER IF EXISTS jobs_ad_live_count_update ON jobs_ad;
DROP TRIGGER IF EXISTS jobs_ad_live_count_delete ON jobs_ad;
DROP TRIGGER IF EXISTS jobs_ad_live_count_truncate ON jobs_ad;
DROP FUNCTION IF EXISTS jobs_live_count_change();
DROP INDEX IF EXISTS jobs_ad_live_ends;
DROP TABLE IF EXISTS jobs_live_count;
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0011_alert_double_opt_in")]

    operations = [run_on_postgres(FORWARD, BACKWARD)]
