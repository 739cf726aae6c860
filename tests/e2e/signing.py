"""Signing in as a person does in the browser: the sign-in form, with the factories' password
(tests/factories/accounts.py)."""

PASSWORD = "correct horse battery staple"


def fill_sign_in(page, email):
    """Sign in on the sign-in form the page shows."""
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()


def sign_in(page, base, email):
    """Open the sign-in page of the site at `base` and sign in."""
    page.goto(base + "/konto/logga-in/")
    fill_sign_in(page, email)
    page.wait_for_load_state()
