from django.urls import path

from mace.meetings.views import actions, agenda, invitations, meetings, minutes, papers, run

urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("series/", meetings.series_list, name="series_list"),
    path("series/new/", meetings.series_create, name="series_create"),
    path("series/<uuid:series_id>/", meetings.series_detail, name="series_detail"),
    path("series/<uuid:series_id>/generate/", meetings.series_generate, name="series_generate"),
    path("actions/overdue/", actions.overdue, name="actions_overdue"),
    path("actions/<uuid:action_id>/complete/", actions.complete, name="action_complete"),
    path("<uuid:meeting_id>/", meetings.meeting_detail, name="detail"),
    path("<uuid:meeting_id>/move/", meetings.meeting_move, name="move"),
    path("<uuid:meeting_id>/agenda/add/", agenda.item_add, name="item_add"),
    path("<uuid:meeting_id>/agenda/fill/", agenda.fill, name="agenda_fill"),
    path("<uuid:meeting_id>/items/<uuid:item_id>/move/", agenda.item_move, name="item_move"),
    path(
        "<uuid:meeting_id>/items/<uuid:item_id>/information/",
        agenda.item_information,
        name="item_information",
    ),
    path(
        "<uuid:meeting_id>/items/<uuid:item_id>/<str:change>/",
        agenda.item_take_off,
        name="item_take_off",
    ),
    path("<uuid:meeting_id>/invitations/", invitations.invitations, name="invitations"),
    path("<uuid:meeting_id>/invitations/send/", invitations.send, name="invitations_send"),
    path("<uuid:meeting_id>/papers/", papers.papers, name="papers"),
    path("<uuid:meeting_id>/papers.pdf", papers.papers_pdf, name="papers_pdf"),
    path("<uuid:meeting_id>/run/", run.run, name="run"),
    path("<uuid:meeting_id>/run/attendance/", run.attendance, name="attendance"),
    path("<uuid:meeting_id>/run/findings/", run.finding_add, name="finding_add"),
    path("<uuid:meeting_id>/run/actions/", run.action_add, name="action_add"),
    path("<uuid:meeting_id>/run/close/", run.close, name="close"),
    path("<uuid:meeting_id>/run/<uuid:item_id>/", run.run_item, name="run_item"),
    path("<uuid:meeting_id>/run/<uuid:item_id>/save/", run.autosave, name="autosave"),
    path("<uuid:meeting_id>/minutes/", minutes.minutes, name="minutes"),
    path("<uuid:meeting_id>/minutes/draft/", minutes.draft, name="minutes_draft"),
    path("<uuid:meeting_id>/minutes/approve/", minutes.approve, name="minutes_approve"),
    path("<uuid:meeting_id>/minutes/addendum/", minutes.addendum, name="minutes_addendum"),
    path("<uuid:meeting_id>/minutes.pdf", papers.minutes_pdf, name="minutes_pdf"),
]
