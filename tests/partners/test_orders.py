import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from innocluster.core.models import Notification
from innocluster.partners import search
from innocluster.partners.models import ProductionOrder
from tests import factories, samples

DEADLINE = (dt.date.today() + dt.timedelta(days=30)).isoformat()


@pytest.fixture
def shops(db):
    """A customer and three machining shops, indexed."""
    customer_owner = factories.person()
    customer = factories.organization(
        owner=customer_owner, short_name="АО «Заказчик»", okved_main="26", capabilities=["микроэлектроника"]
    )
    made = []
    for name in ("ООО «ЧПУ-1»", "ООО «ЧПУ-2»", "ООО «ЧПУ-3»"):
        owner = factories.person()
        made.append(
            (
                factories.organization(
                    owner=owner,
                    short_name=name,
                    okved_main="25",
                    capabilities=["фрезерная обработка с ЧПУ", "токарная обработка"],
                    description_ru="Фрезерная обработка алюминия на станках с ЧПУ.",
                ),
                owner,
            )
        )
    search.index_all()
    return customer, customer_owner, made


def post(api, owner, customer, **extra):
    body = {
        "customer_id": customer.pk,
        "title": "Корпуса из алюминия",
        "process": "cnc",
        "material": "АМг6",
        "quantity": 100,
        "deadline": DEADLINE,
        "description": "Фрезерная обработка по чертежу",
        **extra,
    }
    return api.as_(owner).post("/orders", body)


@pytest.mark.django_db
class TestOrders:
    def test_post_suggests_and_notifies_matching_manufacturers(self, api, shops):
        customer, owner, made = shops
        response = post(api, owner, customer)
        assert response.status_code == 201
        invited = set(response.json()["invited"])
        assert {o.pk for o, _ in made} <= invited and customer.pk not in invited
        for _organization, shop_owner in made:
            assert Notification.objects.filter(recipient=shop_owner, kind="partners.order_invited").exists()

    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({"process": "magic"}, "process"),
            ({"deadline": "2000-01-01"}, "deadline"),
            ({"quantity": 0}, None),
            ({"title": ""}, "title"),
        ],
    )
    def test_bad_orders_are_4xx(self, api, shops, extra, field):
        customer, owner, _ = shops
        response = post(api, owner, customer, **extra)
        assert 400 <= response.status_code < 500
        if field:
            assert response.json()["details"]["field"] == field
        assert not ProductionOrder.objects.exists()

    def test_quotes_are_seen_by_the_customer_and_each_quoter_only_its_own(self, api, shops):
        customer, owner, made = shops
        order_id = post(api, owner, customer).json()["id"]
        (shop1, owner1), (shop2, owner2), (_shop3, owner3) = made
        for shop, shop_owner, price in ((shop1, owner1, "150000.00"), (shop2, owner2, "120000.50")):
            response = api.as_(shop_owner).post(
                f"/orders/{order_id}/quotes",
                {"manufacturer_id": shop.pk, "price": price, "lead_time_days": 14},
            )
            assert response.status_code == 201
        customer_view = api.as_(owner).get(f"/orders/{order_id}").json()["quotes"]
        assert [q["price"] for q in customer_view] == [
            "120000.50",
            "150000.00",
        ]  # cheapest first, side by side
        assert [
            q["manufacturer_id"] for q in api.as_(owner1).get(f"/orders/{order_id}").json()["quotes"]
        ] == [shop1.pk]
        assert api.as_(owner3).get(f"/orders/{order_id}").json()["quotes"] == []
        # a second quote of the same shop, a bad price, quoting for someone else's shop
        assert (
            api.as_(owner1)
            .post(
                f"/orders/{order_id}/quotes", {"manufacturer_id": shop1.pk, "price": "1", "lead_time_days": 1}
            )
            .status_code
            == 409
        )
        assert (
            api.as_(owner3)
            .post(
                f"/orders/{order_id}/quotes",
                {"manufacturer_id": made[2][0].pk, "price": "1e400", "lead_time_days": 1},
            )
            .status_code
            == 422
        )
        assert (
            api.as_(owner3)
            .post(
                f"/orders/{order_id}/quotes",
                {"manufacturer_id": shop1.pk, "price": "10", "lead_time_days": 1},
            )
            .status_code
            == 404
        )

    def test_award_tells_everyone(self, api, shops):
        customer, owner, made = shops
        order_id = post(api, owner, customer).json()["id"]
        quote_ids = [
            api.as_(shop_owner)
            .post(
                f"/orders/{order_id}/quotes",
                {"manufacturer_id": shop.pk, "price": "1000", "lead_time_days": 5},
            )
            .json()["id"]
            for shop, shop_owner in made[:2]
        ]
        assert api.as_(made[0][1]).post(f"/orders/{order_id}/quotes/{quote_ids[0]}/award").status_code == 404
        body = api.as_(owner).post(f"/orders/{order_id}/quotes/{quote_ids[1]}/award").json()
        assert body["status"] == "awarded"
        assert {q["id"]: q["status"] for q in body["quotes"]} == {
            quote_ids[0]: "not_chosen",
            quote_ids[1]: "awarded",
        }
        assert Notification.objects.filter(recipient=made[1][1], kind="partners.quote_awarded").exists()
        assert Notification.objects.filter(recipient=made[0][1], kind="partners.quote_not_chosen").exists()
        assert (
            api.as_(made[2][1])
            .post(
                f"/orders/{order_id}/quotes",
                {"manufacturer_id": made[2][0].pk, "price": "5", "lead_time_days": 5},
            )
            .status_code
            == 409
        )

    def test_files_only_for_the_customer_and_invited(self, shops, stranger):
        customer, owner, made = shops
        client = Client()
        factories.sign_in(client, owner)
        drawing = SimpleUploadedFile("деталь.pdf", samples.pdf("Кронштейн"))
        response = client.post(
            "/partners/orders/new/",
            {
                "customer_id": customer.pk,
                "title": "Кронштейн",
                "process": "milling",
                "quantity": "10",
                "deadline": DEADLINE,
                "files": drawing,
            },
        )
        order = ProductionOrder.objects.get()
        assert response["Location"] == f"/partners/orders/{order.pk}/"
        item = order.files.get()
        url = f"/partners/orders/{order.pk}/files/{item.pk}/"
        assert client.get(url).status_code == 200
        invited = Client()
        factories.sign_in(invited, made[0][1])
        assert invited.get(url).status_code == 200
        other = Client()
        factories.sign_in(other, stranger)
        assert other.get(url).status_code == 404
        bad = SimpleUploadedFile("virus.exe", b"MZ")
        client.post(
            "/partners/orders/new/",
            {
                "customer_id": customer.pk,
                "title": "Х",
                "process": "milling",
                "quantity": "1",
                "deadline": DEADLINE,
                "files": bad,
            },
        )
        assert ProductionOrder.objects.count() == 1  # refused whole: nothing half-posted


@pytest.mark.django_db
def test_the_order_form_names_every_refused_field_at_once(shops):
    """A quantity of 0 with a deadline in the past showed only the deadline's message; fixed, the
    next submission showed "Enter a whole number from 1." with no field named."""
    customer, owner, _made = shops
    client = Client()
    factories.sign_in(client, owner)
    client.cookies["django_language"] = "en"
    refused = {
        "customer_id": customer.pk,
        "title": "",
        "process": "milling",
        "quantity": "0",
        "deadline": "2026-01-01",
    }
    page = client.post("/partners/orders/new/", refused).content.decode()
    summary = page.split('data-testid="order-error"')[1].split("</div>")[0]
    for field, text in (
        ("title", "What is to be made — "),
        ("quantity", "Quantity — Enter a whole number from 1."),
        ("deadline", "Deadline — The deadline must be in the future."),
    ):
        assert f'href="#id_{field}"' in summary and text in summary
        assert f'id="id_{field}" aria-invalid="true"' in page
    assert 'value="0"' in page and not ProductionOrder.objects.exists()
    # a file of a refused type is named on the same answer, beside the fields' refusals
    from django.core.files.uploadedfile import SimpleUploadedFile

    drawing = SimpleUploadedFile("setup.exe", b"MZ\x90\x00 not a drawing")
    page = client.post("/partners/orders/new/", {**refused, "files": [drawing]}).content.decode()
    summary = page.split('data-testid="order-error"')[1].split("</div>")[0]
    assert 'href="#id_files"' in summary and "Drawings and files — setup.exe: " in summary
    assert 'href="#id_quantity"' in summary and not ProductionOrder.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "error_id", "says"),
    [
        ({"price": "100", "lead_time_days": "-1"}, "quote-days-error", "Введите срок изготовления в днях"),
        ({"price": "abc", "lead_time_days": "30"}, "quote-price-error", "Введите сумму в рублях"),
        # both at once: each at its field, and both named above the form
        ({"price": "-100", "lead_time_days": "abc"}, "quote-days-error", "Введите срок изготовления в днях"),
        ({"price": "-100", "lead_time_days": "abc"}, "quote-price-error", ""),
    ],
)
def test_a_refused_quote_keeps_what_was_typed_and_says_why_at_the_field(api, shops, typed, error_id, says):
    from innocluster.partners.models import OrderQuote

    customer, owner, made = shops
    order_id = post(api, owner, customer).json()["id"]
    shop, shop_owner = made[0]
    client = Client(headers={"accept-language": "ru"})
    factories.sign_in(client, shop_owner)
    body = {"manufacturer_id": str(shop.pk), "comment": "keep me", **typed}
    response = client.post(f"/partners/orders/{order_id}/quote/", body)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'aria-invalid="true" aria-describedby="{error_id}"' in page
    assert f'<ul class="errorlist" id="{error_id}"><li>{says}' in page
    assert f'value="{typed["price"]}"' in page and f'value="{typed["lead_time_days"]}"' in page
    assert ">keep me</textarea>" in page
    assert not OrderQuote.objects.filter(manufacturer=shop).exists()
    summary = page.split('data-testid="quote-error"')[1].split("</div>")[0]
    for field in ("price", "lead_time_days"):
        if f"quote-{field.replace('lead_time_', '')}-error" in page:
            assert f'href="#quote-{field}"' in summary
