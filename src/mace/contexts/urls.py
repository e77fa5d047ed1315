from django.urls import path

from mace.contexts.views import records

app_name = "contexts"

urlpatterns = [
    path("", records.context_list, name="list"),
    path("<uuid:context_id>/", records.context_detail, name="detail"),
]
