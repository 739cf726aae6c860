from django.urls import URLPattern, path

from . import views

app_name = "newsletter"

urlpatterns: list[URLPattern] = [
    path("newsletter/", views.signup, name="signup"),
    path("newsletter/me/", views.subscribe_me, name="subscribe_me"),
    path("newsletter/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/o/<str:token>/", views.track_open, name="open"),
    path("newsletter/c/<str:token>/", views.track_click, name="click"),
]
