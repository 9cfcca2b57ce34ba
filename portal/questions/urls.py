"""The question form and the look-up, at fixed addresses under /hoi-dap/ (in every language)."""

from django.urls import path

from portal.questions import views

app_name = "questions"

urlpatterns = [
    path("gui-cau-hoi/", views.ask, name="ask"),
    path("tra-cuu/", views.lookup, name="lookup"),
]
