"""Places and occupations are imported (`manage.py import_taxonomy`), never typed in."""

from django.contrib import admin

from config.admin import ReadOnlyAdmin

from .models import County, Municipality, Occupation, OccupationGroup


@admin.register(County)
class CountyAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "slug")
    search_fields = ("name", "code")
    readonly_fields = ("name", "code", "short_name", "slug", "concept_id")
    list_filter = ()


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "county")
    list_filter = ("county",)
    search_fields = ("name", "code")
    readonly_fields = ("name", "code", "slug", "county", "latitude", "longitude")


@admin.register(OccupationGroup)
class OccupationGroupAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("code", "name", "level", "parent", "concept_id")


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ("name", "group")
    search_fields = ("name", "group__code")
    raw_id_fields = ("group",)
    readonly_fields = ("name", "group", "concept_id")
