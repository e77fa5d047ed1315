"""factory_boy factories for tests: synthetic people only."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from mace.accounts.models import Agency, Role, User
from mace.people.models import Child, ChildAccess, ChildAddress, ChildAlias, School, Ward

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
