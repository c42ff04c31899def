"""The ASGI entry point used by ``learning serve``: settings come from the environment.

Once the app is built, everything made so far (modules, mappers, compiled templates, the
language catalogues) lives as long as the process: ``gc.freeze()`` moves it out of the
cyclic garbage collector's sight, so each collection walks only what requests made. Under
load that cut the CPU time per feedback submission by about a fifth
(``benchmarks/feedback_load.py``).
"""

import gc

from learning.app import create_app

app = create_app()

gc.collect()
gc.freeze()
