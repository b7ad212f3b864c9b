from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [path("beskriv-behovet/", views.describe_need, name="describe")]
