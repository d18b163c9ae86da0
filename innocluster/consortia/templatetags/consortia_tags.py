from functools import lru_cache

from django import template
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=1)
def _okved_names() -> dict[str, tuple[str, str]]:
    """The OKVED classes' names, code → (Russian, English): reference data loaded with the
    migrations, read once per process."""
    from innocluster.organizations.models import OkvedClass

    return {code: (ru, en) for code, ru, en in OkvedClass.objects.values_list("code", "name_ru", "name_en")}


@register.filter
def area_label(area) -> str:
    """A cluster's area as people read it: an OKVED class with its name («26 Производство
    компьютеров…»), a technology as it was written."""
    text = str(area).strip()
    names = _okved_names().get(text)
    if names is None:
        return text
    return f"{text} {names[1] if get_language() == 'en' else names[0]}"
