"""PostgreSQL only: an ad's search vector follows its company's name.

The ad's trigger (migration 0005) builds the vector from the title, the occupation, the
company's name and the description, but it runs on writes of the ad alone: a company
renamed (by its owner, in admin, or a sole trader's name anonymised when rule
contacts.partner ends: the name is the person's own) left its ads findable by the old name.
Now a trigger on the company's name empties the vectors of its ads, which the ad's trigger
then rebuilds in the same statement. A trigger, not code in the rename's path: it covers
every path, admin and bulk UPDATEs included.

The live ads (the only ones a search reads) are rebuilt once here, for renames made before.
"""

from django.db import migrations

from config.postgres_sql import run_on_postgres

FORWARD = r"""
CREATE FUNCTION jobs_company_name_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE jobs_ad SET search_vector = NULL WHERE company_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER jobs_company_name_search AFTER UPDATE OF name ON companies_company
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION jobs_company_name_search_update();

UPDATE jobs_ad SET search_vector = NULL WHERE search_live;
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS jobs_company_name_search ON companies_company;
DROP FUNCTION IF EXISTS jobs_company_name_search_update();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0018_ad_form_token"),
        ("companies", "0005_company_page_and_logo"),
    ]

    operations = [run_on_postgres(FORWARD, BACKWARD)]
