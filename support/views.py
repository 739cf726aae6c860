from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext

from config.ratelimit import limit_request, too_many, wait_phrase

from . import services
from .forms import ContactForm


def contact(request: HttpRequest) -> HttpResponse:
    """The contact form. Whatever the address, the answer is the same page."""
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if wait := limit_request(request, "support"):
            message = gettext("You have sent many messages. Please try again in %(wait)s.") % {
                "wait": wait_phrase(wait)
            }
            return too_many(request, message=message, wait=wait)
        if form.is_valid():
            services.submit_request(
                **form.cleaned_data,
                language=translation.get_language() or "",
                now=timezone.now(),
            )
            return redirect("support:sent")
    return render(request, "support/contact.html", {"form": form})


def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "support/sent.html")
