"""The upload checks read the content as a whole (ASVS V5.2): each accepted kind with a real
file, each lookalike refused with `file_type`; with clamd configured, EICAR is refused."""

import os
import shutil
import subprocess
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innocluster.core.errors import InvalidInput
from innocluster.core.uploads import DRAWINGS, check_upload
from innocluster.measures.models import Document
from tests import factories, samples

GOOD = [
    ("смета.pdf", samples.pdf()),
    ("схема.png", samples.png()),
    ("фото.jpg", samples.jpeg()),
    ("договор.docx", samples.docx()),
    ("расчёт.xlsx", samples.xlsx()),
    ("письмо.odt", samples.odt()),
    ("деталь.stl", samples.stl_ascii()),
    ("деталь.stl", samples.stl_binary()),
    ("чертёж.dxf", samples.dxf()),
    ("модель.step", samples.step()),
]
BAD = [
    ("fake.pdf", b"%PDF-1.4 just a prefix"),
    ("fake.pdf", b"<html>not a pdf</html>"),
    ("virus.docx", b"PK\x03\x04" + b"\0" * 200),  # a ZIP header and nothing of a document
    ("sheet.docx", samples.xlsx()),  # a ZIP, but the parts of another kind
    ("bomb.docx", samples.zip_bomb()),
    ("plain.odt", samples.docx()),
    ("solid.stl", b"solid but it never ends"),
    ("short.stl", samples.stl_binary(3)[:-7]),
    ("nothing.stl", b"\0" * 120),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100),
    ("fake.jpg", b"\xff\xd8\xff and then nothing"),
    ("fake.step", b"ISO-10303-21; cut off"),
    ("payload.dxf", b"MZ\x90\x00 an executable"),
]


@pytest.mark.parametrize(("name", "content"), GOOD, ids=[f"{n}-{i}" for i, (n, _) in enumerate(GOOD)])
def test_real_files_of_each_kind_pass(name, content):
    checked = check_upload(SimpleUploadedFile(name, content), allowed=DRAWINGS)
    assert (checked.name, checked.size) == (name, len(content))


@pytest.mark.parametrize(("name", "content"), BAD, ids=[f"{n}-{i}" for i, (n, _) in enumerate(BAD)])
def test_lookalikes_are_refused_naming_the_field(name, content):
    with pytest.raises(InvalidInput) as refused:
        check_upload(SimpleUploadedFile(name, content), allowed=DRAWINGS, field="files")
    assert refused.value.code == "file_type" and refused.value.details["field"] == "files"


def test_without_a_scanner_configured_eicar_is_only_text(settings):
    settings.CLAMAV_SOCKET = ""
    with pytest.raises(InvalidInput) as refused:  # it is no PDF either way
        check_upload(SimpleUploadedFile("eicar.pdf", samples.EICAR))
    assert refused.value.code == "file_type"


@pytest.fixture(scope="session")
def clamd(tmp_path_factory):
    """A real clamd with a one-signature database (EICAR), on its own Unix socket."""
    binary = shutil.which("clamd") or "/usr/sbin/clamd"
    if not os.path.exists(binary):
        if os.environ.get("INNOCLUSTER_REQUIRE_CLAMAV"):
            pytest.fail("clamd is required for the virus-scan test (Debian's clamav-daemon)")
        pytest.skip("no clamd: install Debian's clamav-daemon (.ci/run does)")
    home = tmp_path_factory.mktemp("clamd")
    (home / "db").mkdir()
    (home / "db" / "eicar.ndb").write_text(f"Eicar-Test-Signature:0:*:{samples.EICAR.hex()}\n")
    socket_path = home / "clamd.sock"
    (home / "clamd.conf").write_text(
        f"DatabaseDirectory {home / 'db'}\nLocalSocket {socket_path}\nForeground yes\n"
        f"LogFile {home / 'clamd.log'}\nTemporaryDirectory {home}\n"
    )
    process = subprocess.Popen(  # noqa: S603
        [binary, "-c", str(home / "clamd.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(300):
        if socket_path.exists():
            break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail(f"clamd did not start: {(home / 'clamd.log').read_text()}")
    yield str(socket_path)
    process.terminate()
    process.wait(timeout=20)


def test_clamd_refuses_the_eicar_test_file(settings, clamd):
    settings.CLAMAV_SOCKET = clamd
    stl = samples.stl_ascii().replace(b"solid bracket\n", b"solid bracket\n" + samples.EICAR + b"\n", 1)
    with pytest.raises(InvalidInput) as refused:
        check_upload(SimpleUploadedFile("деталь.stl", stl), allowed=DRAWINGS)
    assert refused.value.code == "file_infected" and "Eicar" in str(refused.value.message)
    assert check_upload(SimpleUploadedFile("деталь.stl", samples.stl_ascii()), allowed=DRAWINGS).size > 0


def test_an_unreachable_scanner_refuses_uploads(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "no-such.sock")
    with pytest.raises(Exception) as refused:
        check_upload(SimpleUploadedFile("смета.pdf", samples.pdf()))
    assert refused.value.status == 503 and refused.value.code == "service_unavailable"
    # in the reader's language, whichever was active when the module was imported
    from django.utils import translation

    for language, says in (("ru", "Антивирус не отвечает"), ("en", "The virus scanner does not answer")):
        with translation.override(language):
            assert str(refused.value.message).startswith(says)


@pytest.mark.django_db
def test_an_infected_document_is_a_422_through_the_api_and_nothing_is_kept(
    settings, clamd, api, organization, owner
):
    settings.CLAMAV_SOCKET = clamd
    factories.participant(organization)
    body = {
        "measure": "patent-compensation",
        "organization_id": organization.pk,
        "items": [{"category": "invention", "amount": "1000", "jurisdiction": "ru"}],
        "draft": True,
    }
    application_id = api.as_(owner).post("/applications", body).json()["id"]
    infected = samples.zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": samples.EICAR})
    response = api.as_(owner).client.post(
        f"/api/v1/applications/{application_id}/documents",
        {"file": SimpleUploadedFile("акт.docx", infected)},
        headers={"Authorization": f"Bearer {api.as_(owner).token}"},
    )
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["details"]["field"]) == ("file_infected", "file")
    assert not Document.objects.exists()
