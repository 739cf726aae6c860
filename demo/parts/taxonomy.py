from taxonomy.importer import import_default
from taxonomy.models import Municipality


def seed(ctx):
    if Municipality.objects.exists():
        return
    result, source = import_default()
    ctx.out.write(
        f"  taxonomy from {source}: {result.municipalities} municipalities, "
        f"{result.occupations} occupations"
    )
