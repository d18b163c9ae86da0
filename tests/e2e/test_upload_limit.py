"""A file larger than a request may carry is said beside its field before it is sent: the server
can only refuse such a body whole (413, on a page of its own), and the page's form was lost."""

import pytest

from innocluster.measures import services as measures
from innocluster.measures.models import Document, Measure
from tests import factories, samples
from tests.e2e.test_membership_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_too_large_file_is_refused_beside_its_field_and_nothing_is_sent(page, settings):
    settings.UPLOAD_MAX_BYTES = 2000
    owner = factories.person(email="manager@example.org")
    organization = factories.organization(owner=owner)
    factories.participant(organization)
    draft = measures.save_application(
        actor=owner,
        measure=Measure.objects.get(code="patent-compensation"),
        organization=organization,
        raw_items=[{"category": "invention", "amount": "80000", "jurisdiction": "ru"}],
        project_title="Патент на датчик",
    )
    sign_in(page, owner.email)
    page.goto(f"/measures/applications/{draft.pk}/")
    upload = page.locator("input[type=file][name=file]")
    upload.set_input_files(
        files=[{"name": "смета.pdf", "mimeType": "application/pdf", "buffer": samples.pdf() + b" " * 3000}]
    )
    note = page.get_by_test_id("file-too-large")
    note.wait_for()
    assert "2000" not in note.inner_text() and "МБ" in note.inner_text()
    page.get_by_role("button", name="Загрузить").click()
    assert page.url.endswith(f"/measures/applications/{draft.pk}/")  # nothing sent, the page stays
    assert upload.get_attribute("aria-invalid") == "true" and not Document.objects.exists()
    # a file that fits goes, and the note goes with the large one
    upload.set_input_files(
        files=[{"name": "смета.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()}]
    )
    assert note.count() == 0
    page.get_by_role("button", name="Загрузить").click()
    page.get_by_role("link", name="смета.pdf").wait_for()
    assert Document.objects.count() == 1
