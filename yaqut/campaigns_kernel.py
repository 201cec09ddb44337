"""The campaign scan's replications, compiled (numba): the null maxima of one zone.

Imported only when a key is big enough to need it (:func:`yaqut.campaigns._kernel`); without
numba the vectorised numpy path of :mod:`yaqut.campaigns` computes the same figures. The
first call compiles (a few seconds) and caches the machine code beside this file.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = ["radix_sort", "zone_max"]


@njit(cache=True, nogil=True, error_model="numpy")
def radix_sort(keys: np.ndarray, bits: int) -> np.ndarray:
    """Non-negative integer ``keys`` of at most ``bits`` bits, sorted (LSD radix, 11 bits a
    pass): linear in their number, for :func:`zone_max`."""
    out = keys.copy()
    tmp = np.empty_like(out)
    counts = np.zeros(2049, np.int64)
    for shift in range(0, bits, 11):
        counts[:] = 0
        for v in out:
            counts[((v >> shift) & 2047) + 1] += 1
        for i in range(2048):
            counts[i + 1] += counts[i]
        for v in out:
            digit = (v >> shift) & 2047
            tmp[counts[digit]] = v
            counts[digit] += 1
        out, tmp = tmp, out
    return out


@njit(cache=True, nogil=True, error_model="numpy")
def zone_max(days: np.ndarray, weight: np.ndarray, cell_start: np.ndarray,
             n_by_cell: np.ndarray, F0: np.ndarray, windows: np.ndarray, total: float,
             min_core: float) -> np.ndarray:
    """Per replication (row of ``days``), the largest statistic of a zone's cylinders.

    The same cylinders and statistic as the vectorised path (cylinders end on the days the
    sub-events stand on; ties share their count), written as loops compiled by numba.
    ``days`` and ``weight`` come grouped by cell (``cell_start``); each replication
    radix-sorts (cell, day, weight index) packed in one integer, then every window slides
    over each cell's days with its own pointer (:func:`_cell_max`): a replication costs
    about ``m * windows`` for ``m`` sub-events.
    """
    reps, m = days.shape
    n_days = F0.size - 1
    weights = np.unique(weight)  # aoristic weights: 1, 1/7, 1/28 .. 1/31
    weight_code = np.searchsorted(weights, weight)
    k = cell_start.size - 1
    cell_of = np.empty(m, np.int64)
    for c in range(k):
        cell_of[cell_start[c]:cell_start[c + 1]] = c
    day_bits = _bits(n_days)
    low = day_bits + 3
    cell_bits = _bits(k)
    q = _window_shares(F0, windows)
    log_q = np.log(np.maximum(q, 1e-300))
    log_int = np.zeros(m + 2)
    for i in range(1, m + 2):
        log_int[i] = math.log(i)
    out = np.zeros(reps)
    ptr = np.zeros(windows.size, np.int64)
    cw = np.zeros(m + 1)
    for r in range(reps):
        packed = radix_sort((cell_of << low) | (days[r] << 3) | weight_code, low + cell_bits)
        best = 0.0
        for c in range(k):
            a, b = cell_start[c], cell_start[c + 1]
            if b - a < 2:
                continue
            d = (packed[a:b] >> 3) & ((1 << day_bits) - 1)
            for i in range(b - a):
                cw[i + 1] = cw[i] + weights[packed[a + i] & 7]
            if cw[b - a] < min_core:
                continue
            best = _cell_max(d, cw, b - a, n_by_cell[c], windows, q, log_q, log_int, total,
                             min_core, best, ptr)
        out[r] = best
    return out


@njit(cache=True, nogil=True, error_model="numpy")
def _bits(n: int) -> int:
    """The fewest bits (at least 1) that hold the numbers below ``n``."""
    bits = 1
    while (1 << bits) < n:
        bits += 1
    return bits


@njit(cache=True, nogil=True, error_model="numpy")
def _window_shares(F0: np.ndarray, windows: np.ndarray) -> np.ndarray:
    """``q[w, d]``: the share of the store's rhythm (cumulative ``F0``) in the window of
    ``windows[w]`` days ending on day ``d``."""
    n_days = F0.size - 1
    q = np.empty((windows.size, n_days))
    for wi in range(windows.size):
        for d in range(n_days):
            q[wi, d] = F0[d + 1] - F0[max(d + 1 - windows[wi], 0)]
    return q


@njit(cache=True, nogil=True, error_model="numpy")
def _cell_max(d: np.ndarray, cw: np.ndarray, size: int, ncell: float, windows: np.ndarray,
              q: np.ndarray, log_q: np.ndarray, log_int: np.ndarray, total: float,
              min_core: float, best: float, ptr: np.ndarray) -> float:
    """The larger of ``best`` and the statistic of one cell's cylinders: its ``size``
    sorted days ``d`` with cumulative weights ``cw``, ``ncell`` events in the store.

    The first term of the statistic, ``c log(c / mu)``, bounds it from above (the second
    is never positive), and ``c (c / mu - 1)`` bounds that (``log x <= x - 1``): logarithms
    are taken only for cylinders whose bound beats the best so far. ``ptr`` is scratch
    space, one pointer a window."""
    log_n = math.log(ncell)
    ptr[:] = 0
    for i in range(size):
        if i + 1 < size and d[i + 1] == d[i]:
            continue  # ties: counted at the last of them
        for wi in range(windows.size):
            j = ptr[wi]
            while d[j] < d[i] - windows[wi] + 1:
                j += 1
            ptr[wi] = j
            count = cw[i + 1] - cw[j]
            if count < min_core:
                continue
            mu = ncell * q[wi, d[i]]
            if count <= mu or count * (count / max(mu, 1e-12) - 1.0) <= best:
                continue  # log x <= x - 1: this cylinder cannot beat the best
            whole = int(count + 0.5)
            log_c = log_int[whole] if abs(count - whole) < 1e-9 else math.log(count)
            log_mu = max(log_n + log_q[wi, d[i]], -27.631021115928547)  # log 1e-12
            llr = count * (log_c - log_mu)
            if llr <= best:
                continue
            rest = total - count
            if rest > 1e-12:
                llr += rest * math.log(rest / max(total - max(mu, 1e-12), 1e-12))
            if llr > best:
                best = llr
    return best
