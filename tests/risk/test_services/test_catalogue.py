"""Risk tool catalogue versions: listed, loaded from an upload (errors with their line),
activated; loading an identical version again is a no-op that says so."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.risk.catalogues import BUNDLED, parse_catalogue
from mace.risk.models import Catalogue
from mace.risk.services import catalogue as services
from tests.factories import MINIMAL_CATALOGUE

pytestmark = pytest.mark.django_db


def _upload(client, text: str, activate: bool = True, name: str = "tool.yaml"):
    data = {"file": SimpleUploadedFile(name, text.encode(), content_type="text/yaml")}
    if activate:
        data["activate"] = "on"
    return client.post(reverse("administration:catalogue_upload"), data, follow=True)


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


def test_the_risktool_command_says_an_identical_version_changed_nothing(tmp_path):
    path = tmp_path / "tool.yaml"
    path.write_text(MINIMAL_CATALOGUE.format(version="t3", level="high"))
    out = io.StringIO()
    call_command("risktool", "load", str(path), stdout=out)
    assert "Loaded Test tool version t3 (active)" in out.getvalue()
    out = io.StringIO()
    call_command("risktool", "load", str(path), stdout=out)
    assert "This version is already loaded (version t3); nothing changed" in out.getvalue()


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


# Pages ---------------------------------------------------------------------------------


def test_the_list_shows_each_version_its_digest_who_loaded_it_and_which_is_active(
    admin, admin_client
):
    services.catalogue_version_load(
        actor=admin, text=MINIMAL_CATALOGUE.format(version="t6", level="high")
    )
    content = admin_client.get(reverse("administration:catalogue_list")).content.decode()
    stored = Catalogue.objects.get(version="t6")
    assert stored.sha256 in content
    assert admin.email in content
    assert "Active" in content
    assert reverse("administration:catalogue_activate", args=[stored.pk]) in content


def test_an_upload_with_problems_lists_each_with_its_line(admin_client):
    response = _upload(admin_client, MINIMAL_CATALOGUE.format(version="t7", level="severe"))
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Line 10: &#x27;severe&#x27; is not a level" in content
    assert 'href="#id_file"' in content
    assert not Catalogue.objects.filter(version="t7").exists()


def test_an_upload_that_is_not_yaml_or_not_text_is_refused(admin_client):
    content = _upload(admin_client, "version: 1\ntitle: [unclosed\n").content.decode()
    assert "Line 3: not valid YAML" in content
    data = {"file": SimpleUploadedFile("tool.yaml", b"\xff\xfe\x00binary")}
    content = admin_client.post(reverse("administration:catalogue_upload"), data).content.decode()
    assert "The file must be text (UTF-8)" in content
    content = admin_client.post(reverse("administration:catalogue_upload"), {}).content.decode()
    assert "Choose the catalogue file to load" in content


def test_uploading_loads_and_uploading_again_says_nothing_changed(admin_client):
    text = MINIMAL_CATALOGUE.format(version="t8", level="high")
    content = _upload(admin_client, text).content.decode()
    assert "Loaded Test tool version t8 (active)" in content
    assert Catalogue.objects.get(is_active=True).version == "t8"
    content = _upload(admin_client, text).content.decode()
    assert "This version is already loaded (version t8); nothing changed" in content
    assert "There is a problem" not in content
    assert Catalogue.objects.filter(version="t8").count() == 1


def test_the_activate_page_makes_a_version_active(admin, admin_client):
    stored = services.catalogue_version_load(
        actor=admin, text=MINIMAL_CATALOGUE.format(version="t9", level="high")
    ).catalogue
    content = admin_client.post(
        reverse("administration:catalogue_activate", args=[stored.pk]), follow=True
    ).content.decode()
    assert "Version t9 is now the active version" in content
    assert Catalogue.objects.get(is_active=True) == stored
