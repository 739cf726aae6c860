"""Staff outside admin: the one check of every staff path to personal data (a CV, an
application, an invoice, the record of processing) that admin does not guard.

Being staff grants nothing by itself: the member of staff must hold the model permission for
the action (view or change) and have a second factor (an authenticator app), exactly as
admin demands (accounts.middleware). It lives here, in the app every other app builds on,
so that accounts, jobs, companies and privacy's own exports share it.
"""

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AbstractUser, AnonymousUser


def has_second_factor(user: AbstractUser | AnonymousUser) -> bool:
    """The user has an authenticator app (TOTP), so signing in asks for its code."""
    if not user.is_authenticated:
        return False
    found: bool = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return found


def staff_may(user: AbstractUser | AnonymousUser, permission: str) -> bool:
    """Active staff with `permission` ("app_label.codename") and a second factor."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(permission)
        and has_second_factor(user)
    )
