from django.urls import path

from mace.contexts.views import network, records

app_name = "contexts"

urlpatterns = [
    path("", records.context_list, name="list"),
    path("network/", network.network_overview, name="network_overview"),
    path("network/<int:node_id>/", network.network, name="network"),
    path("network/child/<uuid:child_id>/", network.child_network, name="child_network"),
    path("<uuid:context_id>/", records.context_detail, name="detail"),
]
