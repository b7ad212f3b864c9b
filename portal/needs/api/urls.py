"""/api/v1/needs/ routes (namespace ``needs_api``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.NeedListCreateView.as_view(), name="list"),
    path("aggregates/", views.AggregatesView.as_view(), name="aggregates"),
    path("<int:pk>/", views.NeedDetailView.as_view(), name="detail"),
    path("<int:pk>/interests/", views.InterestListCreateView.as_view(), name="interests"),
    path("<int:pk>/interests/<int:interest_id>/", views.InterestDetailView.as_view(), name="interest"),
    path("<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path(
        "<int:pk>/propose-clarification/",
        views.ProposeClarificationView.as_view(),
        name="propose-clarification",
    ),
    path("<int:pk>/decline/", views.DeclineView.as_view(), name="decline"),
    path("<int:pk>/forward/", views.ForwardView.as_view(), name="forward"),
    path("<int:pk>/agree/", views.AgreeView.as_view(), name="agree"),
    path("<int:pk>/deliver/", views.DeliverView.as_view(), name="deliver"),
    path("<int:pk>/close/", views.CloseView.as_view(), name="close"),
    path("<int:pk>/follow-up/", views.FollowUpView.as_view(), name="follow-up"),
]
