from django.urls import path

from mace.contexts.views import (
    agenda,
    chronology,
    disruption,
    item_links,
    map,
    network,
    proposals,
    records,
    trends,
)

app_name = "contexts"

urlpatterns = [
    path("", records.context_list, name="list"),
    path("new/<slug:kind_slug>/", records.context_open, name="open"),
    path("proposals/", proposals.proposals, name="proposals"),
    path(
        "proposals/persons/<uuid:mention_id>/confirm/",
        proposals.mention_confirm,
        name="mention_confirm",
    ),
    path(
        "proposals/persons/<uuid:mention_id>/keep-apart/",
        proposals.mention_keep_apart,
        name="mention_keep_apart",
    ),
    path(
        "proposals/links/<uuid:link_id>/confirm/",
        proposals.proposed_link_confirm,
        name="proposed_link_confirm",
    ),
    path(
        "proposals/links/<uuid:link_id>/reject/",
        proposals.proposed_link_reject,
        name="proposed_link_reject",
    ),
    path("items/<uuid:item_id>/links/", item_links.item_link_add, name="item_link_add"),
    path("actions/<uuid:action_id>/complete/", records.action_complete, name="action_complete"),
    path("network/", network.network_overview, name="network_overview"),
    path("network/<int:node_id>/", network.network, name="network"),
    path("network/child/<uuid:child_id>/", network.child_network, name="child_network"),
    path("agenda/<uuid:meeting_id>/", agenda.agenda_build, name="agenda_build"),
    path("<uuid:context_id>/", records.context_detail, name="detail"),
    path("<uuid:context_id>/agenda/", agenda.agenda_add, name="agenda_add"),
    path(
        "<uuid:context_id>/chronology/",
        chronology.context_chronology_page,
        name="chronology",
    ),
    path("<uuid:context_id>/change/", records.context_edit, name="edit"),
    path("<uuid:context_id>/close/", records.context_close, name="close"),
    path("<uuid:context_id>/names/", records.name_add, name="name_add"),
    path("<uuid:context_id>/notes/", records.note_add, name="note_add"),
    path("<uuid:context_id>/actions/", records.action_add, name="action_add"),
    path("<uuid:context_id>/links/", records.link_new, name="link_add"),
    path(
        "<uuid:context_id>/links/<uuid:link_id>/retract/",
        records.link_retract_view,
        name="link_retract",
    ),
    path("<uuid:context_id>/assessment/", records.assessment_edit, name="assessment"),
    path("<uuid:context_id>/disruption/new/", disruption.disruption_add, name="disruption_add"),
    path("disruption/", disruption.disruption_list, name="disruption_list"),
    path("disruption/<uuid:disruption_id>/", disruption.disruption_edit, name="disruption_edit"),
    path("themes/tag/<str:target>/", trends.theme_tag_page, name="theme_tag"),
    path("trends/", trends.trends_page, name="trends"),
    path("map/", map.map_page, name="map"),
]
