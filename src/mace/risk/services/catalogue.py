"""Loading versions of the risk identification tool catalogue."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.risk.catalogues import parse_catalogue, sha256
from mace.risk.models import Catalogue
from mace.risk.permissions import can_load_catalogue


def catalogue_load(
    *,
    actor,
    text: str,
    activate: bool = False,
    activate_if_none: bool = False,
    if_present: str = "error",
) -> Catalogue:
    """Validate and store a catalogue version. A stored version is never changed.

    ``if_present``: "error" refuses a version already stored; "skip" returns it when its
    content is identical (and still refuses a different text under the same version).
    """
    if not can_load_catalogue(actor):
        raise PermissionDenied("Only an administrator loads the risk tool catalogue.")
    content = parse_catalogue(text)
    digest = sha256(text)
    with transaction.atomic():
        existing = Catalogue.objects.filter(version=content["version"]).first()
        if existing is not None:
            if if_present == "skip" and existing.sha256 == digest:
                return existing
            raise ValidationError(
                f"Version {content['version']} is already loaded"
                + ("" if existing.sha256 == digest else " with different content")
                + ". Give the new catalogue a new version."
            )
        make_active = activate or (
            activate_if_none and not Catalogue.objects.filter(is_active=True).exists()
        )
        if make_active:
            Catalogue.objects.filter(is_active=True).update(is_active=False)
        return Catalogue.objects.create(
            version=content["version"],
            title=content["title"],
            content=content,
            source=text,
            sha256=digest,
            loaded_by=actor,
            is_active=make_active,
        )


def catalogue_active() -> Catalogue:
    catalogue = Catalogue.objects.filter(is_active=True).first()
    if catalogue is None:
        raise ValidationError("No risk tool catalogue is loaded. Run `mace risktool load`.")
    return catalogue
