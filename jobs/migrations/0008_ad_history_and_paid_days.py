"""The ad's change history and its moderation view move here from companies: the history
table is renamed (companies_adrevision -> jobs_adrevision) and the content types follow, so
staff permissions are kept. The ad also remembers the days its current order paid for,
filled from each ad's latest order."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ("adrevision", "moderatedad")


def move_content_types(apps, schema_editor, source="companies", target="jobs"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label=source, model__in=MOVED).update(
        app_label=target
    )


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="jobs", target="companies")


def fill_paid_days(apps, schema_editor):
    Ad = apps.get_model("jobs", "Ad")
    Order = apps.get_model("companies", "Order")
    db = schema_editor.connection.alias
    latest = Order.objects.using(db).filter(ad=models.OuterRef("pk")).order_by("-created_at", "-id")
    Ad.objects.using(db).filter(orders__isnull=False).update(
        paid_days=models.Subquery(latest.values("days")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('companies', '0004_ad_history_moves_to_jobs'),
        ('jobs', '0007_taxonomy_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AdRevision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('created', 'Written'), ('edited', 'Edited'), ('ordered', 'Ordered'), ('published', 'Published'), ('withdrawn', 'Withdrawn'), ('filled', 'Marked as filled'), ('taken_down', 'Taken down by staff'), ('sent_to_review', 'Sent to review')], max_length=20, verbose_name='change')),
                        ('changes', models.JSONField(blank=True, default=dict, verbose_name='changed fields')),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='changed at')),
                        ('ad', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='jobs.ad', verbose_name='ad')),
                        ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                    ],
                    options={
                        'db_table': 'companies_adrevision',
                        'verbose_name': 'ad change',
                        'verbose_name_plural': 'ad changes',
                        'ordering': ['-changed_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='ModeratedAd',
                    fields=[],
                    options={
                        'verbose_name': 'ad to moderate',
                        'verbose_name_plural': 'ads to moderate',
                        'proxy': True,
                        'indexes': [],
                        'constraints': [],
                    },
                    bases=('jobs.ad',),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='adrevision', table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.AddField(
            model_name='ad',
            name='paid_days',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='paid days'),
        ),
        migrations.RunPython(fill_paid_days, migrations.RunPython.noop),
    ]
