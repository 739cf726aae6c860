"""The site's allauth adapter (settings.ACCOUNT_ADAPTER): accounts' adapter, which sends the
mails and slows failed sign-ins, and here where an employer lands after signing in. It lives
in this app because accounts may not know companies (the apps depend one way only).

After sign-in a member of one company goes to its dashboard, a member of several to the page
that lets them choose, everyone else to LOGIN_REDIRECT_URL (the job seeker's home). A `next`
given with the sign-in wins over all of these: allauth asks the adapter only without one.
"""

from django.urls import reverse

from accounts.adapter import AccountAdapter as BaseAccountAdapter

from .models import Company


class AccountAdapter(BaseAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        companies = list(Company.objects.for_user(request.user).values_list("pk", flat=True)[:2])
        if len(companies) == 1:
            return reverse("companies:dashboard", kwargs={"pk": companies[0]})
        if companies:
            return reverse("companies:index")
        return super().get_login_redirect_url(request)
