"""Every /api/v1/ endpoint, in one place."""

urlpatterns: list = []
