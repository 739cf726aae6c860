"""The taxonomy models move from jobs/ to their own app; their tables stay as they are
(state only here, see taxonomy/models.py)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('jobs', '0006_search_indexes_cover_ends_at'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='County',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=2, unique=True, verbose_name='code')),
                        ('name', models.CharField(max_length=60, verbose_name='name')),
                        ('short_name', models.CharField(max_length=40, verbose_name='short name')),
                        ('slug', models.SlugField(max_length=60, unique=True, verbose_name='slug')),
                        ('concept_id', models.CharField(blank=True, max_length=20, verbose_name='JobTech concept id')),
                    ],
                    options={
                        'db_table': 'jobs_county',
                        'verbose_name': 'county',
                        'verbose_name_plural': 'counties',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Municipality',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=4, unique=True, verbose_name='code')),
                        ('name', models.CharField(max_length=60, verbose_name='name')),
                        ('slug', models.SlugField(max_length=60, unique=True, verbose_name='slug')),
                        ('latitude', models.DecimalField(decimal_places=5, max_digits=8, verbose_name='latitude')),
                        ('longitude', models.DecimalField(decimal_places=5, max_digits=8, verbose_name='longitude')),
                        ('seat_name', models.CharField(blank=True, max_length=60, verbose_name='seat')),
                        ('concept_id', models.CharField(blank=True, max_length=20, verbose_name='JobTech concept id')),
                        ('county', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='municipalities', to='taxonomy.county', verbose_name='county')),
                    ],
                    options={
                        'db_table': 'jobs_municipality',
                        'verbose_name': 'municipality',
                        'verbose_name_plural': 'municipalities',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='OccupationGroup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=4, unique=True, verbose_name='SSYK code')),
                        ('level', models.PositiveSmallIntegerField(verbose_name='level')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('concept_id', models.CharField(blank=True, max_length=20, verbose_name='JobTech concept id')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='taxonomy.occupationgroup', verbose_name='parent')),
                    ],
                    options={
                        'db_table': 'jobs_occupationgroup',
                        'verbose_name': 'occupation group',
                        'verbose_name_plural': 'occupation groups',
                        'ordering': ['code'],
                    },
                ),
                migrations.CreateModel(
                    name='Occupation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('concept_id', models.CharField(max_length=20, unique=True, verbose_name='JobTech concept id')),
                        ('group', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='occupations', to='taxonomy.occupationgroup', verbose_name='occupation group')),
                    ],
                    options={
                        'db_table': 'jobs_occupation',
                        'verbose_name': 'occupation',
                        'verbose_name_plural': 'occupations',
                        'ordering': ['name'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
