"""Refusals in the feedback review queue: an item, action or tag that is not this person's
answers 404, as if it did not exist, and the refusal is kept in the audit log.

Every queue page runs under :func:`refusals` (a dependency of the queue's router), so a
view only has to let :class:`~learning.feedback.triage.NotYours` rise. The request's own
work is rolled back first; the audit event is written in its own transaction, so it is kept
although the request fails. This is how the supervision pages record theirs.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import HTTPException, Request

from learning.audit.service import record_refusal
from learning.core.deps import DbSession
from learning.feedback.triage import NotYours

REFUSED = "feedback.refused"
#: Why a form about another team's item was refused to someone who may only read it.
READ_ONLY = "another team's feedback, which this person may read but not change"


def refusals(request: Request, db: DbSession) -> Iterator[None]:
    try:
        yield
    except NotYours as refusal:
        record_refusal(request, db, REFUSED, refusal.record_type, refusal.record_id, str(refusal))
        raise HTTPException(status_code=404) from refusal
