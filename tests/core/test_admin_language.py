"""The back office is the cluster's own and speaks the staff member's language: branded, and every
model and field it shows named in Russian and in English."""

import re

import pytest
from django.contrib import admin
from django.test import Client
from django.utils import translation

from innocluster.measures.models import Measure
from tests import factories

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def admin_client(language: str) -> Client:
    client = Client()
    factories.sign_in(client, factories.person(staff=True, is_superuser=True, roles=["administrator"]))
    client.cookies["django_language"] = language
    return client


def names_shown(model) -> list[str]:
    names = [model._meta.verbose_name, model._meta.verbose_name_plural, model._meta.app_config.verbose_name]
    for field in model._meta.get_fields():
        if (field.auto_created and not field.concrete) or getattr(field, "primary_key", False):
            continue
        names.append(field.verbose_name)
    return names


@pytest.mark.django_db
def test_the_admin_index_is_branded_in_russian_with_no_django():
    page = admin_client("ru").get("/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "InnoCluster — администрирование" in html
    assert "<title>Управление кластером | Администрирование InnoCluster</title>" in html
    assert "Django" not in html
    assert "Фоновые задачи" in html and "Tasks Database Backend" not in html


@pytest.mark.django_db
def test_the_admin_index_in_english():
    html = admin_client("en").get("/admin/").content.decode()
    assert "InnoCluster — administration" in html
    assert "Django" not in html


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_model_and_field_the_admin_shows_is_named_in_both_languages(model):
    with translation.override("ru"):
        untranslated = [str(name) for name in names_shown(model) if not CYRILLIC.search(str(name))]
    assert untranslated == []
    with translation.override("en"):
        russian = [str(name) for name in names_shown(model) if CYRILLIC.search(str(name))]
    assert russian == []


@pytest.mark.django_db
def test_a_measure_page_shows_its_versions_numbers_in_words():
    measure = Measure.objects.get(code="import-substitution")
    page = admin_client("ru").get(f"/admin/measures/measure/{measure.pk}/change/").content.decode()
    assert "Оплата труда персонала, %: 25" in page
    assert "Не более на одну заявку, ₽: 100\xa0000\xa0000" in page
    assert '"kind"' not in page and "application_cap" not in page


@pytest.mark.django_db
def test_a_lists_actions_choice_is_in_russian():
    # Django 6.1's "- Select an option -" has no Russian in Django's own catalogue
    html = admin_client("ru").get("/admin/partners/synonym/").content.decode()
    assert "— выберите —" in html and "Select an option" not in html
