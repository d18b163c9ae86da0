from django.db.models import Prefetch, QuerySet

from innocluster.measures.models import Measure, MeasureApplication, Payment


def catalogue() -> QuerySet[Measure]:
    return Measure.objects.filter(is_active=True).prefetch_related("versions")


def get_measure(code: str) -> Measure | None:
    return Measure.objects.filter(code=str(code)[:40]).first()


def application_for(user, pk, *, perm: str = "reviews.view_case") -> MeasureApplication | None:
    """The application if `user` may see it (its people, staff handling it); else None → 404."""
    try:
        application = (
            MeasureApplication.objects.select_related("measure", "version", "case", "organization", "person")
            .prefetch_related(
                "items", "documents", Prefetch("payments", queryset=Payment.objects.order_by("pk")), "reports"
            )
            .get(pk=int(pk))
        )
    except (ValueError, TypeError, OverflowError, MeasureApplication.DoesNotExist):
        return None
    return application if user.is_authenticated and user.has_perm(perm, application.case) else None
