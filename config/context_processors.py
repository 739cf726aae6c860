from django.conf import settings


def site(request):
    """The few site-wide values every page's layout shows."""
    return {"SITE_NAME": settings.SITE_NAME, "CONTACT_EMAIL": settings.CONTACT_EMAIL}
