"""Agencies and users for tests, and the invitation emails an invitee reads."""

from __future__ import annotations

import re

import factory
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from mace.accounts.models import Agency, Role, User

TEST_PASSWORD = "correct-horse-battery-staple"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Test Agency {n}")
    kind = Agency.Kind.POLICE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    full_name = factory.Faker("name", locale="en_GB")
    role = Role.COORDINATOR
    agency = factory.SubFactory(AgencyFactory)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or TEST_PASSWORD)
        if create:
            obj.save(update_fields=["password"])


LINK_BASE = "http://testserver/invitation/"


def token_from_mail(message) -> str:
    match = re.search(r"/invitation/([A-Za-z0-9_-]+)/", message.body)
    assert match, message.body
    return match.group(1)


def signed_in_elsewhere(user) -> Client:
    """Another browser: the user signed in there, second factor passed."""
    other = Client()
    other.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    session = other.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return other
