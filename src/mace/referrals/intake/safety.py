"""Checks made before anything parses an attachment: python-docx never opens a file these
reject. Each failure is a Rejected with a reason in plain English, which intake keeps as the
message's quarantine reason."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings

MB = 1024 * 1024
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURE = b"PK\x03\x04"
DOCX_TYPES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
MACRO_EXTENSIONS = {
    ".docm",
    ".dotm",
    ".xlsm",
    ".xltm",
    ".xlam",
    ".xlsb",
    ".pptm",
    ".potm",
    ".ppam",
    ".ppsm",
    ".sldm",
}
PROGRAM_EXTENSIONS = {
    ".exe",
    ".com",
    ".scr",
    ".pif",
    ".bat",
    ".cmd",
    ".js",
    ".jse",
    ".vbs",
    ".vbe",
    ".wsf",
    ".wsh",
    ".ps1",
    ".msi",
    ".msp",
    ".jar",
    ".hta",
    ".lnk",
    ".dll",
    ".cpl",
    ".reg",
    ".sh",
    ".iso",
    ".img",
    ".vhd",
    ".vhdx",
    ".one",
}
PROGRAM_TYPES = {
    "application/x-msdownload",
    "application/x-msdos-program",
    "application/x-dosexec",
    "application/x-ms-installer",
    "application/java-archive",
    "application/x-sh",
    "application/hta",
    "application/x-iso9660-image",
}
ARCHIVE_EXTENSIONS = {
    ".zip",
    ".rar",
    ".7z",
    ".gz",
    ".tgz",
    ".tar",
    ".bz2",
    ".xz",
    ".cab",
    ".z",
    ".arj",
    ".ace",
}
ARCHIVE_TYPES = {
    "application/zip",
    "application/x-zip-compressed",
    "application/x-rar-compressed",
    "application/vnd.rar",
    "application/x-7z-compressed",
    "application/gzip",
    "application/x-gzip",
    "application/x-tar",
    "application/x-bzip2",
}
_CHUNK = 64 * 1024


class Rejected(Exception):
    """Why a message is quarantined, in plain English."""


@dataclass(frozen=True)
class Limits:
    attachment_bytes: int = 10 * MB
    message_bytes: int = 25 * MB
    uncompressed_bytes: int = 50 * MB
    compression_ratio: int = 100
    max_entries: int = 1000

    @classmethod
    def from_settings(cls) -> Limits:
        """The limits, each overridable by a MACE_INTAKE_* setting (sizes in MB)."""
        return cls(
            attachment_bytes=int(getattr(settings, "MACE_INTAKE_MAX_ATTACHMENT_MB", 10) * MB),
            message_bytes=int(getattr(settings, "MACE_INTAKE_MAX_MESSAGE_MB", 25) * MB),
            uncompressed_bytes=int(getattr(settings, "MACE_INTAKE_MAX_UNZIPPED_MB", 50) * MB),
            compression_ratio=int(getattr(settings, "MACE_INTAKE_MAX_COMPRESSION_RATIO", 100)),
            max_entries=int(getattr(settings, "MACE_INTAKE_MAX_ZIP_ENTRIES", 1000)),
        )


def check_message_size(*, raw: bytes, limits: Limits) -> None:
    """Reject a message larger than the limit for a whole message."""
    if len(raw) > limits.message_bytes:
        raise Rejected(
            f"The message is {_mb(len(raw))}, over the {_mb(limits.message_bytes)} limit for a "
            "message."
        )


def check_attachment_size(*, data: bytes, filename: str, limits: Limits) -> None:
    """Reject an attachment larger than the limit for one attachment."""
    if len(data) > limits.attachment_bytes:
        raise Rejected(
            f"The attachment “{filename}” is {_mb(len(data))}, over the "
            f"{_mb(limits.attachment_bytes)} limit for an attachment."
        )


def classify_attachment(*, filename: str, content_type: str) -> str:
    """What intake does with an attachment: "docx" (read it), "other" (keep it), or why not."""
    extension = PurePosixPath(filename.lower().replace("\\", "/")).suffix
    content_type = content_type.lower()
    if extension in MACRO_EXTENSIONS or "macroenabled" in content_type:
        return "macro"
    if extension in PROGRAM_EXTENSIONS or content_type in PROGRAM_TYPES:
        return "program"
    if extension == ".docx" or (not extension and content_type in DOCX_TYPES):
        return "docx"
    if extension in ARCHIVE_EXTENSIONS or content_type in ARCHIVE_TYPES:
        return "archive"
    return "other"


def check_docx(*, data: bytes, filename: str, limits: Limits) -> None:
    """Reject a .docx that is not really one, or is macro-enabled, encrypted, or a zip bomb."""
    name = f"“{filename}”"
    check_attachment_size(data=data, filename=filename, limits=limits)
    if data.startswith(OLE_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise Rejected(f"The attachment {name} is password-protected (encrypted).")
        raise Rejected(
            f"The attachment {name} is password-protected (encrypted) or an old Word 97-2003 "
            "document saved as .docx; neither can be read safely."
        )
    if not data.startswith(ZIP_SIGNATURE):
        raise Rejected(f"The attachment {name} is not really a Word document: {_sniff(data)}.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, name, limits)
    except Rejected:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise Rejected(f"The attachment {name} is a damaged Word document ({exc}).") from exc


def _check_archive(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise Rejected(
            f"The attachment {name} holds {len(infos)} files, over the limit of "
            f"{limits.max_entries}: it may be a zip bomb."
        )
    names: set[str] = set()
    for info in infos:
        if _unsafe_path(info.filename):
            raise Rejected(
                f"The attachment {name} holds a file with an unsafe path (“{info.filename}”)."
            )
        if info.flag_bits & 0x1:
            raise Rejected(f"The attachment {name} is password-protected (encrypted).")
        if info.filename.lower() in names:
            raise Rejected(f"The attachment {name} holds the same file twice.")
        names.add(info.filename.lower())
    for required, shown in (
        ("[content_types].xml", "[Content_Types].xml"),
        ("word/document.xml", "word/document.xml"),
    ):
        if required not in names:
            raise Rejected(
                f"The attachment {name} is not really a Word document: it has no {shown}."
            )
    if any(n.endswith("vbaproject.bin") or n == "word/vbadata.xml" for n in names):
        raise Rejected(f"The attachment {name} is macro-enabled: it contains macros.")
    if any(n.startswith("word/activex/") for n in names):
        raise Rejected(f"The attachment {name} contains ActiveX controls.")
    declared = sum(info.file_size for info in infos)
    if declared > limits.uncompressed_bytes:
        why = f"it unpacks to {_mb(declared)}, over the {_mb(limits.uncompressed_bytes)} limit"
        raise Rejected(_bomb(name, why))
    unpacked = 0
    for info in infos:
        if info.is_dir():
            continue
        head, size = b"", 0
        with archive.open(info) as member:  # sizes in headers can lie: count what comes out
            while chunk := member.read(_CHUNK):
                head = head or chunk[:4096]
                size += len(chunk)
                unpacked += len(chunk)
                if unpacked > limits.uncompressed_bytes:
                    raise Rejected(_bomb(name, "it unpacks to more than the limit"))
                if size > MB and size > limits.compression_ratio * max(info.compress_size, 1):
                    why = (
                        f"“{info.filename}” is compressed more than {limits.compression_ratio} to 1"
                    )
                    raise Rejected(_bomb(name, why))
        if _declares_doctype(head):
            raise Rejected(
                f"The attachment {name} contains an XML document type declaration "
                f"(“{info.filename}”), which Word documents never have."
            )
        if head.startswith((ZIP_SIGNATURE, OLE_SIGNATURE)):
            raise Rejected(
                f"The attachment {name} contains an embedded file or archive "
                f"(“{info.filename}”), which cannot be checked."
            )
    content_types = archive.read(_real_name(archive, "[content_types].xml")).lower()
    if b"macroenabled" in content_types or b"vbaproject" in content_types:
        raise Rejected(f"The attachment {name} is macro-enabled (a .docm saved as .docx).")
    if "word/_rels/settings.xml.rels" in names:
        rels = archive.read(_real_name(archive, "word/_rels/settings.xml.rels"))
        if b'targetmode="external"' in rels.lower():
            raise Rejected(f"The attachment {name} loads an external template from the internet.")


def _declares_doctype(head: bytes) -> bool:
    """A DTD in a part: the way in for entity expansion and external entity attacks."""
    lowered = head.lower()
    return b"<!doctype" in lowered or "<!doctype".encode("utf-16-le") in lowered


def _real_name(archive: zipfile.ZipFile, lower: str) -> str:
    return next(n for n in archive.namelist() if n.lower() == lower)


def _unsafe_path(path: str) -> bool:
    if not path or "\x00" in path or "\\" in path or path.startswith("/"):
        return True
    if len(path) > 1 and path[1] == ":":  # a Windows drive letter
        return True
    return ".." in PurePosixPath(path).parts


def _bomb(name: str, why: str) -> str:
    return f"The attachment {name} looks like a zip bomb: {why}."


def _sniff(data: bytes) -> str:
    """What a file that should have been a Word document looks like instead."""
    if not data:
        return "it is empty"
    signatures = (
        (b"%PDF", "it is a PDF"),
        (b"{\\rtf", "it is an RTF document"),
        (b"MZ", "it is a Windows program"),
        (b"\x89PNG", "it is an image"),
        (b"\xff\xd8\xff", "it is an image"),
        (b"GIF8", "it is an image"),
        (b"PK\x05\x06", "it is an empty zip file"),
        (b"Rar!", "it is a RAR archive"),
        (b"7z\xbc\xaf", "it is a 7-Zip archive"),
        (b"\x1f\x8b", "it is a gzip archive"),
    )
    for signature, what in signatures:
        if data.startswith(signature):
            return what
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "it is a web page"
    if head.startswith(b"<?xml"):
        return "it is an XML file"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "it is some other kind of file"
    return "it is plain text"


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB" if size % MB else f"{size // MB} MB"
