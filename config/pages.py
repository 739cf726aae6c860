"""Lists shown a page at a time (templates/components/pagination.html draws the links)."""

from django.http import HttpRequest

PER_PAGE = 25  # rows of an employer's lists (their ads, invoices, applications per ad)


def query_without(request: HttpRequest, name: str) -> str:
    """The request's query string without the parameter `name`, encoded: the other lists'
    pages (and filters) a page link keeps."""
    params = request.GET.copy()
    params.pop(name, None)
    return params.urlencode()
