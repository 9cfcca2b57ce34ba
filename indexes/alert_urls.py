"""The e-mail alerts' addresses, fixed under /nhan-tin/ (in every language)."""

from django.urls import path

from indexes import alert_views

app_name = "alerts"

urlpatterns = [
    path("", alert_views.subscribe, name="subscribe"),
    path("xac-nhan/<str:token>/", alert_views.confirm, name="confirm"),
    path("huy/<str:token>/", alert_views.unsubscribe, name="unsubscribe"),
]
