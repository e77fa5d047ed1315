"""Setting up and changing meeting series and their core members (coordinator, chair or
administrator). Meetings themselves are generated from the series by services.schedule."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from mace.accounts.models import Agency, Role, User
from mace.accounts.permissions import can_administer
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock
from mace.meetings.models import Kind, MeetingSeries, SeriesMember
from mace.meetings.permissions import CHAIR_ROLE_OF_KIND, can_chair, can_manage_meetings
from mace.meetings.services import schedule

GENERATE_AHEAD_DAYS = 365
# What a series' page may change once it exists (its kind and first date stay).
CHANGEABLE = (
    "name",
    "rrule",
    "start_time",
    "duration_minutes",
    "on_bank_holiday",
    "location",
    "online_link",
    "chair",
    "slot_minutes",
    "capacity",
    "is_active",
)


def can_set_up_series(user) -> bool:
    """May the user set up and change series and their members?"""
    return can_manage_meetings(user) or can_administer(user)


def _require(actor) -> None:
    if not can_set_up_series(actor):
        raise PermissionDenied(
            "Only the MACE coordinator, a chair or an administrator can do this."
        )


def _shown(value):
    """A field's value as the audit payload keeps it."""
    if isinstance(value, User):
        return value.email
    if isinstance(value, Agency):
        return value.name
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _check_chair(chair, kind: str) -> None:
    if chair is None or can_chair(chair, kind):
        return
    if not chair.is_active:
        raise ValidationError({"chair": "Choose a chair who is switched on"})
    role = Role(CHAIR_ROLE_OF_KIND[kind]).label if kind in CHAIR_ROLE_OF_KIND else "chair"
    raise ValidationError(
        {"chair": f"Choose a {role.lower()} to chair a {Kind(kind).label} series"}
    )


def series_create(
    *,
    actor,
    name: str,
    kind: str,
    rrule: str,
    first_date: dt.date,
    start_time: dt.time = dt.time(10, 0),
    duration_minutes: int = 180,
    on_bank_holiday: str = MeetingSeries.OnBankHoliday.SKIP,
    location: str = "",
    online_link: str = "",
    chair: User | None = None,
    slot_minutes: int = 20,
    capacity: int = 8,
    generate_days: int = GENERATE_AHEAD_DAYS,
) -> MeetingSeries:
    """Set up a series and schedule its meetings ``generate_days`` ahead."""
    _require(actor)
    _check_chair(chair, kind)
    if first_date is not None:
        schedule.rrule_validate(rrule, first_date)
    with transaction.atomic():
        series = MeetingSeries(
            name=(name or "").strip(),
            kind=kind,
            rrule=(rrule or "").strip(),
            first_date=first_date,
            start_time=start_time,
            duration_minutes=duration_minutes,
            on_bank_holiday=on_bank_holiday,
            location=(location or "").strip(),
            online_link=online_link or "",
            chair=chair,
            slot_minutes=slot_minutes,
            capacity=capacity,
            created_by=actor,
            modified_by=actor,
        )
        series.full_clean()
        series.save()
        until = clock.today() + dt.timedelta(days=generate_days)
        # The permission is checked above (an administrator is not a meetings manager).
        created = schedule.meetings_schedule(series=series, until=until, actor=actor)
        event_record(
            actor=actor,
            verb=Event.Verb.SERIES_CREATED,
            obj=series,
            payload={
                "name": series.name,
                "kind": series.kind,
                "rrule": series.rrule,
                "first_date": series.first_date.isoformat(),
                "chair": _shown(chair) or "",
                "meetings_scheduled": len(created),
            },
        )
    return series


def series_update(*, actor, series: MeetingSeries, **values) -> MeetingSeries:
    """Change a series. Meetings already scheduled keep their dates and details; the
    meetings scheduled after the change follow it."""
    _require(actor)
    unknown = set(values) - set(CHANGEABLE)
    if unknown:
        raise TypeError(f"series_update cannot change {', '.join(sorted(unknown))}")
    for text in ("name", "rrule", "location"):
        if text in values:
            values[text] = (values[text] or "").strip()
    if "online_link" in values:
        values["online_link"] = values["online_link"] or ""
    if "chair" in values:
        _check_chair(values["chair"], series.kind)
    if "rrule" in values and values["rrule"] != series.rrule:
        schedule.rrule_validate(values["rrule"], series.first_date)
    changes = {
        field: {"before": _shown(getattr(series, field)), "after": _shown(value)}
        for field, value in values.items()
        if getattr(series, field) != value
    }
    if not changes:
        return series
    with transaction.atomic():
        for field in changes:
            setattr(series, field, values[field])
        series.modified_by = actor
        series.full_clean()
        series.save(update_fields=[*changes, "modified_by", "modified_at"])
        event_record(actor=actor, verb=Event.Verb.SERIES_CHANGED, obj=series, payload=changes)
    return series


def series_member_add(
    *,
    actor,
    series: MeetingSeries,
    agency: Agency,
    representative: User,
    deputy: User | None = None,
) -> SeriesMember:
    """Give an agency a seat on the series: a representative and, if named, a deputy."""
    _require(actor)
    errors = {}
    for field, person in (("representative", representative), ("deputy", deputy)):
        if person is not None and (not person.is_active or person.role == Role.REFERRER):
            errors[field] = f"Choose a {field} who is switched on and is not a referrer"
    if deputy is not None and representative is not None and deputy.pk == representative.pk:
        errors["deputy"] = "The deputy must be someone other than the representative"
    if series.members.filter(agency=agency).exists():
        errors["agency"] = f"{agency} already has a seat: remove it first"
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            member = SeriesMember(
                series=series, agency=agency, representative=representative, deputy=deputy
            )
            member.full_clean(validate_constraints=False)
            member.save()
            event_record(
                actor=actor,
                verb=Event.Verb.SERIES_MEMBER_ADDED,
                obj=member,
                payload={
                    "series": series.name,
                    "agency": agency.name,
                    "representative": representative.email,
                    "deputy": deputy.email if deputy is not None else "",
                },
            )
    except IntegrityError:  # a seat added at the same moment by someone else
        raise ValidationError({"agency": f"{agency} already has a seat: remove it first"}) from None
    return member


def series_member_remove(*, actor, member: SeriesMember) -> None:
    """Take an agency's seat off the series (invitations already sent are not withdrawn)."""
    _require(actor)
    with transaction.atomic():
        event_record(
            actor=actor,
            verb=Event.Verb.SERIES_MEMBER_REMOVED,
            obj=member,
            payload={
                "series": member.series.name,
                "agency": member.agency.name,
                "representative": member.representative.email,
                "deputy": member.deputy.email if member.deputy_id else "",
            },
        )
        member.delete()
