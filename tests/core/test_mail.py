"""Email leaves after the commit (mace.core.mail), or is withheld."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMessage
from django.db import transaction

from mace.core import mail


def _message(to: str = "grace.mensah@leeds.gov.example") -> EmailMessage:
    return EmailMessage("Invitation: Child-focused MACE", "Body", "mace@demo.example", [to])


@pytest.mark.django_db
def test_a_message_is_sent_when_the_transaction_commits_and_not_before(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail.send_after_commit([_message()])
        assert django_mail.outbox == []
    assert [m.to for m in django_mail.outbox] == [["grace.mensah@leeds.gov.example"]]


@pytest.mark.django_db
def test_a_message_of_a_rolled_back_transaction_is_never_sent(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail.send_after_commit([_message()])
        raise RuntimeError("the write failed")
    assert callbacks == []
    assert django_mail.outbox == []


@pytest.mark.django_db
def test_withheld_messages_are_kept_not_sent(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        mail.withheld() as kept,
        transaction.atomic(),
    ):
        mail.send_after_commit([_message(), _message("mark.pearson@leeds.gov.example")])
    assert len(kept) == 2
    assert django_mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_after_commit([_message()])  # outside the block, sent again
    assert len(django_mail.outbox) == 1
