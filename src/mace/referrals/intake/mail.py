"""Reading a raw email: who sent it, its text, its attachments; broken MIME is Rejected."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import errors, policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.utils import parseaddr
from html.parser import HTMLParser

from mace.referrals.intake.safety import Limits, Rejected, check_attachment_size, check_message_size

# Defects that mean the structure of the message cannot be trusted, with what they mean.
_BROKEN = {
    errors.NoBoundaryInMultipartDefect: "a multipart section has no boundary",
    errors.StartBoundaryNotFoundDefect: "the boundary between its parts is missing",
    errors.CloseBoundaryNotFoundDefect: "it is truncated (a multipart section is never closed)",
    errors.MultipartInvariantViolationDefect: "a multipart section has no parts",
    errors.MissingHeaderBodySeparatorDefect: "its headers are damaged",
    errors.FirstHeaderLineIsContinuationDefect: "its headers are damaged",
    errors.InvalidMultipartContentTransferEncodingDefect: (
        "a multipart section has an invalid transfer encoding"
    ),
}
_UNDECODABLE = (
    errors.InvalidBase64PaddingDefect,
    errors.InvalidBase64CharactersDefect,
    errors.InvalidBase64LengthDefect,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Envelope:
    """What the headers say; read without parsing the body, so it never fails."""

    message_id: str = ""
    sender_email: str = ""
    sender_name: str = ""
    subject: str = ""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass
class ParsedMessage:
    envelope: Envelope
    body: str = ""
    attachments: list[Attachment] = field(default_factory=list)


def read_envelope(*, raw: bytes) -> Envelope:
    """The Message-ID, sender and subject, from the headers alone."""
    try:
        headers = BytesHeaderParser(policy=policy.default).parsebytes(raw)
    except Exception:
        return Envelope()
    email, name = _sender(headers)
    return Envelope(
        message_id=_header(headers, "Message-ID")[:500],
        sender_email=email[:320],
        sender_name=name[:200],
        subject=_header(headers, "Subject")[:500],
    )


def parse_message(*, raw: bytes, limits: Limits) -> ParsedMessage:
    """The message's text and attachments; Rejected if it is too large or its MIME is broken."""
    check_message_size(raw=raw, limits=limits)
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if not message.keys():
        raise Rejected("This is not an email message: it has no headers.")
    _check_structure(message)
    body_part = message.get_body(preferencelist=("plain", "html"))
    parsed = ParsedMessage(envelope=read_envelope(raw=raw))
    if body_part is not None:
        parsed.body = _text_of(body_part)
    for part in message.walk():
        if part.is_multipart() or part is body_part or _is_not_an_attachment(part):
            continue
        filename = _clean(part.get_filename() or "") or "unnamed attachment"
        data = part.get_payload(decode=True) or b""
        if any(isinstance(d, _UNDECODABLE) for d in part.defects):
            raise Rejected(
                f"The message's MIME structure is broken: the attachment “{filename}” cannot "
                "be decoded (its base64 encoding is damaged)."
            )
        check_attachment_size(data=data, filename=filename, limits=limits)
        parsed.attachments.append(Attachment(filename, part.get_content_type(), data))
    return parsed


def html_to_text(html: str) -> str:
    """Readable text from an HTML email body: scripts and styles dropped, blocks on lines."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return _tidy("\n".join(line.strip() for line in "".join(parser.parts).split("\n")))


def _check_structure(message: EmailMessage) -> None:
    for part in message.walk():
        for defect in part.defects:
            for kind, meaning in _BROKEN.items():
                if isinstance(defect, kind):
                    raise Rejected(f"The message's MIME structure is broken: {meaning}.")


def _is_not_an_attachment(part: EmailMessage) -> bool:
    """Other versions of the text, and images shown inside an HTML body."""
    if part.get_content_disposition() == "attachment":
        return False
    if part.get_filename():
        return part.get_content_maintype() == "image" and bool(part["Content-ID"])
    return part.get_content_maintype() in ("text", "image")


def _text_of(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except LookupError as exc:
        charset = part.get_content_charset() or "unknown"
        raise Rejected(
            f"The message's MIME structure is broken: its text is in an unknown character set "
            f"(“{charset}”)."
        ) from exc
    if any(isinstance(d, _UNDECODABLE) for d in part.defects):
        raise Rejected(
            "The message's MIME structure is broken: its text cannot be decoded (its base64 "
            "encoding is damaged)."
        )
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        return html_to_text(content)
    return _tidy(content)


def _header(headers, name: str) -> str:
    try:
        value = headers.get(name)
    except Exception:
        value = next((v for k, v in headers.raw_items() if k.lower() == name.lower()), "")
    return _clean(str(value or ""))


def _sender(headers) -> tuple[str, str]:
    """The sender's address and display name; a malformed From is kept as it came."""
    try:
        addresses = headers["From"].addresses
        if addresses:
            return _clean(addresses[0].addr_spec), _clean(addresses[0].display_name)
    except Exception:  # noqa: S110 - fall back to the plain parser below
        pass
    name, address = parseaddr(_header(headers, "From"))
    return _clean(address), _clean(name)


def _clean(text: str) -> str:
    """A header value on one line without control characters (PostgreSQL refuses NUL)."""
    return " ".join(_CONTROL.sub("", text).split())


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).replace("\x00", "").strip()


class _HtmlText(HTMLParser):
    _BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "hr",
    }
    _HIDDEN = {"script", "style", "head", "title", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))
