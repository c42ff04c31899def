"""Matrix products for the theme engine: one BLAS thread, and no false floating-point alarms.

The products here are small (thousands of rows, at most a few hundred columns): BLAS threads only
add overhead, so each run keeps to one.

OpenBLAS, which numpy uses for matrix products, sets the processor's "invalid" or "overflow"
flag in some kernels on some processors even when every input and every result is finite (numpy
issues 24067 and 28967). numpy then warns "invalid value encountered in matmul", and a theme run
whose warnings are errors (the test suite's) fails at random on such a machine. Inputs are checked
finite where they enter (:func:`finite`) and centroids where they leave, so inside
:func:`matrix_products` those flags carry no information and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from threadpoolctl import threadpool_limits


def quiet_products() -> np.errstate:
    """Floating-point flags raised by products are not reported (cheap: for one item's product)."""
    return np.errstate(over="ignore", invalid="ignore", divide="ignore")


@contextmanager
def matrix_products() -> Iterator[None]:
    """One BLAS thread, and :func:`quiet_products` (for a whole run: setting threads costs)."""
    with threadpool_limits(1, user_api="blas"), quiet_products():
        yield


def finite(x: np.ndarray, what: str) -> np.ndarray:
    """``x`` unchanged; a clear error if any value in it is not a finite number."""
    if not np.isfinite(x).all():
        raise ValueError(f"{what} hold a value that is not a finite number")
    return x
