"""The core every capability stands on: settings, data, sign-in, permissions, web helpers.

The core knows no capability; capabilities import the core.
"""

from learning.core import record_ids  # noqa: F401  (the "id" path convertor, before any route)
