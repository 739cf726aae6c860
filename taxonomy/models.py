"""Places and occupations: the shared vocabulary of ads, search, profiles and alerts.

Codes follow SCB (counties, municipalities) and SSYK 2012 as JobTech publishes it, with
JobTech's concept ids kept so ads can be published to Platsbanken later. Rows come from
`manage.py import_taxonomy`, never typed in.

The tables keep the names they had when these models lived in jobs/ (`jobs_county`, ...):
the ads' search trigger (jobs migration 0005) reads `jobs_occupation` by name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=60)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    concept_id = models.CharField(_("JobTech concept id"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        db_table = "jobs_county"
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    seat_name = models.CharField(_("seat"), max_length=60, blank=True)
    concept_id = models.CharField(_("JobTech concept id"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        db_table = "jobs_municipality"
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class OccupationGroup(models.Model):
    """A node of SSYK 2012: levels 1 to 4 (ads are coded at level 4 through an Occupation)."""

    code = models.CharField(_("SSYK code"), max_length=4, unique=True)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    concept_id = models.CharField(_("JobTech concept id"), max_length=20, blank=True)

    class Meta:
        ordering = ["code"]
        db_table = "jobs_occupationgroup"
        verbose_name = _("occupation group")
        verbose_name_plural = _("occupation groups")

    def __str__(self):
        return f"{self.code} {self.name}"


class Occupation(models.Model):
    """A JobTech occupation name (yrkesbenämning), e.g. "Systemutvecklare"."""

    name = models.CharField(_("name"), max_length=200)
    group = models.ForeignKey(
        OccupationGroup,
        on_delete=models.PROTECT,
        related_name="occupations",
        verbose_name=_("occupation group"),
    )
    concept_id = models.CharField(_("JobTech concept id"), max_length=20, unique=True)

    class Meta:
        ordering = ["name"]
        db_table = "jobs_occupation"
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self):
        return self.name
