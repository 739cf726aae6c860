from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Ad, County


def home(request):
    now = timezone.now()
    active = Ad.objects.active(now)
    latest = active.select_related("company", "municipality")[:10]
    regions = County.objects.annotate(
        active_ads=Count("municipalities__ads", filter=Q(
            municipalities__ads__in=active.values("pk")))
    ).order_by("name")
    return render(request, "jobs/home.html", {
        "latest_ads": latest,
        "regions": regions,
        "active_count": active.count(),
    })


def search(request):
    ads = Ad.objects.active().select_related("company", "municipality")
    q = request.GET.get("q", "").strip()[:200].replace("\x00", "")
    if q:
        ads = ads.filter(Q(title__icontains=q) | Q(description__icontains=q))
    page = Paginator(ads, 20).get_page(request.GET.get("page"))
    return render(request, "jobs/search.html", {"page": page, "q": q})


def detail(request, pk):
    ad = get_object_or_404(Ad.objects.select_related("company", "municipality", "occupation"),
                           pk=pk)
    return render(request, "jobs/detail.html", {"ad": ad, "is_active": ad.is_active()})
