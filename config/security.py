"""Security headers beyond Django's own, and the Secure flag on every cookie over HTTPS.

The Content-Security-Policy is django-csp's, from settings.CONTENT_SECURITY_POLICY: nothing
from another origin, no inline script or style without the request's nonce. A page that
needs another origin (the Facebook Pixel after consent, an employer's site that a form
redirects to) says so while it is being built, with `allow(request, {...})`, and only that
response's policy grows: every other page keeps the strict one.

Permissions-Policy and Cross-Origin-Resource-Policy come from settings of the same names.
Over HTTPS every cookie is marked Secure, whatever set it: django-cookie-consent's own
cookie, for one, has a setting of its own that a deployment could forget.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


def allow(request, sources: dict[str, list[str]]) -> None:
    """Add `sources` (directive -> sources) to the policy of this request's response."""
    allowed = request.__dict__.setdefault("csp_allowed", {})
    for directive, values in sources.items():
        listed = allowed.setdefault(directive, [])
        listed.extend(value for value in values if value not in listed)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, plus what the page asked for with `allow()`."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        allowed = getattr(request, "csp_allowed", None)
        if allowed and not report_only:
            update = dict(parts.update or {})
            for directive, values in allowed.items():
                update[directive] = [*update.get(directive, ()), *values]
            parts.update = update
        return parts


def permissions_policy(features: dict[str, list[str]]) -> str:
    """{"camera": [], "fullscreen": ["self"]} -> "camera=(), fullscreen=(self)"."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            policy = permissions_policy(settings.PERMISSIONS_POLICY)
            response.headers.setdefault("Permissions-Policy", policy)
        if settings.CROSS_ORIGIN_RESOURCE_POLICY:
            resource_policy = settings.CROSS_ORIGIN_RESOURCE_POLICY
            response.headers.setdefault("Cross-Origin-Resource-Policy", resource_policy)
        if request.is_secure():
            for cookie in response.cookies.values():
                cookie["secure"] = True
        return response
