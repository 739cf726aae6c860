"""Forms of the jobs app: search filters, applying, handling an application, job alerts,
writing an ad, taking one down."""

import copy
import datetime as dt
from html import escape
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.forms import DocumentUploadForm, ProfileForm
from accounts.models import Document
from accounts.validators import normalize_name, normalize_phone
from config.fields import DayField, PublicURLField, WholeKronorField
from config.text import PlainTextForm
from taxonomy import cache as taxonomy_cache

from .models import Ad, Application, ApplyMethod, EmploymentType, Extent, SalaryType
from .search import DEFAULT_DISTANCE_KM, Criteria, clean_query
from .services.ads import AD_FIELDS

PUBLISHED_WITHIN = [
    (1, _("Last 24 hours")),
    (3, _("Last 3 days")),
    (7, _("Last week")),
    (14, _("Last two weeks")),
    (30, _("Last 30 days")),
]
DISTANCES = [(10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")]
SORTS = [("relevance", _("Best match")), ("newest", _("Newest first"))]
NO_PLACE = _("A distance needs a place to measure from: choose one under “Near”.")
OTHER_COUNTY = _("%(municipality)s is not in %(county)s.")


def _with_empty(choices, label):
    return [("", label), *choices]


def _options_html(choices) -> str:
    return "".join(
        f'<option value="{escape(str(v))}">{escape(str(label))}</option>' for v, label in choices
    )


_OPTIONS_MEMO: dict[int, tuple[object, str]] = {}


class FastSelect(forms.Select):
    """A <select> rendered in Python. Django renders each option through a template (tens
    of microseconds each) and the search form has some 1 200 options (municipalities twice,
    every SSYK group): that alone cost more than the search's SQL. The taxonomy's options
    are rendered once per process (`options`, a list that lives as long as the taxonomy
    memo) and the chosen one is marked with a string replace."""

    def __init__(self, *args, options=None, empty_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.options, self.empty_label = options, empty_label

    def _static_options(self):
        memo = _OPTIONS_MEMO.get(id(self.options))
        if memo is None or memo[0] is not self.options:
            if len(_OPTIONS_MEMO) > 16:  # lists of an older taxonomy
                _OPTIONS_MEMO.clear()
            memo = (self.options, _options_html(self.options))
            _OPTIONS_MEMO[id(self.options)] = memo
        return memo[1]

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        chosen = "" if value is None else str(value)
        if self.options is not None:
            options = (
                f'<option value="">{escape(str(self.empty_label))}</option>'
                + self._static_options()
            )
        else:
            options = _options_html(self.choices)
        if chosen:
            marker = f'value="{escape(chosen)}">'
            options = options.replace(marker, f'value="{escape(chosen)}" selected>', 1)
        final = self.build_attrs(self.attrs, attrs)
        return mark_safe(  # noqa: S308
            f'<select name="{escape(name)}"{flatatt(final)}>{options}</select>'
        )


class SharedCopy:
    """A search form is made for every search, and Django copies each of a form's fields
    deeply for it (0.6 ms for the search's eleven, their lazy labels and choices included)
    so that a form may change its own. The search form never changes a field's choices,
    so its fields share them (and their labels) with the class; the rest is copied as
    Django does."""

    widget: forms.Widget

    error_messages: dict
    validators: list

    def __deepcopy__(self, memo):
        """As Django's copies of a field and its widget, but for the choices (and the lazy
        texts), which they deep-copy."""
        result = _shallow(self)
        result.widget = _shallow(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        memo[id(self)] = result
        return result


def _shallow(thing):
    """A copy of `thing` sharing its attributes' values (copy.copy, without its generic
    reduce protocol: a tenth of the time)."""
    copied = object.__new__(type(thing))
    copied.__dict__.update(thing.__dict__)
    return copied


class SearchChoiceField(SharedCopy, forms.ChoiceField):
    pass


class SearchTypedChoiceField(SharedCopy, forms.TypedChoiceField):
    pass


class TaxonomyField(SharedCopy, forms.CharField):
    """A choice among the cached taxonomy, checked against a set (Django's ChoiceField
    normalises its 1 000 choices again for every form)."""

    default_error_messages = {"unknown": _("%(value)s is not one of the choices.")}

    def __init__(self, *, kind, empty_label, **kwargs):
        super().__init__(required=False, max_length=200, **kwargs)
        self.kind, self.empty_label = kind, empty_label
        self.widget = FastSelect(empty_label=empty_label)

    def bind(self, taxonomy):
        self.allowed = taxonomy.choice_values[self.kind]
        self.widget.options = getattr(taxonomy, self.kind)

    def validate(self, value):
        super().validate(value)
        if value and value not in self.allowed:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value[:60]}
            )


class QueryField(SharedCopy, forms.CharField):
    """The search's words, cleaned before they are validated: a control character is a
    space (Django refuses a NUL, which emptied the search without a word)."""

    def to_python(self, value) -> str:
        return clean_query(super().to_python(value) or "")


class SearchForm(forms.Form):
    """The search filters: one field per field of Criteria, of the same name and in the
    same order. An invalid value is ignored (and the form shows why)."""

    q = QueryField(label=_("What"), required=False, strip=True)
    county = TaxonomyField(label=_("Region"), kind="county_choices", empty_label=_("All of Sweden"))
    municipality = TaxonomyField(
        label=_("Municipality"), kind="municipality_choices", empty_label=_("All municipalities")
    )
    occupation_group = TaxonomyField(
        label=_("Occupation"), kind="group_choices", empty_label=_("All occupations")
    )
    employment_type = SearchChoiceField(
        label=_("Employment type"),
        required=False,
        widget=FastSelect,
        choices=_with_empty(EmploymentType.choices, _("All employment types")),
    )
    extent = SearchChoiceField(
        label=_("Extent"),
        required=False,
        widget=FastSelect,
        choices=_with_empty(Extent.choices, _("Full and part time")),
    )
    published_within = SearchTypedChoiceField(
        label=_("Published"),
        required=False,
        widget=FastSelect,
        coerce=int,
        empty_value=None,
        choices=_with_empty(PUBLISHED_WITHIN, _("Any time")),
    )
    near = TaxonomyField(label=_("Near"), kind="municipality_choices", empty_label=_("Anywhere"))
    distance_km = SearchTypedChoiceField(
        label=_("Within"),
        required=False,
        widget=FastSelect,
        coerce=int,
        empty_value=None,
        choices=_with_empty(DISTANCES, _("Any distance")),
    )
    sort = SearchChoiceField(label=_("Sort by"), required=False, choices=SORTS, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.taxonomy = taxonomy = taxonomy_cache.get()
        for field in self.fields.values():
            if isinstance(field, TaxonomyField):
                field.bind(taxonomy)

    def describe(self) -> list[tuple[str, str]]:
        """(label, shown value) of each valid, non-empty filter: for alert pages."""
        data, shown = getattr(self, "cleaned_data", {}), []
        for name in Criteria.filter_names():
            field, value = self.fields[name], data.get(name)
            if value in ("", None):
                continue
            # form.fields holds Field; every filter but the taxonomy ones is a ChoiceField.
            choices = field.widget.options if isinstance(field, TaxonomyField) else field.choices  # type: ignore[attr-defined]
            shown.append(
                (
                    str(field.label),
                    str(dict((str(k), v) for k, v in choices).get(str(value), value)),
                )
            )
        return shown

    def clean(self):
        """Places that contradict each other are ignored too, with a note: a distance with
        no place to measure from, a municipality outside the chosen county. A place with no
        distance means around it: the default distance is chosen (and shown chosen)."""
        data = super().clean()
        if data.get("distance_km") and not data.get("near"):
            self.add_error("distance_km", ValidationError(NO_PLACE, code="no_place"))
        elif data.get("near") and not data.get("distance_km"):
            data["distance_km"] = DEFAULT_DISTANCE_KM
        self._check_county(data)
        return data

    def _check_county(self, data) -> None:
        if not (data.get("county") and data.get("municipality")):
            return
        county = self.taxonomy.county_by_slug(data["county"])
        place = self.taxonomy.municipality_by_slug(data["municipality"])
        if county and place and place.county_id != county[0]:
            self.add_error(
                "municipality",
                ValidationError(
                    OTHER_COUNTY,
                    code="other_county",
                    params={"municipality": place.name, "county": county[1]},
                ),
            )

    def _chosen(self, name) -> str:
        """The value to mark chosen: the cleaned one (a default too), else what was sent
        (a field with an error shows what was sent, as its own widget marks it)."""
        value = getattr(self, "cleaned_data", {}).get(name)
        if value not in ("", None):
            return str(value)
        if name in self.errors:
            return ""
        chosen = self.data.get(name)
        if isinstance(chosen, list | tuple):
            chosen = chosen[0] if chosen else ""
        return chosen or ""

    def filter_fields(self) -> SafeString:
        """The filters' label-and-select blocks (jobs/_search_filter.html), rendered once per
        language and taxonomy: each request copies them and marks the chosen value, as
        FastSelect does. A field with an error is rendered afresh, with its message."""
        blank = _blank_filters(self.taxonomy)
        html: list[str] = []
        for name in FILTERS:
            block: str = blank[name]
            if self.is_bound and name in self.errors:
                block = render_to_string(FILTER_TEMPLATE, {"field": self[name]})
            chosen = self._chosen(name)
            if chosen:
                marker = f'value="{escape(chosen)}">'
                block = block.replace(marker, marker[:-1] + " selected>", 1)
            html.append(block)
        return mark_safe("".join(html))  # noqa: S308 (rendered by the template, escaped)

    def criteria(self) -> Criteria:
        """The valid part of the input (call after is_valid())."""
        return Criteria.from_values(getattr(self, "cleaned_data", {}))


FILTER_TEMPLATE = "jobs/_search_filter.html"
FILTERS = tuple(name for name in SearchForm.base_fields if name != "q")  # q has its own box
_FILTERS_MEMO: dict[str, tuple[object, dict[str, str]]] = {}


def _blank_filters(taxonomy) -> dict[str, str]:
    """Each filter's block with nothing chosen, in the active language, for this taxonomy
    (a new import makes a new taxonomy object, and so new blocks)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    memo = _FILTERS_MEMO.get(language)
    if memo is None or memo[0] is not taxonomy:
        form = SearchForm()
        for field in form.fields.values():
            if isinstance(field, TaxonomyField):
                field.bind(taxonomy)  # the blocks are of this taxonomy, even mid-import
        blocks: dict[str, str] = {
            name: render_to_string(FILTER_TEMPLATE, {"field": form[name]}) for name in FILTERS
        }
        _FILTERS_MEMO[language] = (taxonomy, blocks)
        return blocks
    return memo[1]


def criteria_from(params) -> tuple[SearchForm, Criteria]:
    """Bind the query string, keep what is valid: bad values never stop a search."""
    data = {k: params.get(k, "")[:1000] for k in SearchForm.base_fields}
    form = SearchForm(data)
    form.is_valid()
    return form, form.criteria()


# Free text people write: long enough for anything sensible, short enough that no one
# stores a book in a job board (the browser counts too: the widget gets `maxlength`).
MESSAGE_MAX_LENGTH = 5000
DESCRIPTION_MAX_LENGTH = 20000
TOO_LONG = _(
    "This text has %(show_value)s characters, and at most %(limit_value)s fit. Please shorten it."
)


def limit_length(field: forms.CharField, limit: int) -> forms.CharField:
    """Let `field` take at most `limit` characters, with a message that counts them."""
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit, message=TOO_LONG))
    field.widget.attrs["maxlength"] = str(limit)
    return field


NAME_FIELDS = ["first_name", "last_name"]


class ApplicationForm(PlainTextForm, forms.Form):
    message = limit_length(
        forms.CharField(
            label=_("Message to the employer"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 8}),
            help_text=_("Tell the employer briefly why you are a good match."),
        ),
        MESSAGE_MAX_LENGTH,
    )
    documents: "forms.ModelMultipleChoiceField[Document]" = forms.ModelMultipleChoiceField(
        label=_("Documents from your library"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    upload = forms.FileField(
        label=_("Or upload a document"),
        required=False,
        help_text=_("PDF, Word (DOCX) or OpenDocument (ODT), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )

    def __init__(self, *args, seeker, upload_too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the seeker's own documents are choices: another id is "not a valid choice".
        self.fields["documents"].queryset = Document.objects.owned_by(seeker)
        self.fields["documents"].label_from_instance = lambda d: d.title
        self.upload_too_large = upload_too_large
        self.upload_type = None
        if not (seeker.first_name.strip() and seeker.last_name.strip()):
            # The company is told the applicant's name: asked here when the account has
            # none, with the profile's own fields, and kept on the account.
            for name in NAME_FIELDS:
                self.fields[name] = copy.deepcopy(ProfileForm.base_fields[name])
                self.fields[name].initial = getattr(seeker, name)
            self.order_fields(NAME_FIELDS)

    def clean_first_name(self):
        return normalize_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return normalize_name(self.cleaned_data["last_name"])

    def name(self) -> tuple[str, str] | None:
        """The name given on the form (None: the account has one)."""
        if "first_name" not in self.fields:
            return None
        return self.cleaned_data["first_name"], self.cleaned_data["last_name"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload and not self.upload_too_large:
            return None
        check = DocumentUploadForm(
            data={"kind": "cv"},
            files={"file": upload} if upload else {},
            upload_too_large=self.upload_too_large,
        )
        if not check.is_valid() and "file" in check.errors:
            raise forms.ValidationError(check.errors["file"])
        self.upload_type = check.detected_type
        return upload

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and not data.get("documents")
            and not data.get("upload")
            and not data.get("message", "").strip()
        ):
            raise forms.ValidationError(
                _("Write a message or attach at least one document."), code="empty"
            )
        return data


class ApplicationReviewForm(PlainTextForm, forms.ModelForm):
    share_status = forms.BooleanField(
        label=_("Show this status to the applicant"),
        help_text=_("They see it under My applications and get an e-mail when it changes."),
        required=False,
    )

    class Meta:
        model = Application
        fields = ["status", "employer_notes"]
        widgets = {"employer_notes": forms.Textarea(attrs={"rows": 5})}
        labels = {"status": _("Status"), "employer_notes": _("Notes")}
        help_texts = {
            "employer_notes": _(
                "Not shown to the applicant on the site. Notes about a person are their "
                "personal data: if they ask for a copy of their data, the notes and the "
                "status are in it."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_length(self.fields["employer_notes"], MESSAGE_MAX_LENGTH)
        # Ticked while the applicant sees the current status: unticking hides it.
        shown = self.instance.shared_status
        self.fields["share_status"].initial = bool(shown) and shown == self.instance.status


class JobAlertForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Name of the alert"), max_length=120, required=False)
    consent = forms.BooleanField(
        label=_("Yes, e-mail me new jobs that match this search."), required=True
    )


# A salary in whole kronor: a month's, an hour's or a year's, written as Swedes write it
# ("30 000 kr", "30000:-"). The bounds are the form's, so a mistyped number never meets the
# database's integer limit (nor shows it in a message).
SALARY_LIMITS = (1, 10_000_000)
SALARY_MESSAGE = _("Give the salary in whole kronor, from 1 to 10 000 000.")


def salary_field(name: str) -> WholeKronorField:
    low, high = SALARY_LIMITS
    return WholeKronorField(
        label=capfirst(Ad._meta.get_field(name).verbose_name),  # type: ignore[union-attr]  # a model field, not a relation
        required=False,
        min_value=low,
        max_value=high,
        error_messages={k: SALARY_MESSAGE for k in ("invalid", "min_value", "max_value")},
    )


def choose_first(form: forms.BaseForm) -> None:
    """Drop-downs start with “Choose…”, not Django's “---------”."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = _("Choose…")
        elif isinstance(field, forms.ChoiceField) and not isinstance(
            field.widget, forms.RadioSelect
        ):
            choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]  # the model's flat choices
            field.choices = [
                ("", _("Choose…")) if value == "" else (value, label) for value, label in choices
            ]


class AdForm(PlainTextForm, forms.ModelForm):
    """What the employer writes. The last day to apply may be at most `max_days` away."""

    salary_min = salary_field("salary_min")
    salary_max = salary_field("salary_max")
    # A web page applicants can open: not a file share, an ftp server or the employer's
    # own machine (config.fields). The required-link message is the form's.
    apply_url = PublicURLField(
        label=capfirst(Ad._meta.get_field("apply_url").verbose_name),
        max_length=500,
        required=False,
    )
    # Year first only: "01/02/2027" was read as the 2nd of January (config.fields).
    last_application_date = DayField(
        label=capfirst(Ad._meta.get_field("last_application_date").verbose_name),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Ad
        fields = AD_FIELDS
        widgets = {
            # 290 municipalities and 2 412 occupations: through Django's option template they
            # took 100 ms of every ad form (FastSelect renders them in Python).
            "municipality": FastSelect,
            "occupation": FastSelect,
            "description": forms.Textarea(attrs={"rows": 12}),
            "salary_type": forms.RadioSelect,
            "apply_method": forms.RadioSelect,
        }
        help_texts = {
            "description": _(
                "A blank line starts a new paragraph. Lists: start lines with “- ” or “1. ”. "
                "**Bold** and *italics* with stars."
            ),
            "salary_text": _('Optional, e.g. "Salary by agreement, commission on top".'),
            "contact_name": _("Shown on the ad while it is open, and removed when it ends."),
        }

    def __init__(self, *args, longest_days: int, now: dt.datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        now = now or timezone.now()
        self.today = timezone.localdate(now)
        self.max_days = self._days_left(longest_days, now)
        # The limit said before it is broken, and held by the date picker too.
        latest = self.today + dt.timedelta(days=self.max_days)
        last_day = cast(DayField, self.fields["last_application_date"])
        last_day.example = self.today
        last_day.widget.attrs.update(min=self.today.isoformat(), max=latest.isoformat())
        last_day.help_text = _("At most %(days)d days ahead: %(latest)s at the latest.") % {
            "days": self.max_days,
            "latest": latest.isoformat(),
        }
        self.fields["contact_name"].required = True
        limit_length(cast(forms.CharField, self.fields["description"]), DESCRIPTION_MAX_LENGTH)
        # form.fields holds Field; these two are the model's ModelChoiceFields.
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.order_by("name")  # type: ignore[attr-defined]
        self.fields["occupation"].queryset = self.fields["occupation"].queryset.order_by("name")  # type: ignore[attr-defined]
        choose_first(self)

    def _days_left(self, longest_days: int, now: dt.datetime) -> int:
        """A live ad's last day to apply stays within its paid period; otherwise the longest
        period on sale is the limit."""
        ad = self.instance
        if ad.pk and ad.is_public(now) and ad.paid_days:
            paid_end = timezone.localdate(ad.published_at + dt.timedelta(days=ad.paid_days))
            return max(0, (paid_end - self.today).days)
        return longest_days

    def clean_contact_phone(self) -> str:
        """A phone number the company's own would accept (accounts.validators), kept as the
        employer wrote it: the ad shows it so."""
        value = " ".join(self.cleaned_data.get("contact_phone", "").split())
        if value:
            normalize_phone(value)
        return value

    def clean_last_application_date(self):
        day = self.cleaned_data["last_application_date"]
        if day < self.today:
            raise ValidationError(_("The last day to apply cannot be in the past."))
        if day > self.today + dt.timedelta(days=self.max_days):
            raise ValidationError(
                _("The last day to apply can be at most %(days)s days away."),
                params={"days": self.max_days},
            )
        return day

    def clean(self):
        data = super().clean()
        self._clean_salary(data)
        self._clean_apply(data)
        return data

    def _clean_salary(self, data):
        if data.get("salary_type") == SalaryType.BEFORE_INTERVIEW:
            data["salary_min"] = data["salary_max"] = None
            return
        low, high = data.get("salary_min"), data.get("salary_max")
        # A field already refused (not a number, out of bounds) keeps its one message.
        if low is None and "salary_min" not in self.errors:
            self.add_error("salary_min", _("Give the lowest salary of the range."))
        if high is None and "salary_max" not in self.errors:
            self.add_error("salary_max", _("Give the highest salary of the range."))
        if low is not None and high is not None and high < low:
            self.add_error("salary_max", _("The highest salary cannot be below the lowest."))

    def _clean_apply(self, data):
        method = data.get("apply_method")
        if (
            method == ApplyMethod.URL
            and not data.get("apply_url")
            and "apply_url" not in self.errors
        ):
            self.add_error("apply_url", _("Give the link where applicants apply."))
        if method == ApplyMethod.EMAIL and not data.get("apply_email"):
            self.add_error("apply_email", _("Give the e-mail address applications go to."))
        if method != ApplyMethod.URL:
            data["apply_url"] = ""
        if method != ApplyMethod.EMAIL:
            data["apply_email"] = ""


class TakeDownForm(PlainTextForm, forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the employer"), widget=forms.Textarea, max_length=2000
    )
