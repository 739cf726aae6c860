"""Admin pieces every app shares (config is the project, so any app may import it)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit, proof, reference data and visitor events: staff read them, nobody edits or
    deletes them by hand (retention and imports do)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
