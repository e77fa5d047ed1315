from django.urls import path

from mace.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
