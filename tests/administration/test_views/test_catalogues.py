"""The catalogue pages: the list of versions, uploading one (errors with their line),
activating it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mace.risk.models import Catalogue
from mace.risk.services import catalogue as services
from tests.factories import MINIMAL_CATALOGUE

pytestmark = pytest.mark.django_db


def _upload(client, text: str, activate: bool = True, name: str = "tool.yaml"):
    data = {"file": SimpleUploadedFile(name, text.encode(), content_type="text/yaml")}
    if activate:
        data["activate"] = "on"
    return client.post(reverse("administration:catalogue_upload"), data, follow=True)


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
