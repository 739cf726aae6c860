"""The profile's places and occupations now point at the taxonomy app (state only: the
tables and columns are unchanged)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_seekerprofile'),
        ('taxonomy', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='seekerprofile',
                    name='municipalities',
                    field=models.ManyToManyField(blank=True, related_name='interested_seekers', to='taxonomy.municipality', verbose_name='where I want to work'),
                ),
                migrations.AlterField(
                    model_name='seekerprofile',
                    name='occupations',
                    field=models.ManyToManyField(blank=True, related_name='interested_seekers', to='taxonomy.occupation', verbose_name='occupations I am interested in'),
                ),
            ],
            database_operations=[],
        ),
    ]
