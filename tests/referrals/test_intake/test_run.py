"""Secure mailbox intake over a corpus of messages the tests generate: good forms, emails
without a form, and every kind of unreadable or dangerous message, which is quarantined with
its reason and never stops the run. Running twice imports nothing twice."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from mace.audit.models import Event
from mace.referrals.intake.run import intake_messages
from mace.referrals.intake.safety import MB
from mace.referrals.models import InboundMessage, Referral
from tests.factories import CORPUS, SUMMARY, docx, email, filled_referral_form, two_forms

pytestmark = pytest.mark.django_db


def test_every_message_is_imported_or_quarantined_with_its_reason(corpus):
    result = intake_messages(sources=corpus)
    assert result.summary() == SUMMARY
    for (label, _, status, reason), outcome in zip(CORPUS, result.outcomes, strict=True):
        assert outcome.status == status, label
        assert outcome.reason.startswith(reason), label
        if outcome.inbound is not None:
            stored = InboundMessage.objects.get(pk=outcome.inbound.pk)
            assert stored.outcome == status
            assert stored.quarantine_reason == outcome.reason
    assert InboundMessage.objects.count() == 16
    assert Referral.objects.count() == 6
    assert set(Referral.objects.values_list("status", "channel")) == {("new", "email")}


def test_a_filled_form_becomes_a_referral_field_by_field(corpus, audited):
    intake_messages(sources=corpus[:1])
    inbound = InboundMessage.objects.get()
    assert bytes(inbound.raw) == corpus[0]
    assert inbound.message_id == "<good@leeds.gov.uk>"
    assert inbound.sender == "priya.shah@leeds.gov.uk"
    referral = Referral.objects.get(source_message=inbound)
    assert not referral.form_missing
    assert referral.child_given_name == "Jay"
    assert referral.child_date_of_birth == dt.date(2010, 3, 27)
    assert referral.child_postcode == "LS9 7QT"
    assert referral.looked_after == "s20"
    assert referral.concerns == ["cce", "county_lines", "missing"]
    assert referral.lawful_basis == "safeguarding"
    assert referral.referrer_email == "priya.shah@leeds.gov.uk"
    person = referral.perpetrators.get()
    assert (person.name, person.aliases, person.vehicle) == (
        "Dean Walker",
        "D-Man",
        "Black Audi A3",
    )
    assert referral.narrative == "Covering email:\nPlease find my referral attached."
    received = audited(Event.Verb.REFERRAL_RECEIVED, actor=None, child=None, obj=referral)
    assert received.payload == {"channel": "email"}


def test_an_email_without_a_form_becomes_a_referral_with_its_body(corpus):
    intake_messages(sources=corpus[1:4])
    no_form, html, legacy = Referral.objects.order_by("submitted_at")
    assert no_form.form_missing
    assert no_form.referrer_name == "Priya Shah"
    assert no_form.referrer_email == "priya.shah@leeds.gov.uk"
    assert no_form.narrative == (
        "Email subject: Worried about KO\n\n"
        "KO, 14, seen with older males at the parade.\nPlease call me."
    )
    assert html.narrative == "Email subject: MACE referral\n\nChild AB missing\n\nFound in Bradford"
    assert legacy.form_missing
    assert legacy.narrative.endswith(
        "Attachments not read (kept with the original message): old form.doc; chronology.pdf"
    )


def test_each_form_in_a_message_becomes_its_own_referral(corpus):
    result = intake_messages(sources=[two_forms()])
    assert result.summary() == "intake: 1 messages, 2 referrals, 0 quarantined, 0 already imported"
    names = set(Referral.objects.values_list("child_given_name", "child_date_of_birth"))
    assert names == {("Jay", dt.date(2010, 3, 27)), ("Mia", dt.date(2011, 5, 1))}
    assert InboundMessage.objects.get().referrals.count() == 2


def test_answers_the_form_could_not_use_are_kept_in_the_narrative():
    form = filled_referral_form(child_in_need="Perhaps", referrer_email="")
    intake_messages(sources=[email(message_id="odd", attachments=(docx("f.docx", form),))])
    referral = Referral.objects.get()
    assert referral.child_in_need == ""
    assert referral.referrer_email == "priya.shah@leeds.gov.uk"  # from the sender instead
    assert "“Perhaps” is not one of Yes / No / Not known" in referral.narrative


def test_a_word_document_that_is_not_the_form_is_noted_and_the_form_marked_missing():
    letter = Document()
    letter.add_paragraph("To whom it may concern")
    buffer = io.BytesIO()
    letter.save(buffer)
    raw = email(message_id="letter", attachments=(docx("letter.docx", buffer.getvalue()),))
    intake_messages(sources=[raw])
    referral = Referral.objects.get()
    assert referral.form_missing
    assert "letter.docx (a Word document, not the referral form)" in referral.narrative


def test_running_twice_imports_nothing_twice(corpus):
    first = intake_messages(sources=corpus)
    counts = (InboundMessage.objects.count(), Referral.objects.count())
    second = intake_messages(sources=corpus)
    assert first.summary() == SUMMARY
    again = "intake: 18 messages, 0 referrals, 0 quarantined, 18 already imported"
    assert second.summary() == again
    assert (InboundMessage.objects.count(), Referral.objects.count()) == counts


def test_a_message_over_the_message_limit_is_quarantined_unparsed(settings):
    settings.MACE_INTAKE_MAX_MESSAGE_MB = 1
    raw = email(message_id="huge", body="x" * (2 * MB))
    result = intake_messages(sources=[raw])
    assert result.quarantined == 1
    assert InboundMessage.objects.get().quarantine_reason.startswith("The message is 2.")


def test_something_that_is_not_an_email_is_quarantined():
    result = intake_messages(sources=[b"", b"\x00\x01 not mail \xff" * 20])
    assert result.summary() == "intake: 2 messages, 0 referrals, 2 quarantined, 0 already imported"
    reasons = list(InboundMessage.objects.values_list("quarantine_reason", flat=True))
    assert reasons == ["This is not an email message: it has no headers."] * 2
