"""Turning raw messages into referrals: one transaction per message, and one message's failure
never stops the run. The raw bytes are kept whatever happens to a message."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q

from mace.referrals.intake.mail import Envelope, ParsedMessage, parse_message, read_envelope
from mace.referrals.intake.safety import Limits, Rejected, check_docx, classify_attachment
from mace.referrals.models import InboundMessage, Referral
from mace.referrals.services.referrals import referral_receive
from mace.referrals.wordform import FormUnreadable, ParsedForm, read_form

IMPORTED = "imported"
QUARANTINED = "quarantined"
ALREADY = "already"

_DANGEROUS = {
    "macro": "is a macro-enabled Office document; macros can run code",
    "program": "is a program or script, which the mailbox does not accept",
    "archive": "is an archive whose contents cannot be checked",
}


@dataclass(frozen=True)
class RawMessage:
    """A message as it came from the mailbox, and where it came from."""

    data: bytes
    source: str = ""
    key: str = ""  # the Maildir key or IMAP UID, for moving it afterwards


@dataclass(frozen=True)
class Outcome:
    """What intake made of one message."""

    status: str  # IMPORTED, QUARANTINED or ALREADY
    referrals: int = 0
    reason: str = ""
    inbound: InboundMessage | None = None


@dataclass
class IntakeResult:
    messages: int = 0
    referrals: int = 0
    quarantined: int = 0
    already: int = 0
    source_error: str = ""
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.messages += 1
        self.referrals += outcome.referrals
        self.quarantined += outcome.status == QUARANTINED
        self.already += outcome.status == ALREADY
        self.outcomes.append(outcome)

    def summary(self) -> str:
        return (
            f"intake: {self.messages} messages, {self.referrals} referrals, "
            f"{self.quarantined} quarantined, {self.already} already imported"
        )


class SourceError(Exception):
    """The mailbox could not be read (or stopped answering part way)."""


def intake_messages(
    *,
    sources: Iterable[RawMessage | bytes],
    limits: Limits | None = None,
    after: Callable[[RawMessage, Outcome], None] | None = None,
) -> IntakeResult:
    """Take in every message; `after` is told each outcome (to move the message)."""
    limits = limits or Limits.from_settings()
    result = IntakeResult()
    iterator = iter(sources)
    while True:
        try:
            message = next(iterator)
        except StopIteration:
            break
        except SourceError as exc:
            result.source_error = str(exc)
            break
        if isinstance(message, bytes):
            message = RawMessage(data=message)
        try:
            outcome = intake_message(message=message, limits=limits)
        except DatabaseError as exc:  # not even the quarantine could be stored: stop here
            result.source_error = f"The database could not be written: {exc}"
            break
        result.add(outcome)
        if after is not None:
            try:
                after(message, outcome)
            except SourceError as exc:
                result.source_error = str(exc)
                break
    return result


def intake_message(*, message: RawMessage, limits: Limits) -> Outcome:
    """Import one message as referrals, or quarantine it; never raises for its content."""
    sha256 = hashlib.sha256(message.data).hexdigest()
    envelope = read_envelope(raw=message.data)
    if _already_imported(sha256=sha256, message_id=envelope.message_id):
        return Outcome(status=ALREADY)
    try:
        plans = _referrals_for(raw=message.data, limits=limits)
    except Rejected as exc:
        return _quarantine(message, sha256, envelope, str(exc))
    except Exception as exc:  # one unreadable message never stops the run
        return _quarantine(message, sha256, envelope, f"It could not be read: {_describe(exc)}")
    try:
        with transaction.atomic():
            inbound = _store(message, sha256, envelope, outcome=InboundMessage.Outcome.IMPORTED)
            for plan in plans:
                referral_receive(channel=Referral.Channel.EMAIL, source_message=inbound, **plan)
    except Exception as exc:
        if isinstance(exc, IntegrityError) and _already_imported(sha256=sha256, message_id=""):
            return Outcome(status=ALREADY)  # another run stored it first
        reason = f"The referral could not be created: {_describe(exc)}"
        return _quarantine(message, sha256, envelope, reason)
    return Outcome(status=IMPORTED, referrals=len(plans), inbound=inbound)


def _referrals_for(*, raw: bytes, limits: Limits) -> list[dict]:
    """The referral_receive arguments for each referral the message makes (one per form)."""
    message = parse_message(raw=raw, limits=limits)
    forms: list[ParsedForm] = []
    not_read: list[str] = []
    for attachment in message.attachments:
        kind = classify_attachment(
            filename=attachment.filename, content_type=attachment.content_type
        )
        if kind in _DANGEROUS:
            raise Rejected(f"The attachment “{attachment.filename}” {_DANGEROUS[kind]}.")
        if kind != "docx":
            not_read.append(attachment.filename)
            continue
        check_docx(data=attachment.data, filename=attachment.filename, limits=limits)
        try:
            form = read_form(data=attachment.data)
        except FormUnreadable as exc:
            raise Rejected(
                f"The Word document “{attachment.filename}” could not be read: {exc}"
            ) from exc
        if form.recognised:
            forms.append(form)
        else:
            not_read.append(f"{attachment.filename} (a Word document, not the referral form)")
    if not forms:
        return [_plan(message=message, form=None, not_read=not_read)]
    return [_plan(message=message, form=form, not_read=not_read) for form in forms]


def _plan(*, message: ParsedMessage, form: ParsedForm | None, not_read: list[str]) -> dict:
    envelope = message.envelope
    fields = dict(form.fields) if form else {}
    if not fields.get("referrer_email"):
        fields["referrer_email"] = envelope.sender_email[:254]
    if not fields.get("referrer_name"):
        fields["referrer_name"] = envelope.sender_name[:200]
    parts = []
    if form is None:
        parts.append(f"Email subject: {envelope.subject or '(none)'}")
        parts.append(message.body or "(The email has no text.)")
    elif message.body:
        parts.append(f"Covering email:\n{message.body}")
    if not_read:
        parts.append(
            "Attachments not read (kept with the original message): " + "; ".join(not_read)
        )
    if form is not None and form.problems:
        parts.append(
            "Answers on the form that could not be used:\n"
            + "\n".join(f"- {problem}" for problem in form.problems)
        )
    return {
        "fields": fields,
        "perpetrators": form.perpetrators if form else [],
        "form_missing": form is None,
        "narrative": "\n\n".join(parts),
    }


def _already_imported(*, sha256: str, message_id: str) -> bool:
    same = Q(sha256=sha256) | Q(message_id=message_id) if message_id else Q(sha256=sha256)
    return InboundMessage.objects.filter(same).exists()


def _store(
    message: RawMessage, sha256: str, envelope: Envelope, *, outcome: str, reason: str = ""
) -> InboundMessage:
    return InboundMessage.objects.create(
        message_id=envelope.message_id,
        sha256=sha256,
        sender=envelope.sender_email or envelope.sender_name[:320],
        subject=envelope.subject,
        raw=message.data,
        size=len(message.data),
        source=message.source[:200],
        outcome=outcome,
        quarantine_reason=reason,
    )


def _quarantine(message: RawMessage, sha256: str, envelope: Envelope, reason: str) -> Outcome:
    try:
        with transaction.atomic():
            outcome = InboundMessage.Outcome.QUARANTINED
            inbound = _store(message, sha256, envelope, outcome=outcome, reason=reason)
    except IntegrityError:
        if _already_imported(sha256=sha256, message_id=""):
            return Outcome(status=ALREADY)
        raise
    return Outcome(status=QUARANTINED, reason=reason, inbound=inbound)


def _describe(exc: Exception) -> str:
    """The exception's class and message, for a quarantine reason."""
    detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
