from django.db import migrations, models

# The reason privacy.subjects.erase wrote on the restriction it placed before this field.
ERASURE_REASON = "Erasure: data kept by law is restricted"


def give_erasure_restrictions_a_clock(apps, schema_editor):
    """Restrictions placed by an erasure had no clock: count from the erasure."""
    Restriction = apps.get_model("privacy", "Restriction")
    for restriction in Restriction.objects.filter(reason=ERASURE_REASON, kept_until=None):
        restriction.kept_until = restriction.created_at
        restriction.save(update_fields=["kept_until"])


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0007_auditentry_records_erased"),
    ]

    operations = [
        migrations.AddField(
            model_name="restriction",
            name="kept_until",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="data kept by law until"
            ),
        ),
        migrations.RunPython(give_erasure_restrictions_a_clock, migrations.RunPython.noop),
    ]
