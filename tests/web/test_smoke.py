import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.casefile.views import HOME_TEMPLATES


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_each_role_lands_on_its_own_home_page(role, make_user, signed_in):
    client = signed_in(make_user(role))
    response = client.get(reverse("web:home"))
    if role == Role.REFERRER:  # a referrer's work is their referrals
        assert response.status_code == 302
        assert response.url == reverse("referrals:list")
        return
    assert response.status_code == 200
    assert response.templates[0].name == HOME_TEMPLATES[role]
