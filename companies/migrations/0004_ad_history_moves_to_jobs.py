"""The ad's change history and its moderation view move to jobs (state only here: the
table is renamed by jobs migration 0008)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('companies', '0003_products'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='ModeratedAd'),
                migrations.DeleteModel(name='AdRevision'),
            ],
            database_operations=[],
        ),
    ]
