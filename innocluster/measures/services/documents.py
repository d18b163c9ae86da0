"""Supporting documents of an application, kept after the platform's upload checks."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from innocluster.core import audit
from innocluster.core.errors import Conflict, NotFound
from innocluster.core.uploads import check_upload
from innocluster.measures.models import CostReport, Document, MeasureApplication
from innocluster.reviews.enums import EDITABLE_STATUSES
from innocluster.reviews.error_codes import ReviewErrorCode


def add_document(
    *, actor, application: MeasureApplication, upload, report: CostReport | None = None
) -> Document:
    """Keep a supporting document after the platform's upload checks (type, size, first bytes).
    A draft's documents are added by any of the applicant's people (a member drafts); a cost
    report's by those who act for it. Side effects: the file in storage; audit
    `measure.document_added`."""
    perm = "reviews.draft_as_applicant" if report is None else "reviews.act_as_applicant"
    if not actor.has_perm(perm, application.case):
        raise NotFound()
    if report is None and application.case.status not in EDITABLE_STATUSES:
        raise Conflict(
            _("Documents are added while the application is a draft or returned."),
            code=ReviewErrorCode.UNDER_REVIEW,
        )
    checked = check_upload(upload)
    document = Document(
        application=application,
        report=report,
        original_name=checked.name,
        extension=checked.extension,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    document.file.save(checked.name, ContentFile(checked.content), save=False)
    document.save()
    audit.record(
        actor=actor,
        action="measure.document_added",
        obj=application,
        data={"document": document.pk, "name": checked.name},
    )
    return document


def remove_document(*, actor, document: Document) -> None:
    """Side effects: the row at once, the stored file after commit; audit `measure.document_removed`."""
    application = document.application
    perm = "reviews.draft_as_applicant" if document.report_id is None else "reviews.act_as_applicant"
    if not actor.has_perm(perm, application.case):
        raise NotFound()
    if application.case.status not in EDITABLE_STATUSES:
        raise Conflict(
            _("Documents are removed only while the application is a draft or returned."),
            code=ReviewErrorCode.UNDER_REVIEW,
        )
    audit.record(
        actor=actor, action="measure.document_removed", obj=application, data={"document": document.pk}
    )
    storage, name = document.file.storage, document.file.name
    document.delete()
    # the file goes only once the removal is committed: a rollback keeps both the row and the file
    transaction.on_commit(lambda: storage.delete(name))
