"""A company's logo: an owner sets or removes it; the site and the demo seed set it too.

The bytes kept are the clean image of `companies.logos.clean_logo`, never the upload. The
previous file is deleted once the new one is committed, so storage holds one logo per
company.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..logos import EXTENSION, CleanLogo
from ..models import Company
from .registration import CompanyError, is_owner


def _check_owner(company: Company, by: User | None) -> None:
    if by is not None and not is_owner(company=company, user=by):
        raise CompanyError(_("Only an owner can change the company's details."))


def _delete_later(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def set_logo(*, company: Company, logo: CleanLogo, by: User | None) -> Company:
    """Store `logo` as the company's logo (`by` None: the demo seed, no person acts)."""
    _check_owner(company, by)
    old = company.logo.name
    with transaction.atomic():
        company.logo.save(f"{logo.digest}.{EXTENSION}", ContentFile(logo.data), save=False)
        company.save(update_fields=["logo"])
        if old and old != company.logo.name:
            _delete_later(old)
    return company


def remove_logo(*, company: Company, by: User) -> Company:
    _check_owner(company, by)
    old = company.logo.name
    with transaction.atomic():
        company.logo = ""
        company.save(update_fields=["logo"])
        _delete_later(old)
    return company
