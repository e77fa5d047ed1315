"""Silver and Gold: attendance, themes and a partnership action."""

from __future__ import annotations

import datetime as dt

from mace.core import clock
from mace.demo.meetings.context_texts import STRATEGIC_ACTIONS
from mace.demo.meetings.maker import _rows_write
from mace.meetings.models import Attendance, Meeting
from mace.meetings.services.recording import finding_add


class StrategicMeetings:
    """Silver and Gold (a part of MeetingMaker)."""

    # Silver and Gold -----------------------------------------------------------------------

    def strategic_meetings(self, meetings: list[Meeting], findings) -> None:
        """Attendance, themes and a partnership action at each past meeting."""
        actor = self.coordinator
        past = [m for m in meetings if m.date < self.today]
        for index, meeting in enumerate(past):
            start = meeting.starts_at
            with clock.set_to(start):
                chair_seat, *seats = self.strategic[meeting.kind]
                person = chair_seat.representative
                self._attend(
                    meeting, chair_seat.agency, Attendance.Status.PRESENT, person.full_name
                )
                for seat in seats:
                    came = self.rng.random() < 0.85
                    status = Attendance.Status.PRESENT if came else Attendance.Status.APOLOGIES
                    self._attend(meeting, seat.agency, status, seat.representative.full_name)
                _rows_write(Attendance, self.attendance, actor)
                self.attendance = []
            with clock.set_to(start + dt.timedelta(minutes=meeting.duration_minutes - 15)):
                for offset in range(2):
                    kind, description = findings[(2 * index + offset) % len(findings)]
                    finding_add(actor=actor, meeting=meeting, kind=kind, description=description)
                    self.counts["findings"] += 1
                kind, text, note = STRATEGIC_ACTIONS[index % len(STRATEGIC_ACTIONS)]
                self._action(meeting, None, kind, text, note)
            self._conclude(meeting)
