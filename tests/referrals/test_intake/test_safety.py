"""The intake's safety checks on their own (mace.referrals.intake.safety), with the default
limits."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from mace.referrals.intake.safety import MB, Limits, Rejected, check_attachment_size, check_docx
from mace.referrals.wordform import build_form

pytestmark = pytest.mark.django_db


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
