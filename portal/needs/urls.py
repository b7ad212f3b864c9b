"""Page routes for needs (included before Wagtail's catch-all in portal/urls.py)."""

from django.urls import path

from . import views

app_name = "needs"

urlpatterns = [
    path("behov/", views.need_list, name="list"),
    path("behov/ny/", views.need_create, name="create"),
    path("behov/oversikt/", views.need_overview, name="overview"),
    path("behov/<int:pk>/", views.need_detail, name="detail"),
    path("behov/<int:pk>/endre/", views.need_edit, name="edit"),
    path("behov/<int:pk>/synlighet/", views.need_visibility, name="visibility"),
    path("behov/<int:pk>/oppfolging/", views.need_follow_up, name="follow_up"),
    path("behov/<int:pk>/meldinger/<slug:provider_slug>/", views.message_thread, name="thread"),
    path("behov/<int:pk>/<slug:slug>/", views.need_action, name="action"),
    path("senter/behov/", views.centre_inbox, name="inbox"),
    path("varsler/", views.notification_list, name="notifications"),
    path("varsler/innstillinger/", views.notification_preference, name="notification_preference"),
]
