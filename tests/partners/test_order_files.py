"""The customer decides who sees each drawing: any manufacturer, or only those it notified or
let in on request; every view of a file is audited; the files have no public URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from innocluster.core.models import AuditEvent, Notification
from innocluster.partners import services as orders
from innocluster.partners.models import FileAccessRequest, ProductionOrder
from tests import factories, samples
from tests.partners.test_orders import DEADLINE, shops  # noqa: F401  (the fixture)


@pytest.fixture
def order_with_file(shops):  # noqa: F811
    customer, owner, made = shops
    client = Client()
    factories.sign_in(client, owner)
    client.post(
        "/partners/orders/new/",
        {
            "customer_id": customer.pk,
            "title": "Кронштейн",
            "process": "milling",
            "quantity": "10",
            "deadline": DEADLINE,
            "files": SimpleUploadedFile("деталь.pdf", samples.pdf("Кронштейн")),
        },
    )
    order = ProductionOrder.objects.get()
    outsider_org, outsider = made[2]
    order.invited.remove(outsider_org)  # a manufacturer the platform did not notify
    return order, order.files.get(), owner, made[0], (outsider_org, outsider)


def fetch(user, url):
    client = Client()
    factories.sign_in(client, user)
    return client.get(url)


@pytest.mark.django_db
class TestWhoSeesADrawing:
    def test_stored_under_a_random_name_and_only_behind_the_check(self, order_with_file):
        order, item, _owner, _invited, _outsider = order_with_file
        assert "деталь" not in item.file.name and item.file.name.startswith(f"orders/{order.pk}/")
        assert item.visibility == "admitted"
        assert Client().get(f"/media/{item.file.name}").status_code == 404

    def test_by_default_the_customer_and_the_notified_see_it_others_may_ask(
        self, order_with_file, stranger, api
    ):
        order, item, owner, (_shop, invited), (_outsider_org, outsider) = order_with_file
        url = f"/partners/orders/{order.pk}/files/{item.pk}/"
        assert fetch(owner, url).status_code == 200
        assert fetch(invited, url).status_code == 200
        assert fetch(outsider, url).status_code == 404
        assert fetch(stranger, url).status_code == 404
        body = api.as_(outsider).get(f"/orders/{order.pk}").json()
        assert body["files"] == [] and body["restricted_files"] == [{"id": item.pk, "access": "ask"}]
        assert "деталь" not in str(body)

    def test_a_request_to_see_it_approved_by_the_customer(self, order_with_file, api):
        order, item, owner, _invited, (outsider_org, outsider) = order_with_file
        response = api.as_(outsider).post(
            f"/orders/{order.pk}/files/{item.pk}/access-requests", {"organization_id": outsider_org.pk}
        )
        assert response.status_code == 201 and response.json()["status"] == "pending"
        assert Notification.objects.filter(kind="partners.file_access_requested", recipient=owner).exists()
        again = api.as_(outsider).post(
            f"/orders/{order.pk}/files/{item.pk}/access-requests", {"organization_id": outsider_org.pk}
        )
        assert again.status_code == 409
        request_id = response.json()["id"]
        # only the customer decides
        assert (
            api.as_(outsider)
            .post(f"/orders/{order.pk}/access-requests/{request_id}/decision", {"approve": True})
            .status_code
            == 404
        )
        decided = api.as_(owner).post(
            f"/orders/{order.pk}/access-requests/{request_id}/decision",
            {"approve": True},
            **{"Accept-Language": "en"},  # the customer works in English
        )
        assert decided.json()["status"] == "approved"
        # the outsider's notification speaks their language, the answer included (it read «…: Let in»)
        told = Notification.objects.get(kind="partners.file_access_decided", recipient=outsider)
        assert told.subject.endswith(": Допущен") and "Let in" not in told.subject
        download = api.as_(outsider).get(f"/orders/{order.pk}/files/{item.pk}")
        assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
        assert (
            "filename*=utf-8" in download["Content-Disposition"]
            and download["Cache-Control"] == "private, no-store"
        )

    def test_a_declined_request_keeps_it_hidden(self, order_with_file, api):
        order, item, owner, _invited, (outsider_org, outsider) = order_with_file
        access = orders.request_file_access(actor=outsider, item=item, organization=outsider_org)
        orders.decide_file_access(actor=owner, access_id=access.pk, approve=False)
        assert api.as_(outsider).get(f"/orders/{order.pk}/files/{item.pk}").status_code == 404
        assert (
            api.as_(outsider).get(f"/orders/{order.pk}").json()["restricted_files"][0]["access"] == "declined"
        )
        assert FileAccessRequest.objects.get().decided_by == owner

    def test_shown_to_any_manufacturer_when_the_customer_says_so(self, order_with_file, api, stranger):
        order, item, owner, _invited, (_org, outsider) = order_with_file
        assert (
            api.as_(outsider)
            .put(f"/orders/{order.pk}/files/{item.pk}/visibility", {"visibility": "manufacturers"})
            .status_code
            == 404
        )
        response = api.as_(owner).put(
            f"/orders/{order.pk}/files/{item.pk}/visibility", {"visibility": "manufacturers"}
        )
        assert response.json()["visibility"] == "manufacturers"
        assert api.as_(outsider).get(f"/orders/{order.pk}/files/{item.pk}").status_code == 200
        assert (
            api.as_(stranger).get(f"/orders/{order.pk}/files/{item.pk}").status_code == 404
        )  # no organisation
        event = AuditEvent.objects.get(action="partners.order_file_visibility")
        assert (event.from_state, event.to_state) == ("admitted", "manufacturers")

    def test_every_view_is_audited(self, order_with_file):
        order, item, owner, (shop, invited), _outsider = order_with_file
        fetch(invited, f"/partners/orders/{order.pk}/files/{item.pk}/")
        fetch(owner, f"/partners/orders/{order.pk}/files/{item.pk}/")
        views = AuditEvent.objects.filter(action="partners.order_file_viewed").order_by("pk")
        assert [(e.actor, e.data["file"]) for e in views] == [(invited, item.pk), (owner, item.pk)]
        assert views[0].data["organizations"] == [shop.pk]

    def test_the_order_page_asks_and_the_customer_lets_in(self, order_with_file):
        order, item, owner, _invited, (outsider_org, outsider) = order_with_file
        client = Client()
        factories.sign_in(client, outsider)
        page = client.get(f"/partners/orders/{order.pk}/").content.decode()
        assert "деталь.pdf" not in page
        client.post(
            f"/partners/orders/{order.pk}/files/{item.pk}/request/", {"organization_id": outsider_org.pk}
        )
        customer = Client()
        factories.sign_in(customer, owner)
        access = FileAccessRequest.objects.get()
        assert outsider_org.short_name in customer.get(f"/partners/orders/{order.pk}/").content.decode()
        customer.post(f"/partners/orders/{order.pk}/access-requests/{access.pk}/decision/", {"approve": "1"})
        assert "деталь.pdf" in client.get(f"/partners/orders/{order.pk}/").content.decode()
        # in Russian the order is "Открыт" and the request "Допущен", not the words of other places
        russian = customer.get(
            f"/partners/orders/{order.pk}/", headers={"Accept-Language": "ru"}
        ).content.decode()
        assert "Открыт<" in russian and "Открытые" not in russian.split("<main")[-1].split("<footer")[0]
        assert "Допущен" in russian and "Допустить" not in russian
