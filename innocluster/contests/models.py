from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.contests.enums import (
    DEFAULT_EXPERTS_PER_SOLUTION,
    MAX_POINTS,
    MIN_POINTS,
    AssignedBy,
    ContestStatus,
)
from innocluster.core.files import random_name
from innocluster.core.models import TimeStampedModel


class Contest(TimeStampedModel):
    """A city challenge (SPEC C7): an organiser's problem, criteria with weights, a deadline in
    Moscow time (stored in UTC), what winners get and how many."""

    title = models.CharField(_("title"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=300)
    problem = models.TextField(_("problem"))
    requirements = models.TextField(_("requirements"), blank=True)
    reward = models.TextField(_("what winners get"), blank=True)
    winners = models.PositiveIntegerField(_("number of winners"), validators=[MinValueValidator(1)])
    deadline = models.DateTimeField(_("submission deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=ContestStatus.choices, default=ContestStatus.DRAFT
    )
    blind = models.BooleanField(
        _("blind review"),
        default=True,
        help_text=_("Experts do not see who submitted, nor others' scores until they have scored."),
    )
    experts_per_solution = models.PositiveIntegerField(
        _("experts per solution"), default=DEFAULT_EXPERTS_PER_SOLUTION, validators=[MinValueValidator(1)]
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        constraints = [models.CheckConstraint(condition=Q(winners__gte=1), name="contests_winners_positive")]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("contest")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=9, decimal_places=4)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["contest", "code"], name="contests_criterion_code_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="contests_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Solution(TimeStampedModel):
    """One organisation's solution to a contest; editable until the deadline."""

    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="solutions", verbose_name=_("contest")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="contest_solutions",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    # fixed when the results are published
    rank = models.PositiveIntegerField(_("place"), null=True, blank=True)
    is_winner = models.BooleanField(_("winner"), default=False)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        constraints = [
            models.UniqueConstraint(fields=["contest", "organization"], name="contests_one_solution_per_org")
        ]

    def __str__(self) -> str:
        return self.title


def solution_file_path(instance, filename: str) -> str:
    """A random name: the original one is kept in `original_name`, the file has no public URL."""
    return random_name(f"contests/{instance.solution_id}", filename)


class SolutionFile(TimeStampedModel):
    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="files", verbose_name=_("solution")
    )
    file = models.FileField(_("file"), upload_to=solution_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(_("extension"), max_length=8)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("solution file")
        verbose_name_plural = _("solution files")

    def __str__(self) -> str:
        return self.original_name


class PoolExpert(models.Model):
    """An expert in a contest's pool; sees nothing of the solutions until they have declared their
    conflicts (`declared_at`)."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="pool", verbose_name=_("contest")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contest_pools",
        verbose_name=_("expert"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    declared_at = models.DateTimeField(_("conflicts declared"), null=True, blank=True)
    declared_conflicts = models.ManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="+",
        verbose_name=_("declared conflicts"),
    )

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("expert of a contest")
        verbose_name_plural = _("experts of contests")
        constraints = [models.UniqueConstraint(fields=["contest", "expert"], name="contests_pool_unique")]

    def __str__(self) -> str:
        return f"{self.expert_id} @ {self.contest_id}"


class Assignment(models.Model):
    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("solution")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contest_assignments",
        verbose_name=_("expert"),
    )
    assigned_by = models.CharField(_("assigned"), max_length=4, choices=AssignedBy.choices)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        ordering = ["solution_id", "expert_id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["solution", "expert"], name="contests_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.expert_id} → {self.solution_id}"


class ScoreSheet(TimeStampedModel):
    """One expert's scores of one solution: a whole number 0-10 per criterion and a comment."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("solution")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("expert")
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["solution_id", "expert_id"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [models.UniqueConstraint(fields=["solution", "expert"], name="contests_sheet_unique")]

    def __str__(self) -> str:
        return f"{self.expert_id} on {self.solution_id}"


class Score(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="scores", verbose_name=_("score sheet")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    points = models.PositiveSmallIntegerField(
        _("points"), validators=[MinValueValidator(MIN_POINTS), MaxValueValidator(MAX_POINTS)]
    )

    class Meta:
        ordering = ["sheet_id", "criterion_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="contests_score_unique"),
            models.CheckConstraint(
                condition=Q(points__gte=MIN_POINTS, points__lte=MAX_POINTS), name="contests_points_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.points}"
