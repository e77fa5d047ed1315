"""Secure mailbox intake over a corpus of messages the tests generate: good forms, emails
without a form, and every kind of unreadable or dangerous message, which is quarantined with
its reason and never stops the run. Running twice imports nothing twice."""

from __future__ import annotations

import datetime as dt
import io
import mailbox
import zipfile
import zlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from mace import cli
from mace.audit.models import Event
from mace.referrals.intake import sources
from mace.referrals.intake.run import intake_messages
from mace.referrals.intake.safety import MB, Limits, Rejected, check_attachment_size, check_docx
from mace.referrals.models import InboundMessage, Referral
from mace.referrals.wordform import build_form
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


# The safety checks on their own, with the default limits.


def test_default_limits_are_10_mb_per_attachment_and_25_mb_per_message():
    limits = Limits()
    assert (limits.attachment_bytes, limits.message_bytes) == (10 * MB, 25 * MB)
    check_attachment_size(data=b"0" * (10 * MB), filename="a.pdf", limits=limits)
    with pytest.raises(Rejected, match="over the 10 MB limit"):
        check_attachment_size(data=b"0" * (10 * MB + 1), filename="a.pdf", limits=limits)


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        (
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"x",
                "../../etc/passwd": b"x",
            },
            "unsafe path",
        ),
        ({"[Content_Types].xml": b"<Types/>"}, "it has no word/document.xml"),
        (
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"x",
                "word/embeddings/inner.zip": b"PK\x03\x04nested",
            },
            "embedded file or archive",
        ),
        ({f"word/media/{n}.xml": b"x" for n in range(1001)}, "holds 1001 files"),
        (
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b'<?xml version="1.0"?>'
                b'<!DOCTYPE lol [<!ENTITY lol "lol">]><w:document/>',
            },
            "document type declaration",
        ),
    ],
)
def test_check_docx_rejects_what_python_docx_should_never_open(files, reason):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    with pytest.raises(Rejected, match=reason):
        check_docx(data=out.getvalue(), filename="f.docx", limits=Limits())


def test_check_docx_rejects_a_zip_that_unpacks_past_the_total_limit():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", zlib.compress(b"x") * 1000)
        archive.writestr("word/media/big.bin", b"\x00" * (2 * MB))
    with pytest.raises(Rejected, match="unpacks to 2.0 MB, over the 1 MB limit"):
        check_docx(data=out.getvalue(), filename="f.docx", limits=Limits(uncompressed_bytes=MB))


def test_the_generated_form_passes_the_safety_checks():
    check_docx(data=build_form(), filename="form.docx", limits=Limits())


# The command: Maildir.


def maildir_with(path, messages: list[bytes]) -> mailbox.Maildir:
    box = mailbox.Maildir(path, create=True)
    for raw in messages:
        box.add(raw)
    return box


def run_intake(*args, **options) -> str:
    out = StringIO()
    call_command("intake", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_intake_from_a_maildir_moves_each_message_once_handled(tmp_path, corpus):
    box = maildir_with(tmp_path / "mail", corpus)
    assert run_intake(maildir=str(tmp_path / "mail")) == SUMMARY + "\n"
    assert len(box) == 0
    processed = list((tmp_path / "mail" / ".Processed" / "cur").iterdir())
    quarantined = list((tmp_path / "mail" / ".Quarantine" / "cur").iterdir())
    assert (len(processed), len(quarantined)) == (7, 11)
    assert all(p.name.endswith(":2,S") for p in processed + quarantined)
    assert sorted(p.read_bytes() for p in processed + quarantined) == sorted(corpus)
    empty = "intake: 0 messages, 0 referrals, 0 quarantined, 0 already imported\n"
    assert run_intake(maildir=str(tmp_path / "mail")) == empty


def test_a_redelivered_message_is_reported_as_already_imported(tmp_path, corpus):
    maildir_with(tmp_path / "mail", corpus[:2])
    run_intake(maildir=str(tmp_path / "mail"))
    maildir_with(tmp_path / "mail", corpus[:2])
    assert run_intake("--keep", maildir=str(tmp_path / "mail")) == (
        "intake: 2 messages, 0 referrals, 0 quarantined, 2 already imported\n"
    )
    assert len(mailbox.Maildir(tmp_path / "mail", create=False)) == 2  # --keep left them


def test_a_database_failure_stops_the_run_after_the_summary(tmp_path, corpus, monkeypatch):
    from django.db import OperationalError

    from mace.referrals.intake import run

    def locked(**kwargs):
        raise OperationalError("database is locked")

    maildir_with(tmp_path / "mail", corpus[:2])
    monkeypatch.setattr(run, "_already_imported", locked)
    out = StringIO()
    with pytest.raises(CommandError, match="database is locked") as error:
        call_command("intake", maildir=str(tmp_path / "mail"), stdout=out, stderr=StringIO())
    assert error.value.returncode == 1
    assert out.getvalue() == "intake: 0 messages, 0 referrals, 0 quarantined, 0 already imported\n"
    assert len(mailbox.Maildir(tmp_path / "mail", create=False)) == 2  # nothing moved


# Exit codes, through the `mace` console script as cron would run it.


def test_exit_code_2_for_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["mace", "intake"])
    assert exit_.value.code == 2
    assert "one of the arguments --maildir --imap is required" in capsys.readouterr().err


def test_exit_code_1_when_the_maildir_is_missing(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["mace", "intake", "--maildir", str(tmp_path / "nowhere")])
    assert exit_.value.code == 1
    assert f"There is no Maildir at {tmp_path / 'nowhere'}" in capsys.readouterr().err


def test_exit_code_2_when_imap_settings_are_missing(monkeypatch, capsys):
    monkeypatch.delenv("MACE_IMAP_HOST", raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["mace", "intake", "--imap"])
    assert exit_.value.code == 2
    assert "Set MACE_IMAP_HOST" in capsys.readouterr().err


# The command: IMAP, with a fake mailbox in place of the server.


class FakeMailBox:
    def __init__(self, messages: list[bytes], *, fail_after: int | None = None):
        self.messages = {str(uid): raw for uid, raw in enumerate(messages, start=100)}
        self.folders = {"INBOX"}
        self.moved: dict[str, str] = {}
        self.fail_after = fail_after
        self.logged_out = False
        self.folder = SimpleNamespace(
            set=lambda name: None,
            exists=lambda name: name in self.folders,
            create=self.folders.add,
        )

    def fetch(self, *, mark_seen: bool, bulk: bool):
        assert mark_seen is False
        for count, (uid, raw) in enumerate(list(self.messages.items())):
            if self.fail_after is not None and count == self.fail_after:
                raise ConnectionResetError("connection reset by peer")
            yield SimpleNamespace(uid=uid, raw=raw)

    def move(self, uid: str, folder: str) -> None:
        assert folder in self.folders
        self.moved[uid] = folder
        del self.messages[uid]

    def logout(self) -> None:
        self.logged_out = True


@pytest.fixture
def imap_env(monkeypatch):
    for name, value in {
        "MACE_IMAP_HOST": "imap.leeds.gov.uk",
        "MACE_IMAP_USER": "mace",
        "MACE_IMAP_PASSWORD": "not-a-real-password",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("MACE_IMAP_QUARANTINE_FOLDER", raising=False)


def test_intake_over_imap_moves_messages_to_processed_or_quarantine(imap_env, monkeypatch, corpus):
    fake = FakeMailBox(corpus)
    monkeypatch.setattr(sources, "imap_connect", lambda *, config: fake)
    assert run_intake(imap=True) == SUMMARY + "\n"
    assert {"MACE/Processed", "MACE/Quarantine"} <= fake.folders
    assert list(fake.moved.values()).count("MACE/Quarantine") == 11
    assert list(fake.moved.values()).count("MACE/Processed") == 7
    assert fake.logged_out
    assert InboundMessage.objects.filter(source="imap:mace@imap.leeds.gov.uk/INBOX").count() == 16


def test_exit_code_1_when_imap_sign_in_fails(imap_env, monkeypatch):
    def refuse(*, config):
        raise OSError("certificate verify failed")

    monkeypatch.setattr(sources, "imap_connect", refuse)
    with pytest.raises(CommandError, match="Could not sign in to the IMAP server") as error:
        run_intake(imap=True)
    assert error.value.returncode == 1
    assert "not-a-real-password" not in str(error.value)


def test_a_connection_lost_part_way_keeps_what_was_done_and_exits_1(imap_env, monkeypatch, corpus):
    fake = FakeMailBox(corpus[:3], fail_after=2)
    monkeypatch.setattr(sources, "imap_connect", lambda *, config: fake)
    out = StringIO()
    with pytest.raises(CommandError, match="stopped answering") as error:
        call_command("intake", imap=True, stdout=out, stderr=StringIO())
    assert error.value.returncode == 1
    assert out.getvalue() == "intake: 2 messages, 2 referrals, 0 quarantined, 0 already imported\n"


def test_imap_connects_over_tls_with_a_verified_certificate(monkeypatch):
    made = {}

    class Box:
        def __init__(self, host, port, *, timeout, ssl_context):
            made.update(host=host, port=port, context=ssl_context)

        def login(self, user, password, initial_folder):
            made.update(user=user)
            return self

    monkeypatch.setattr(sources, "_MailBox", Box)
    config = sources.ImapSettings.from_environment(
        {
            "MACE_IMAP_HOST": "imap.leeds.gov.uk",
            "MACE_IMAP_USER": "mace",
            "MACE_IMAP_PASSWORD": "pw-123",
        }
    )
    sources.imap_connect(config=config)
    assert (made["host"], made["port"], made["user"]) == ("imap.leeds.gov.uk", 993, "mace")
    assert made["context"].check_hostname
    assert "pw-123" not in repr(config)
