from django.urls import path

from mace.contexts.views import disruption, map, records, trends

app_name = "contexts"

urlpatterns = [
    path("", records.context_list, name="list"),
    path("<uuid:context_id>/", records.context_detail, name="detail"),
    path("<uuid:context_id>/disruption/new/", disruption.disruption_add, name="disruption_add"),
    path("disruption/", disruption.disruption_list, name="disruption_list"),
    path("disruption/<uuid:disruption_id>/", disruption.disruption_edit, name="disruption_edit"),
    path("themes/tag/<str:target>/", trends.theme_tag_page, name="theme_tag"),
    path("trends/", trends.trends_page, name="trends"),
    path("map/", map.map_page, name="map"),
]
