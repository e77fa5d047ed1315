"""The administrator's pages. Every one is wrapped in administrator_only here, so no page
can be added without the check (tests/administration/test_views/test_common.py walks them all)."""

from django.urls import path

from mace.administration.views import agencies, catalogues, domains, index, series, users
from mace.administration.views.common import administrator_only

app_name = "administration"


def page(route, view, name):
    return path(route, administrator_only(view), name=name)


urlpatterns = [
    page("", index.index, "index"),
    page("users/", users.user_list, "user_list"),
    page("users/invite/", users.user_invite, "user_invite"),
    page("users/<uuid:user_id>/", users.user_detail, "user_detail"),
    page("users/<uuid:user_id>/change/", users.user_change, "user_change"),
    page("users/<uuid:user_id>/switch-off/", users.user_switch_off, "user_switch_off"),
    page("users/<uuid:user_id>/switch-on/", users.user_switch_on, "user_switch_on"),
    page(
        "users/<uuid:user_id>/reset-two-factor/",
        users.user_two_factor_reset,
        "user_two_factor_reset",
    ),
    page("users/<uuid:user_id>/invite-again/", users.user_reinvite, "user_reinvite"),
    page("agencies/", agencies.agency_list, "agency_list"),
    page("agencies/add/", agencies.agency_add, "agency_add"),
    page("agencies/<uuid:agency_id>/change/", agencies.agency_change, "agency_change"),
    page("domains/", domains.domain_list, "domain_list"),
    page("domains/add/", domains.domain_add, "domain_add"),
    page("domains/<int:domain_id>/remove/", domains.domain_remove, "domain_remove"),
    page("series/", series.series_list, "series_list"),
    page("series/new/", series.series_create, "series_create"),
    page("series/<uuid:series_id>/", series.series_detail, "series_detail"),
    page("series/<uuid:series_id>/change/", series.series_change, "series_change"),
    page(
        "series/<uuid:series_id>/members/<int:member_id>/remove/",
        series.series_member_remove,
        "series_member_remove",
    ),
    page("catalogues/", catalogues.catalogue_list, "catalogue_list"),
    page("catalogues/load/", catalogues.catalogue_upload, "catalogue_upload"),
    page(
        "catalogues/<uuid:catalogue_id>/activate/",
        catalogues.catalogue_activate,
        "catalogue_activate",
    ),
]
