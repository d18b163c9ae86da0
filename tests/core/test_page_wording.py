"""Words a person reads where a code, a wrong count or a hint meant for someone else stood."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from tests import factories


@pytest.mark.django_db
def test_the_back_office_names_the_roles_in_words():
    client = Client()
    factories.sign_in(client, factories.staff("coordinator"))
    page = client.get("/staff/", headers={"Accept-Language": "ru"}).content.decode()
    assert "Ваши роли: Координатор" in page and "coordinator<" not in page


@pytest.mark.django_db
def test_a_person_without_an_organisation_is_told_to_register_one():
    client = Client()
    factories.sign_in(client, factories.person())
    page = client.get("/cabinet/", headers={"Accept-Language": "ru"}).content.decode()
    assert "сначала зарегистрируйте её" in page and "из строки вашей организации ниже" not in page


@pytest.mark.parametrize(
    ("participants", "said"),
    [(1, "1 из 30 участников"), (30, "30 из 30 участников"), (31, "31 участник при необходимых 30")],
)
def test_a_consortiums_progress_past_the_minimum_is_not_31_of_30(participants, said):
    progress = {"participants": participants, "minimum": 30, "projects": 1, "partners": 0, "percent": 100}
    with translation.override("ru"):
        html = render_to_string("consortia/_progress.html", {"progress": progress, "consortium": None})
    assert said in html
