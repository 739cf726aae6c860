import random
from dataclasses import dataclass, field
from typing import Any

from accounts.models import User

# Demo logins, printed by `make run`. Never used outside the demo.
STAFF_EMAIL = "admin@workwithus.se"
STAFF_PASSWORD = "demo-admin-2026"  # noqa: S105
SEEKER_EMAIL = "anna.andersson@example.se"
EMPLOYER_EMAIL = "rekrytering@nordkod.se"
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105


@dataclass
class DemoContext:
    rng: random.Random
    target_ads: int
    out: Any
    made: dict = field(default_factory=dict)  # what earlier parts made, for later parts

    def already_loaded(self) -> bool:
        return User.objects.filter(email=STAFF_EMAIL).exists()

    def print_logins(self):
        from demo.parts.accounts import staff_totp

        staff = User.objects.filter(email=STAFF_EMAIL).first()
        totp = staff_totp(staff) if staff is not None else None
        second_factor = (
            f"  two-factor secret (add it to an authenticator app): {totp[0]}\n"
            f"  or open this link on the phone with the app: {totp[1]}\n"
            if totp
            else ""
        )
        self.out.write(
            f"Admin login: {STAFF_EMAIL} / {STAFF_PASSWORD}\n"
            f"{second_factor}"
            f"Job seeker:  {SEEKER_EMAIL} / {DEMO_PASSWORD}\n"
            f"Employer:    {EMPLOYER_EMAIL} / {DEMO_PASSWORD}"
        )
