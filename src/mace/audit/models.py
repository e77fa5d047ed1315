"""One append-only audit model: every read of a child's data, every export, every sign-in,
every write (with a verb that says what it did).

Rows are written by mace.audit.services only. The application can neither update nor delete
them: the model and its queryset refuse, and a database trigger refuses too (migration 0002),
so not even a raw query through the application's connection can change the log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mace.core.fields import StampField


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit row."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("The audit log is append-only.")


class Event(models.Model):
    class Verb(models.TextChoices):
        # Reads of child-identifiable data (the access log).
        CHILD_VIEWED = "child.viewed", "Opened a child's record"
        CHILDREN_LISTED = "children.listed", "Saw a child in a list or search result"
        CHILD_HISTORY_VIEWED = "child.history_viewed", "Read a child's change history"
        PAPERS_DOWNLOADED = "meeting.papers_downloaded", "Downloaded meeting papers or minutes"
        CHILD_RESTRICTED_REFUSED = "child.restricted_refused", "Was refused a restricted record"
        RESTRICTED_LISTED = (
            "child.restricted_listed",
            "Saw a restricted record listed, without anything that identifies the child",
        )
        BREAK_GLASS = "child.break_glass", "Broke glass to open a restricted record"
        # Who may see a child: every grant opened, changed or ended.
        ACCESS_GRANTED = "people.access_granted", "Gave a user access to a child"
        ACCESS_CHANGED = "people.access_changed", "Moved the end of a user's access to a child"
        ACCESS_REVOKED = "people.access_revoked", "Ended a user's access to a child"
        # Old rows only: before each write named what it did (ADR 20), every write was
        # one of these two. Nothing writes them now; they stay so old rows keep a label.
        RECORD_ADDED = "record.added", "Added to a child's record"
        RECORD_CHANGED = "record.changed", "Changed a child's record"
        # Referrals and triage.
        REFERRAL_STARTED = "referral.started", "Started a draft referral"
        REFERRAL_DRAFT_SAVED = "referral.draft_saved", "Saved a step of a draft referral"
        REFERRAL_SUBMITTED = "referral.submitted", "Submitted a referral"
        REFERRAL_RECEIVED = (
            "referral.received",
            "Received a referral whole (secure mailbox, Word form, API)",
        )
        REFERRAL_TRIAGED = "referral.triaged", "Decided a referral at triage"
        REFERRAL_LINKED = "referral.linked", "Linked a referral to a child's record"
        REFERRAL_UNLINKED = "referral.unlinked", "Undid a referral's link to a child"
        CHILD_CREATED = "child.created", "Created a child's record"
        # A child's record: assessments, plans, missing episodes, statutory processes.
        ASSESSMENT_STARTED = "assessment.started", "Started a risk assessment"
        ASSESSMENT_CHANGED = "assessment.changed", "Changed a draft risk assessment"
        ASSESSMENT_COMPLETED = (
            "assessment.completed",
            "Completed a risk assessment (agreed its level)",
        )
        VRMP_CREATED = "vrmp.created", "Started a child's VRMP"
        VRMP_REVISED = "vrmp.revised", "Revised a child's VRMP (a new version)"
        VRMP_REVIEWED = "vrmp.reviewed", "Reviewed a child's VRMP"
        VRMP_ACTION_ADDED = "vrmp.action_added", "Added an action to a VRMP"
        VRMP_ACTION_COMPLETED = "vrmp.action_completed", "Completed a VRMP action"
        MISSING_RECORDED = "missing.recorded", "Recorded a missing episode"
        MISSING_CHANGED = "missing.changed", "Changed a missing episode or its return interview"
        STATUTORY_RECORDED = "statutory.recorded", "Recorded a statutory process"
        STATUTORY_CHANGED = "statutory.changed", "Changed a statutory process"
        # Meetings: the meeting itself, its agenda, invitations, the record and minutes.
        MEETING_MOVED = "meeting.moved", "Moved a meeting to another date or time"
        MEETING_CANCELLED = "meeting.cancelled", "Cancelled a meeting"
        MEETING_CLOSED = "meeting.closed", "Closed a meeting that has been held"
        AGENDA_ITEM_ADDED = "agenda.item_added", "Added an item to a meeting's agenda"
        AGENDA_ITEM_MOVED = "agenda.item_moved", "Moved an item up or down an agenda"
        AGENDA_ITEM_DEFERRED = "agenda.item_deferred", "Deferred an agenda item to a later meeting"
        AGENDA_ITEM_REMOVED = "agenda.item_removed", "Took an item off a meeting's agenda"
        AGENDA_ITEM_CHANGED = (
            "agenda.item_changed",
            "Marked an agenda item for information, or for discussion",
        )
        INVITATION_ADDED = "meeting.invitation_added", "Invited someone to a meeting (not yet sent)"
        INVITATION_SENT = "meeting.invitation_sent", "Was invited to a meeting"
        DISCUSSION_RECORDED = (
            "meeting.discussion_recorded",
            "Recorded a child's discussion at a meeting",
        )
        INFORMATION_SHARED = (
            "meeting.information_shared",
            "Shared their agency's information before a meeting",
        )
        CONTRIBUTION_SAVED = (
            "meeting.contribution_saved",
            "Recorded what an agency shared at a meeting",
        )
        ATTENDANCE_RECORDED = (
            "meeting.attendance_recorded",
            "Recorded an agency's attendance at a meeting",
        )
        FINDING_ADDED = "meeting.finding_added", "Recorded a theme, trend or risk a meeting found"
        ACTION_ADDED = "meeting.action_added", "Added an action agreed at a meeting"
        ACTION_COMPLETED = "meeting.action_completed", "Completed an action from a meeting"
        MINUTES_DRAFTED = "minutes.drafted", "Drafted a meeting's minutes"
        MINUTES_CHANGED = "minutes.changed", "Edited a meeting's draft minutes"
        MINUTES_APPROVED = "meeting.minutes_approved", "Approved a meeting's minutes"
        MINUTES_ADDENDUM_ADDED = (
            "minutes.addendum_added",
            "Added an addendum to approved minutes",
        )
        # Audit and review.
        BREAK_GLASS_REVIEWED = "audit.break_glass_reviewed", "Reviewed a break-glass access"
        LOG_SEARCHED = "audit.log_searched", "Searched the access log"
        LOG_EXPORTED = "audit.log_exported", "Exported the access log"
        COHORT_LINKED = "people.cohort_linked", "Matched a list against the cohort (mace link)"
        # Accounts.
        SIGNED_IN = "account.signed_in", "Signed in"
        SIGN_IN_FAILED = "account.sign_in_failed", "Failed to sign in"
        SIGNED_OUT = "account.signed_out", "Signed out"
        LOCKED_OUT = "account.locked_out", "Locked out after repeated failures"
        TWO_FACTOR_ENROLLED = "account.2fa_enrolled", "Set up two-factor authentication"
        TWO_FACTOR_VERIFIED = "account.2fa_verified", "Passed two-factor authentication"
        TWO_FACTOR_FAILED = "account.2fa_failed", "Failed two-factor authentication"
        USER_CREATED = "account.user_created", "Created a user"
        SIGN_IN_LINK_SENT = "account.sign_in_link_sent", "Was emailed a referrer's sign-in link"
        SIGN_IN_LINK_REFUSED = (
            "account.sign_in_link_refused",
            "Asked for a sign-in link for a staff account (told to use the password)",
        )
        SIGN_IN_LINK_USED = "account.sign_in_link_used", "Signed in with a referrer's sign-in link"
        SIGN_IN_LINK_REJECTED = (
            "account.sign_in_link_rejected",
            "Tried a sign-in link that did not sign in",
        )
        RATE_LIMITED = "account.rate_limited", "Was refused: too many attempts"
        # Administration (never case data).
        USER_INVITED = "account.user_invited", "Invited a user"
        INVITATION_ACCEPTED = "account.invitation_accepted", "Accepted an invitation"
        USER_CHANGED = "account.user_changed", "Changed a user's name, role or agency"
        USER_SWITCHED_OFF = "account.user_switched_off", "Switched off a user"
        USER_SWITCHED_ON = "account.user_switched_on", "Switched a user back on"
        TWO_FACTOR_RESET = "account.2fa_reset", "Reset a user's two-factor authentication"
        AGENCY_CREATED = "agency.created", "Added an agency"
        AGENCY_CHANGED = "agency.changed", "Changed an agency"
        DOMAIN_ADDED = "referrals.domain_added", "Allowed a referrer email domain"
        DOMAIN_REMOVED = "referrals.domain_removed", "Removed an allowed referrer email domain"
        SERIES_CREATED = "meetings.series_created", "Set up a meeting series"
        SERIES_CHANGED = "meetings.series_changed", "Changed a meeting series"
        MEETINGS_SCHEDULED = "meetings.scheduled", "Scheduled a series' next meetings"
        SERIES_MEMBER_ADDED = "meetings.series_member_added", "Added a core member to a series"
        SERIES_MEMBER_REMOVED = (
            "meetings.series_member_removed",
            "Removed a core member from a series",
        )
        CATALOGUE_LOADED = "risk.catalogue_loaded", "Loaded a risk tool catalogue version"
        CATALOGUE_ACTIVATED = (
            "risk.catalogue_activated",
            "Made a risk tool catalogue version the active one",
        )
        # Contextual MACE (reads first: a person of concern, and children seen in a network).
        CONTEXT_VIEWED = "context.viewed", "Read a contextual record (a person, place or group)"
        NETWORK_VIEWED = "network.viewed", "Explored the network around a record"
        CHILD_SEEN_IN_NETWORK = "child.seen_in_network", "Saw a child in a network"
        NETWORK_EXPORTED = "network.exported", "Exported a network (CSV or GraphML)"
        CONTEXT_OPENED = "context.opened", "Opened a contextual record"
        CONTEXT_CHANGED = "context.changed", "Changed a contextual record"
        CONTEXT_CLOSED = "context.closed", "Closed a contextual record"
        CONTEXT_NOTE_ADDED = "context.note_added", "Added a note to a contextual record"
        CONTEXT_ASSESSED = "context.assessed", "Saved or completed a contextual assessment"
        CONTEXT_ACTION_ADDED = "context.action_added", "Added an action to a context's plan"
        CONTEXT_ACTION_COMPLETED = "context.action_completed", "Completed a context's action"
        LINK_PROPOSED = "link.proposed", "Proposed a link between two records"
        LINK_ADDED = "link.added", "Recorded a link between two records"
        LINK_CONFIRMED = "link.confirmed", "Confirmed a proposed link"
        LINK_RETRACTED = "link.retracted", "Retracted a link (with a reason)"
        PERSON_RESOLVED = "person.resolved", "Decided who a suspected perpetrator is"
        DISRUPTION_RECORDED = "disruption.recorded", "Recorded disruption against a context"
        DISRUPTION_CHANGED = "disruption.changed", "Changed or ended a disruption"
        THEME_TAGGED = "theme.tagged", "Tagged a record with a theme"
        ALERT_RAISED = "alert.raised", "Raised a co-occurrence alert (a shared person or place)"
        ALERT_CLOSED = "alert.closed", "Put an alert on the agenda, or dismissed it"
        TRENDS_EXPORTED = "trends.exported", "Downloaded themes and trends figures"
        CONTEXT_CATALOGUE_LOADED = (
            "contexts.catalogue_loaded",
            "Loaded a contextual assessment catalogue version",
        )
        # Silver and Gold (ADR 35).
        ESCALATION_RAISED = "escalation.raised", "Raised an escalation to Silver or Gold"
        ESCALATION_RESPONDED = "escalation.responded", "Responded to an escalation"
        ESCALATION_CLOSED = "escalation.closed", "Closed an escalation"
        PLAN_ITEM_ADDED = "plan.item_added", "Added an item to the partnership action plan"
        PLAN_PROGRESS_RECORDED = (
            "plan.progress_recorded",
            "Recorded progress (and its RAG status) on an action plan item",
        )
        ASSURANCE_RECORDED = "assurance.recorded", "Recorded an assurance activity (a case audit)"
        RECOMMENDATION_RAISED = "recommendation.raised", "Made a recommendation to Gold"
        RECOMMENDATION_DECIDED = "recommendation.decided", "Recorded Gold's decision"
        CHALLENGE_RAISED = "challenge.raised", "Challenged practice (Gold)"
        CHALLENGE_ANSWERED = "challenge.answered", "Answered Gold's challenge"
        # Dashboards, period reports and the inspection data pack (ADR 36).
        DASHBOARD_VIEWED = "dashboard.viewed", "Looked at a MACE, Silver or Gold dashboard"
        FIGURE_EXPORTED = "dashboard.figure_exported", "Downloaded a dashboard figure (CSV)"
        REPORT_GENERATED = "report.generated", "Generated a period report (with its parameters)"
        CHILD_EXPORTED = "child.exported", "Was given a child's details in an export"

    id = models.BigAutoField(primary_key=True)
    at = StampField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Snapshots: the log must read the same after a user is renamed or changes role.
    actor_email = models.CharField(max_length=254, blank=True, db_index=True)
    actor_role = models.CharField(max_length=20, blank=True)
    verb = models.CharField(max_length=40, choices=Verb.choices, db_index=True)
    child = models.ForeignKey(
        "people.Child",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    path = models.CharField(max_length=500, blank=True)
    method = models.CharField(max_length=8, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["child", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.verb}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")
