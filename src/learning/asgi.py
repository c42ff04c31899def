"""The ASGI entry point used by ``learning serve``: settings come from the environment.

The app is warmed before it serves (``feedback.public_views.warm_up``). Once it is built
and warm, everything made so far (modules, mappers, compiled templates and patterns, the
language catalogues) lives as long as the process: ``gc.freeze()`` moves it out of the
cyclic garbage collector's sight, so each collection walks only what requests made. Under
load that cut the CPU time per feedback submission by about a fifth
(``benchmarks/feedback_load.py``).
"""

import gc

from learning.app import create_app
from learning.feedback.public_views import warm_up

app = create_app()
warm_up(app)

gc.collect()
gc.freeze()
