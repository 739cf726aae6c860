"""Consent records written before privacy.network.truncate_ip (job-alert consents kept the
full address): each stored address becomes its network, as the notice says. Irreversible by
design: the full addresses are gone."""

import ipaddress

from django.db import migrations


def _network(ip):
    # A copy of privacy.network.truncate_ip as it is today (migrations never import app code).
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def truncate(apps, schema_editor):
    ConsentRecord = apps.get_model("privacy", "ConsentRecord")
    stored = ConsentRecord.objects.exclude(ip_address=None).values_list("pk", "ip_address")
    for pk, ip in stored.iterator(chunk_size=2000):
        network = _network(str(ip))
        if network != str(ip):
            ConsentRecord.objects.filter(pk=pk).update(ip_address=network)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0011_audit_ad_draft_deleted")]

    operations = [migrations.RunPython(truncate, migrations.RunPython.noop)]
