"""Where messages come from: a Maildir on disk, or an IMAP mailbox over TLS.

Each source yields RawMessage objects and, once a message is dealt with, moves it out of the
way: imported and already-imported messages to a processed folder, quarantined ones to a
quarantine folder. A source that cannot be read raises SourceError.
"""

from __future__ import annotations

import contextlib
import mailbox
import os
import ssl
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailMessage

from mace.referrals.intake.run import QUARANTINED, Outcome, RawMessage, SourceError

Warn = Callable[[str], None]


class ConfigError(Exception):
    """The settings needed to read the mailbox are missing or wrong."""


# Maildir.


class MaildirSource:
    """Messages in new/ and cur/ of a Maildir, moved afterwards to .Processed or .Quarantine."""

    PROCESSED = "Processed"
    QUARANTINE = "Quarantine"

    def __init__(self, *, path: Path, move: bool = True, warn: Warn | None = None) -> None:
        if not path.is_dir():
            raise SourceError(f"There is no Maildir at {path}.")
        if not ((path / "new").is_dir() and (path / "cur").is_dir()):
            raise SourceError(f"{path} is not a Maildir: it has no new/ and cur/ folders.")
        self.path = path
        self.move = move
        self.warn = warn or (lambda text: None)
        self.label = f"maildir:{path}"[:200]
        self.inbox = mailbox.Maildir(path, factory=None, create=False)

    def messages(self) -> Iterator[RawMessage]:
        """Every message in new/ and cur/, oldest name first."""
        try:
            keys = sorted(self.inbox.keys())
        except OSError as exc:
            raise SourceError(f"Could not list {self.path}: {exc.strerror or exc}") from exc
        for key in keys:
            try:
                data = self.inbox.get_bytes(key)
            except KeyError:
                continue  # another process took it meanwhile
            except OSError as exc:
                self.warn(f"Skipped message {key}: it could not be read ({exc.strerror or exc}).")
                continue
            yield RawMessage(data=data, source=self.label, key=key)

    def done(self, message: RawMessage, outcome: Outcome) -> None:
        """Move the message into the processed (or quarantine) sub-folder, marked as seen."""
        if not self.move:
            return
        name = self.QUARANTINE if outcome.status == QUARANTINED else self.PROCESSED
        try:
            folder = self._folder(name)
            key = folder.add(message.data)  # the exact bytes, into the folder's new/
            folder_path = self.path / f".{name}"
            os.replace(folder_path / "new" / key, folder_path / "cur" / f"{key}:2,S")
            self.inbox.discard(message.key)
        except OSError as exc:
            self.warn(f"Could not move message {message.key} to .{name}: {exc}")

    def close(self) -> None:
        self.inbox.close()

    def _folder(self, name: str) -> mailbox.Maildir:
        try:
            return self.inbox.get_folder(name)
        except mailbox.NoSuchMailboxError:
            return self.inbox.add_folder(name)


# IMAP.


@dataclass(frozen=True)
class ImapSettings:
    host: str
    user: str
    password: str
    port: int = 993
    folder: str = "INBOX"
    processed_folder: str = "MACE/Processed"
    quarantine_folder: str = "MACE/Quarantine"
    starttls: bool = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ImapSettings:
        """Read MACE_IMAP_* from the environment; ConfigError names what is missing."""
        env = os.environ if environ is None else environ
        required = ("MACE_IMAP_HOST", "MACE_IMAP_USER", "MACE_IMAP_PASSWORD")
        missing = [name for name in required if not env.get(name)]
        if missing:
            raise ConfigError(f"Set {', '.join(missing)} to read the mailbox over IMAP.")
        try:
            port = int(env.get("MACE_IMAP_PORT") or 993)
        except ValueError as exc:
            raise ConfigError("MACE_IMAP_PORT must be a port number, such as 993.") from exc
        return cls(
            host=env["MACE_IMAP_HOST"],
            user=env["MACE_IMAP_USER"],
            password=env["MACE_IMAP_PASSWORD"],
            port=port,
            folder=env.get("MACE_IMAP_FOLDER") or "INBOX",
            processed_folder=env.get("MACE_IMAP_PROCESSED_FOLDER") or "MACE/Processed",
            quarantine_folder=env.get("MACE_IMAP_QUARANTINE_FOLDER") or "MACE/Quarantine",
            starttls=(env.get("MACE_IMAP_STARTTLS") or "").lower() in ("1", "true", "yes", "on"),
        )

    def __repr__(self) -> str:  # never show the password
        return f"ImapSettings(host={self.host!r}, port={self.port}, user={self.user!r})"


class _RawMailMessage(MailMessage):
    """imap-tools' message, keeping the bytes exactly as the server sent them."""

    def __init__(self, fetch_data: list) -> None:
        super().__init__(fetch_data)
        self.raw = self._get_message_data_parts(fetch_data)[0]


class _MailBox(MailBox):
    email_message_class = _RawMailMessage


class _MailBoxStartTls(MailBoxStartTls):
    email_message_class = _RawMailMessage


def imap_connect(*, config: ImapSettings, timeout: float = 60) -> BaseMailBox:
    """A logged-in mailbox over TLS (STARTTLS when MACE_IMAP_STARTTLS is set)."""
    context = ssl.create_default_context()  # verifies the server's certificate and name
    box_class = _MailBoxStartTls if config.starttls else _MailBox
    box = box_class(config.host, config.port, timeout=timeout, ssl_context=context)
    return box.login(config.user, config.password, initial_folder=None)


class ImapSource:
    """Messages in the IMAP folder, moved afterwards to the processed or quarantine folder."""

    def __init__(
        self, *, config: ImapSettings, move: bool = True, warn: Warn | None = None
    ) -> None:
        self.config = config
        self.move = move
        self.warn = warn or (lambda text: None)
        self.label = f"imap:{config.user}@{config.host}/{config.folder}"[:200]
        where = f"{config.host}:{config.port} as {config.user}"
        try:
            self.box = imap_connect(config=config)
        except Exception as exc:
            raise SourceError(f"Could not sign in to the IMAP server {where}: {_say(exc)}") from exc
        try:
            self.box.folder.set(config.folder)
            if move:
                for name in {config.processed_folder, config.quarantine_folder}:
                    if not self.box.folder.exists(name):
                        self.box.folder.create(name)
        except Exception as exc:
            self.close()
            raise SourceError(f"Could not open the IMAP folders on {where}: {_say(exc)}") from exc

    def messages(self) -> Iterator[RawMessage]:
        """Every message in the folder, left unread on the server while it is processed."""
        try:
            for fetched in self.box.fetch(mark_seen=False, bulk=False):
                raw = getattr(fetched, "raw", None)
                data = raw if isinstance(raw, bytes) else fetched.obj.as_bytes()
                yield RawMessage(data=data, source=self.label, key=str(fetched.uid))
        except Exception as exc:
            raise SourceError(f"The IMAP server stopped answering: {_say(exc)}") from exc

    def done(self, message: RawMessage, outcome: Outcome) -> None:
        """Move the message to the processed (or quarantine) folder."""
        if not self.move:
            return
        config = self.config
        quarantined = outcome.status == QUARANTINED
        folder = config.quarantine_folder if quarantined else config.processed_folder
        try:
            self.box.move(message.key, folder)
        except Exception as exc:
            self.warn(f"Could not move message {message.key} to {folder}: {_say(exc)}")

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the connection may already be gone
            self.box.logout()


def _say(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
