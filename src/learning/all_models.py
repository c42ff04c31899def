"""Every capability's tables, imported so SQLModel.metadata knows them (migrations, tests)."""

from learning.accounts import models as accounts_models
from learning.audit import models as audit_models
from learning.feedback import models as feedback_models
from learning.mail import models as mail_models
from learning.org import models as org_models
from learning.supervision import models as supervision_models
from learning.themes import models as themes_models

__all__ = [
    "accounts_models",
    "audit_models",
    "feedback_models",
    "mail_models",
    "org_models",
    "supervision_models",
    "themes_models",
]
