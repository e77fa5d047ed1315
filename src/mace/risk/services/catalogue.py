"""Loading and activating versions of the risk identification tool catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.risk.catalogues import parse_catalogue, sha256
from mace.risk.models import Catalogue
from mace.risk.permissions import can_load_catalogue


@dataclass(frozen=True)
class CatalogueLoad:
    """What loading a catalogue did: stored a new version, or found it already stored."""

    catalogue: Catalogue
    created: bool

    @property
    def message(self) -> str:
        catalogue = self.catalogue
        if not self.created:
            return f"This version is already loaded (version {catalogue.version}); nothing changed"
        state = "active" if catalogue.is_active else "stored, not active"
        return f"Loaded {catalogue.title} version {catalogue.version} ({state})"


def catalogue_version_load(
    *, actor, text: str, activate: bool = False, activate_if_none: bool = False
) -> CatalogueLoad:
    """Validate and store a catalogue version. A stored version is never changed: the same
    text again is a no-op (``created`` False), a different text under its version an error.

    ``actor`` None means the command line or the bundled catalogue loaded after migrate.
    """
    if not can_load_catalogue(actor):
        raise PermissionDenied("Only an administrator loads the risk tool catalogue.")
    content = parse_catalogue(text)
    digest = sha256(text)
    with transaction.atomic():
        existing = Catalogue.objects.filter(version=content["version"]).first()
        if existing is not None:
            if existing.sha256 == digest:
                return CatalogueLoad(catalogue=existing, created=False)
            raise ValidationError(
                f"Version {content['version']} is already loaded with different content. "
                "Give the new catalogue a new version."
            )
        make_active = activate or (
            activate_if_none and not Catalogue.objects.filter(is_active=True).exists()
        )
        previous = None
        if make_active:
            previous = Catalogue.objects.filter(is_active=True).first()
            Catalogue.objects.filter(is_active=True).update(is_active=False)
        catalogue = Catalogue.objects.create(
            version=content["version"],
            title=content["title"],
            content=content,
            source=text,
            sha256=digest,
            loaded_by=actor,
            is_active=make_active,
        )
        event_record(
            actor=actor,
            verb=Event.Verb.CATALOGUE_LOADED,
            obj=catalogue,
            payload={
                "version": catalogue.version,
                "sha256": digest,
                "active": make_active,
                "previous_active": previous.version if previous is not None else "",
            },
        )
    return CatalogueLoad(catalogue=catalogue, created=True)


def catalogue_load(
    *,
    actor,
    text: str,
    activate: bool = False,
    activate_if_none: bool = False,
    if_present: str = "skip",
) -> Catalogue:
    """As catalogue_version_load, returning the catalogue (stored now or before).

    ``if_present`` is kept for callers written when an identical reload was an error; an
    identical version is now always a no-op, and a different text always an error.
    """
    return catalogue_version_load(
        actor=actor, text=text, activate=activate, activate_if_none=activate_if_none
    ).catalogue


def catalogue_activate(*, actor, catalogue: Catalogue) -> Catalogue:
    """Make this stored version the one new assessments use (old assessments keep theirs)."""
    if not can_load_catalogue(actor):
        raise PermissionDenied("Only an administrator activates a risk tool catalogue.")
    if catalogue.is_active:
        raise ValidationError(f"Version {catalogue.version} is already the active version.")
    with transaction.atomic():
        previous = Catalogue.objects.select_for_update().filter(is_active=True).first()
        if previous is not None:
            previous.is_active = False
            previous.save(update_fields=["is_active"])
        catalogue.is_active = True
        catalogue.save(update_fields=["is_active"])
        event_record(
            actor=actor,
            verb=Event.Verb.CATALOGUE_ACTIVATED,
            obj=catalogue,
            payload={
                "activated": catalogue.version,
                "previous_active": previous.version if previous is not None else "",
            },
        )
    return catalogue


def catalogue_active() -> Catalogue:
    catalogue = Catalogue.objects.filter(is_active=True).first()
    if catalogue is None:
        raise ValidationError("No risk tool catalogue is loaded. Run `mace risktool load`.")
    return catalogue
