"""factory_boy factories for the children, their schools, wards and access grants:
synthetic people only."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from mace.people.models import Child, ChildAccess, ChildAddress, ChildAlias, School, Ward
from tests.factories.accounts import UserFactory


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E05{n:06d}")
    name = factory.Sequence(lambda n: f"Test Ward {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: f"9{n:05d}")
    name = factory.Sequence(lambda n: f"Testbrook Academy {n}")
    phase = School.Phase.SECONDARY
    postcode = "LS9 7QT"
    ward = factory.SubFactory(WardFactory)


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=15 * 365))
    gender = Child.Gender.FEMALE
    school = factory.SubFactory(SchoolFactory)
    year_group = 10


class ChildAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildAlias

    child = factory.SubFactory(ChildFactory)
    name = factory.Sequence(lambda n: f"Nickname{n}")
    kind = ChildAlias.Kind.NICKNAME


class ChildAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildAddress

    child = factory.SubFactory(ChildFactory)
    line_1 = factory.Sequence(lambda n: f"{n + 1} Harehills Grove")
    town = "Leeds"
    postcode = "LS8 5AB"
    ward = factory.SubFactory(WardFactory)
    date_from = dt.date(2020, 1, 1)


class ChildAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildAccess

    user = factory.SubFactory(UserFactory)
    child = factory.SubFactory(ChildFactory)
    basis = ChildAccess.Basis.INVITATION
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=28))
