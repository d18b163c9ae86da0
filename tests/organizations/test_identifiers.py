import pytest
from hypothesis import given
from hypothesis import strategies as st

from innocluster.core.errors import InvalidInput
from innocluster.organizations.identifiers import (
    make_legal_inn,
    make_ogrn,
    make_ogrnip,
    make_personal_inn,
    validate_inn,
    validate_kpp,
    validate_ogrn,
)

LE, SP = "legal_entity", "sole_proprietor"


class TestInn:
    def test_real_legal_inn(self):
        assert validate_inn("7707083893", kind=LE) == "7707083893"  # Sberbank

    def test_real_personal_inn(self):
        assert validate_inn("500100732259", kind=SP) == "500100732259"

    @pytest.mark.parametrize(
        ("value", "kind"),
        [
            ("7707083894", LE),  # wrong check digit
            ("770708389", LE),  # 9 digits
            ("500100732259", LE),  # a person's INN for a company
            ("7707083893", SP),
            ("500100732258", SP),
            ("０７０７０８３８９３", LE),  # fullwidth digits
            ("٧٧٠٧٠٨٣٨٩٣", LE),  # Arabic-Indic digits
            ("0000000000", LE),
            ("77070838 3", LE),
            ("", LE),
            (None, LE),
        ],
    )
    def test_refused_naming_the_field(self, value, kind):
        with pytest.raises(InvalidInput) as exc:
            validate_inn(value, kind=kind)
        assert exc.value.details["field"] == "inn"


class TestOgrn:
    def test_real_ogrn(self):
        assert validate_ogrn("1027700132195", kind=LE) == "1027700132195"

    def test_ogrn_may_start_with_5(self):
        assert validate_ogrn(make_ogrn("502770013219"), kind=LE).startswith("5")

    @pytest.mark.parametrize("value", ["1027700132196", "2027700132195", "102770013219", "0000000000000"])
    def test_bad_ogrn(self, value):
        with pytest.raises(InvalidInput) as exc:
            validate_ogrn(value, kind=LE)
        assert exc.value.details["field"] == "ogrn"

    def test_ogrnip_uses_remainder_mod_10(self):
        # int(first 14) % 13 == 10 → check digit 0: stdnum refuses this real-form OGRNIP, we accept it.
        prefix = next(str(n) for n in range(30477000000000, 30477000001000) if n % 13 == 10)
        assert validate_ogrn(prefix + "0", kind=SP) == prefix + "0"
        with pytest.raises(InvalidInput):
            validate_ogrn(prefix + "1", kind=SP)

    def test_ogrnip_must_start_with_3(self):
        with pytest.raises(InvalidInput):
            validate_ogrn(make_ogrnip("40477000000001"), kind=SP)


class TestKpp:
    @pytest.mark.parametrize("value", ["770101001", "7701AB001", "7701ab001"])
    def test_good(self, value):
        assert validate_kpp(value) == value.upper()

    @pytest.mark.parametrize(
        "value", ["77010100", "7701A1001X", "77A101001", "７７０１０１００１", "000000000", ""]
    )
    def test_bad(self, value):
        with pytest.raises(InvalidInput) as exc:
            validate_kpp(value)
        assert exc.value.details["field"] == "kpp"


@given(st.integers(min_value=10**8, max_value=10**9 - 1))
def test_generated_legal_inns_validate(n):
    assert validate_inn(make_legal_inn(str(n)), kind=LE)


@given(st.integers(min_value=10**9, max_value=10**10 - 1))
def test_generated_personal_inns_validate(n):
    assert validate_inn(make_personal_inn(str(n)), kind=SP)


@given(st.integers(min_value=3 * 10**13, max_value=4 * 10**13 - 1))
def test_generated_ogrnips_validate(n):
    assert validate_ogrn(make_ogrnip(str(n)), kind=SP)
