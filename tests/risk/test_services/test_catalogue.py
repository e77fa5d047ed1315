"""Loading and activating risk tool catalogue versions (mace.risk.services.catalogue):
versioned, never changed, audited with their digest; loading an identical version again
is a no-op that says so."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.risk.catalogues import BUNDLED, parse_catalogue
from mace.risk.models import Catalogue
from mace.risk.services import catalogue as services
from mace.risk.services.catalogue import catalogue_load
from tests.factories import MINIMAL_CATALOGUE

pytestmark = pytest.mark.django_db


def test_loading_an_identical_version_again_is_a_no_op_that_says_so(admin):
    text = MINIMAL_CATALOGUE.format(version="t1", level="high")
    first = services.catalogue_version_load(actor=admin, text=text)
    assert first.created
    again = services.catalogue_version_load(actor=admin, text=text, activate=True)
    assert not again.created
    assert again.catalogue.pk == first.catalogue.pk
    assert again.message == "This version is already loaded (version t1); nothing changed"
    again.catalogue.refresh_from_db()
    assert not again.catalogue.is_active  # nothing changed, not even the activation
    assert Catalogue.objects.filter(version="t1").count() == 1
    assert Event.objects.filter(verb=Event.Verb.CATALOGUE_LOADED, actor=admin).count() == 1


def test_the_bundled_catalogue_loads_again_as_a_no_op(admin):
    bundled = services.catalogue_version_load(actor=admin, text=BUNDLED.read_text())
    assert not bundled.created
    assert "nothing changed" in bundled.message


def test_a_different_text_under_a_stored_version_is_still_an_error(admin):
    services.catalogue_version_load(
        actor=admin, text=MINIMAL_CATALOGUE.format(version="t2", level="high")
    )
    with pytest.raises(ValidationError, match="already loaded with different content"):
        services.catalogue_version_load(
            actor=admin, text=MINIMAL_CATALOGUE.format(version="t2", level="medium")
        )


def test_loading_is_audited_with_its_digest(admin):
    outcome = services.catalogue_version_load(
        actor=admin, text=MINIMAL_CATALOGUE.format(version="t4", level="high"), activate=True
    )
    event = Event.objects.get(verb=Event.Verb.CATALOGUE_LOADED, actor=admin)
    assert event.object_id == str(outcome.catalogue.pk)
    assert event.payload["sha256"] == outcome.catalogue.sha256
    assert event.payload["active"] is True
    assert event.payload["previous_active"] == parse_catalogue(BUNDLED.read_text())["version"]


def test_activating_a_version_switches_the_active_one_and_is_audited(admin):
    old = Catalogue.objects.get(is_active=True)
    new = services.catalogue_version_load(
        actor=admin, text=MINIMAL_CATALOGUE.format(version="t5", level="high")
    ).catalogue
    services.catalogue_activate(actor=admin, catalogue=new)
    old.refresh_from_db()
    new.refresh_from_db()
    assert new.is_active and not old.is_active
    event = Event.objects.get(verb=Event.Verb.CATALOGUE_ACTIVATED, actor=admin)
    assert event.payload == {"activated": "t5", "previous_active": old.version}
    with pytest.raises(ValidationError, match="already the active version"):
        services.catalogue_activate(actor=admin, catalogue=new)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMIN])
def test_only_an_administrator_loads_or_activates(role, make_user):
    actor = make_user(role)
    with pytest.raises(PermissionDenied):
        services.catalogue_version_load(
            actor=actor, text=MINIMAL_CATALOGUE.format(version="x", level="high")
        )
    with pytest.raises(PermissionDenied):
        services.catalogue_activate(actor=actor, catalogue=Catalogue.objects.get(is_active=True))


@pytest.mark.django_db
def test_a_loaded_version_cannot_be_replaced_or_changed():
    first = catalogue_load(actor=None, text=MINIMAL_CATALOGUE.format(version="t1", level="high"))
    with pytest.raises(ValidationError, match="already loaded with different content"):
        catalogue_load(actor=None, text=MINIMAL_CATALOGUE.format(version="t1", level="medium"))
    first.title = "Changed"
    with pytest.raises(ValueError, match="cannot be changed"):
        first.save()


@pytest.mark.django_db
def test_loading_a_new_version_makes_it_active_and_keeps_the_old_one():
    old = Catalogue.objects.get(is_active=True)
    new = catalogue_load(
        actor=None, text=MINIMAL_CATALOGUE.format(version="t2", level="high"), activate=True
    )
    old.refresh_from_db()
    assert new.is_active and not old.is_active
    assert Catalogue.objects.filter(pk=old.pk).exists()
