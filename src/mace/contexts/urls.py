from django.urls import path

from mace.contexts.views import item_links, proposals, records

app_name = "contexts"

urlpatterns = [
    path("", records.context_list, name="list"),
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
    path("<uuid:context_id>/", records.context_detail, name="detail"),
]
