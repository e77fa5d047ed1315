"""The mailbox intake's corpus: messages the tests generate as a mail server would deliver
them (good forms, emails without a form, and every kind of unreadable or dangerous
message), each with the outcome and reason the intake should give it."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

from mace.referrals.intake.safety import MB
from mace.referrals.wordform import DOCX_CONTENT_TYPE, build_form
from tests.factories.wordform import filled_referral_form

SENDER = "Priya Shah <priya.shah@leeds.gov.uk>"

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def email(
    *,
    message_id: str,
    body: str = "Please find my referral attached.",
    subject: str = "MACE referral",
    sender: str = SENDER,
    attachments: tuple = (),
    html: str | None = None,
) -> bytes:
    """A message as a mail server would deliver it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "mace-referrals@leeds.gov.uk"
    message["Subject"] = subject
    message["Date"] = "Mon, 02 Mar 2026 09:15:00 +0000"
    message["Message-ID"] = f"<{message_id}@leeds.gov.uk>"
    if html is not None:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
    for filename, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def docx(filename: str, data: bytes) -> tuple[str, bytes, str]:
    return (filename, data, DOCX_CONTENT_TYPE)


def rezip(data: bytes, *, add: dict[str, bytes] = (), content_types: bytes = b"") -> bytes:
    """A copy of a .docx with files added, and its [Content_Types].xml changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml" and content_types:
                content = content.replace(b"</Types>", content_types + b"</Types>")
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
        for name, content in dict(add).items():
            target.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def macro_enabled_docx() -> bytes:
    return rezip(
        build_form(),
        add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 fake VBA project"},
        content_types=b'<Override PartName="/word/vbaProject.bin" '
        b'ContentType="application/vnd.ms-office.vbaProject"/>',
    )


def zip_bomb() -> bytes:
    """A small .docx whose document.xml unpacks to 5 MB of nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (5 * MB))
    return out.getvalue()


def encrypted_docx() -> bytes:
    """What Word saves when a document has a password: an OLE file, not a zip."""
    return (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + "EncryptedPackage".encode("utf-16-le")
    )


def two_forms() -> bytes:
    other = filled_referral_form(child_given_name="Mia", child_date_of_birth="1 May 2011")
    return email(
        message_id="two-forms",
        body="Referrals for two sisters.",
        attachments=(docx("jay.docx", filled_referral_form()), docx("mia.docx", other)),
    )


def truncated() -> bytes:
    whole = email(message_id="truncated", attachments=(docx("form.docx", build_form()),))
    return whole[: len(whole) // 2]


def no_boundary() -> bytes:
    raw = email(message_id="no-boundary", attachments=(("notes.pdf", PDF, "application/pdf"),))
    head, rest = raw.split(b"boundary=", 1)
    return head + b"charset=utf-8\n" + rest.split(b"\n", 1)[1]


# The corpus: (message, outcome, what the reason says).
CORPUS = [
    (
        "good form",
        lambda: email(
            message_id="good",
            attachments=(docx("Referral Jay Smith.docx", filled_referral_form()),),
        ),
        "imported",
        "",
    ),
    (
        "no form",
        lambda: email(
            message_id="no-form",
            subject="Worried about KO",
            body="KO, 14, seen with older males at the parade.\nPlease call me.",
        ),
        "imported",
        "",
    ),
    (
        "html only",
        lambda: email(
            message_id="html",
            html="<p>Child <b>AB</b> missing</p><script>alert(1)</script><p>Found in Bradford</p>",
        ),
        "imported",
        "",
    ),
    (
        "legacy doc and pdf",
        lambda: email(
            message_id="legacy",
            attachments=(
                (
                    "old form.doc",
                    bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 100,
                    "application/msword",
                ),
                ("chronology.pdf", PDF, "application/pdf"),
            ),
        ),
        "imported",
        "",
    ),
    ("two forms", two_forms, "imported", ""),
    (
        "docm",
        lambda: email(
            message_id="docm",
            attachments=(
                (
                    "form.docm",
                    macro_enabled_docx(),
                    "application/vnd.ms-word.document.macroEnabled.12",
                ),
            ),
        ),
        "quarantined",
        "The attachment “form.docm” is a macro-enabled Office document",
    ),
    (
        "docm named docx",
        lambda: email(
            message_id="docm-as-docx", attachments=(docx("form.docx", macro_enabled_docx()),)
        ),
        "quarantined",
        "The attachment “form.docx” is macro-enabled: it contains macros.",
    ),
    (
        "encrypted",
        lambda: email(message_id="encrypted", attachments=(docx("form.docx", encrypted_docx()),)),
        "quarantined",
        "The attachment “form.docx” is password-protected (encrypted).",
    ),
    (
        "oversized",
        lambda: email(
            message_id="oversized",
            attachments=(("scan.pdf", PDF + b"0" * (MB + 1), "application/pdf"),),
        ),
        "quarantined",
        "The attachment “scan.pdf” is 1.0 MB, over the 1 MB limit for an attachment.",
    ),
    (
        "zip bomb",
        lambda: email(message_id="bomb", attachments=(docx("form.docx", zip_bomb()),)),
        "quarantined",
        "The attachment “form.docx” looks like a zip bomb: “word/document.xml” "
        "is compressed more than 100 to 1.",
    ),
    (
        "pdf named docx",
        lambda: email(message_id="pdf-as-docx", attachments=(docx("form.docx", PDF),)),
        "quarantined",
        "The attachment “form.docx” is not really a Word document: it is a PDF.",
    ),
    (
        "text named docx",
        lambda: email(
            message_id="text-as-docx",
            attachments=(docx("form.docx", b"Name: Jay\nDOB: 27/03/2010\n"),),
        ),
        "quarantined",
        "The attachment “form.docx” is not really a Word document: it is plain text.",
    ),
    (
        "program",
        lambda: email(
            message_id="exe",
            attachments=(("invoice.exe", b"MZ\x90\x00", "application/octet-stream"),),
        ),
        "quarantined",
        "The attachment “invoice.exe” is a program or script",
    ),
    (
        "no boundary",
        no_boundary,
        "quarantined",
        "The message's MIME structure is broken: a multipart section has no boundary.",
    ),
    (
        "truncated",
        truncated,
        "quarantined",
        "The message's MIME structure is broken: it is "
        "truncated (a multipart section is never closed).",
    ),
    (
        "service fails",
        lambda: email(message_id="fails", body="EXPLODE"),
        "quarantined",
        "The referral could not be created: RuntimeError: the database said no",
    ),
    ("same message-id", lambda: email(message_id="good", body="A different body"), "already", ""),
    (
        "same bytes",
        lambda: email(
            message_id="no-form",
            subject="Worried about KO",
            body="KO, 14, seen with older males at the parade.\nPlease call me.",
        ),
        "already",
        "",
    ),
]

# What the intake says after reading the whole corpus.
SUMMARY = "intake: 18 messages, 6 referrals, 11 quarantined, 2 already imported"
