"""The taxonomy models leave jobs for their own app (state only: the tables keep their
names); their content types follow, so staff permissions on them are kept."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("county", "municipality", "occupationgroup", "occupation")


def move_content_types(apps, schema_editor, source="jobs", target="taxonomy"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label=source, model__in=MOVED).update(
        app_label=target
    )


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="taxonomy", target="jobs")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('jobs', '0006_search_indexes_cover_ends_at'),
        ('taxonomy', '0001_initial'),
        ('accounts', '0004_taxonomy_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='ad',
                    name='municipality',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ads', to='taxonomy.municipality', verbose_name='municipality'),
                ),
                migrations.AlterField(
                    model_name='ad',
                    name='occupation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ads', to='taxonomy.occupation', verbose_name='occupation'),
                ),
                migrations.DeleteModel(name='Occupation'),
                migrations.DeleteModel(name='OccupationGroup'),
                migrations.DeleteModel(name='Municipality'),
                migrations.DeleteModel(name='County'),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
