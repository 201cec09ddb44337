"""Campaigns: incidents that share an actor and a pattern and cluster in time and space.

:func:`find_campaigns` groups events by **pattern key**: the actor family
(:func:`yaqut.extract.actors.family`, the one definition the coder also uses) of the side
acting, with either a pair or a single PLOVER action type (``DEMAND + THREATEN``, ``ASSAULT``;
actions in a real mode only) or the ACLED ``event_type/sub_event_type``. An event belongs to
every key it has.

**Only incidents.** Coded events told as background (``Event.background``: an earlier
incident a report mentions, not the one it reports) take no part unless asked; imported
events take part. An event placed only at country level (no governorate, district or town,
and no point finer than a region's centre) counts in the store's rhythm but joins no key.

**What a campaign is.** At least ``min_members`` (3) events of one key, spread over more
than one place or more than one day (three reports of one incident in one town on one day
are not a campaign), in one cylinder holding at least twice the events the baseline expects
there, significant as below. Each campaign says what ties its members (``family``, ``kind``
and ``pattern``, ``where``: the cell size, ``when``: the dates) and how unusual they are
against the store's own history (``observed`` against ``expected`` in ``window_days``,
``relative_risk``, ``history_per_month``: the pattern's rate in the year before). Campaigns
come ranked (``rank``) by p-value, then size.

**Significance** comes from a space-time scan statistic in the manner of Kulldorff (1997, 2005):
cylinders made of a spatial zone (cells of a square grid at several sizes, each at two offsets,
plus the whole map) and a time window (3 to 92 days, ending on any day an event of the key
stands on). For a cylinder the key's observed count ``c`` is compared with the count
``mu = n_zone * Q(window)`` expected from

* ``n_zone``: the key's own events in that zone over the whole period (the spatial marginal,
  as in Kulldorff's space-time permutation scan: a pattern is not unusual for being where it
  always is), and
* ``Q``: the baseline probability of the window, a mix of (a) the key's own
  rate, per day the busier of its mean over the half-year before and the half-year after
  (:func:`_busier_side`: a step up in the pattern's rate is expected from the step on, so a
  busier year is not a campaign, while a burst of days or weeks barely moves either mean) and
  (b) the rest of the store's events smoothed over a month (the rhythm of reporting and
  fighting in general), (a) weighing n / (n + 30) for a key of n events. With no other
  events in the store, (a) alone. A cluster is reported only when it holds at least twice
  the events expected (``min_relative_risk``): with thousands of events a busier quarter is
  "significant" but is not a campaign.

The statistic is Kulldorff's Poisson log-likelihood ratio, maximised over all cylinders with
``c >= 2``. Its null distribution comes from Monte Carlo: each replication keeps every event
of the key at its place and draws its date from the baseline; ``p = (r + 1) / (R + 1)``, r being
the replications whose maximum reaches the observed one. Replications stop early when it is
already clear that the key has nothing (Besag & Clifford 1991 sequential p-value ``h / l`` after
``h = 10`` exceedances in ``l`` replications). Secondary clusters of a key (no shared members
with a better one) are judged against the same null maxima, as SaTScan does. Across keys the
threshold ``alpha`` is applied with Benjamini-Hochberg (false discovery rate) over the primary
p-values of every key tested, so a big store does not report one false campaign per 20 keys.

**False-alarm rate.** Under the null (no clusters: :func:`shuffled_dates` permutes the dates
among the events, keeping places, actors and the store's day-to-day rhythm) a key's p-value
is about uniform, so a key passes ``alpha`` with probability ``alpha``, and
Benjamini-Hochberg across keys holds the chance that a store without clusters reports *any*
campaign to at most ``alpha`` (0.05). Measured by ``bench/campaigns_calibration.py`` on the
dev battles and by the tests on a synthetic store.

**Big keys: Gumbel tail.** Keys of ``GUMBEL_MIN_EVENTS`` (1,000) events or more take their
p-values from a Gumbel law fitted by moments to ``GUMBEL_REPLICATIONS`` (39) null maxima
(Abrams, Kleinman & Kulldorff 2010), after a first batch of 15 that stops keys whose fitted
p is far above ``alpha``: p-values below 1/(R+1) become possible and a key costs at most 39
replications instead of 999. Its effect against the exact method is measured on the dev
battles by ``bench/campaigns_calibration.py``.

**Coarse precision takes part only at its own scale.** A date known to the week or month is
spread evenly over its days (aoristic weighting, Ratcliffe 2000): it adds 1/31 per day to a
3-day window and its whole weight only to windows that contain its month. A place coded at
geo_precision 2 enters grid cells of 30 km and more; geo_precision 3 (a region's centre) or no
coordinates enter only the whole-map zone, never a cell measured in kilometres.

**Cost.** A key's cylinders are counted either at its events' own days (sorting; small keys)
or on a dense cell x day grid (bincount and cumulative sums; big keys, whichever costs less),
so one replication costs about linear time in the key's events; replications stop early
(Besag-Clifford) for keys with nothing to show. Zones of 200 sub-events or more run their
replications in a compiled kernel (:mod:`yaqut.campaigns_kernel`, numba: a radix sort and a
pointer per window, the same figures as the numpy path), loaded only when needed.

**Small stores.** The baseline is always defined: the key's own half-year means give
the three events of a single article a reference year around them, and the rest of the store,
however unrelated, adds the general rhythm. The explanation says how much history the store
actually holds before the cluster, so a reader can judge the reference.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import hashlib
import itertools
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from yaqut.errors import UsageError
from yaqut.extract.actors import family as _family
from yaqut.records import Campaign, Event

__all__ = [
    "DEFAULT_SCALES_KM",
    "DEFAULT_WINDOWS",
    "METHOD",
    "actor_family",
    "campaign_record",
    "campaigns_geojson",
    "find_campaigns",
    "format_p",
    "gumbel_p",
    "monte_carlo_p",
    "pattern_keys",
    "shuffled_dates",
]

DEFAULT_WINDOWS: tuple[int, ...] = (3, 7, 14, 31, 92)
DEFAULT_SCALES_KM: tuple[float, ...] = (30.0, 150.0)
METHOD = (
    "space-time scan (Kulldorff Poisson log-likelihood ratio over grid-cell x time-window "
    "cylinders; baseline = key's own rate (busier of the half-years before and after) + rest "
    "of store; relative risk >= 2; aoristic weights for "
    "coarse dates); Monte Carlo p = (r+1)/(R+1) with Besag-Clifford early stop; "
    "Benjamini-Hochberg across patterns"
)

#: modes in which an action really took place or was really made (a threat is real as a threat)
_REAL_MODES = frozenset({"occurred", "demanded", "threatened", "planned", "claimed"})
_SPECIFICITY = {"pair": 3, "type": 2, "action": 1}
_OWN_HALF_WIDTH = 182  # days: the key's own history is smoothed over about a year
_REST_HALF_WIDTH = 15  # days: the rest of the store over about a month
_OWN_PRIOR = 30.0  # events: own history weighs n / (n + this) against the store's rhythm
_BC_H = 10  # Besag-Clifford: stop after this many exceedances
_MAX_BATCH_ELEMENTS = 3_000_000
_KM_PER_DEG_LAT = 110.57
_MIN_CORE = 2.0  # a cylinder needs the weight of two events to count
#: keys of this many events or more take Gumbel-fitted p-values from GUMBEL_REPLICATIONS
GUMBEL_MIN_EVENTS = 1000
GUMBEL_REPLICATIONS = 39
_GUMBEL_SCREEN_REPS = 15  # Gumbel keys: replications of the first, screening batch
_GUMBEL_SCREEN_P = 0.1  # ... after which a key with a fitted p above this stops
_GRID_FACTOR = 30  # dense grid when cells x days x windows <= this x sub-events (measured)
_COMPILED_GRID_SHARE = 1 / 30  # with the compiled kernel the grid pays off much later
_KERNEL_MIN_SUB_EVENTS = 200  # smaller zones stay in numpy (no compiler to load)
_VERBS = {
    "DEMAND": "made demands",
    "THREATEN": "threatened force",
    "ASSAULT": "attacked",
    "CONSULT": "held meetings",
    "AGREE": "reached agreements",
    "CONCEDE": "obtained concessions",
    "COERCE": "used coercion",
    "MOBILIZE": "mobilised forces",
    "PROTEST": "protested",
    "RETREAT": "withdrew",
}


def actor_family(name: str | None) -> str | None:
    """The actor's family (:func:`yaqut.extract.actors.family`), None for no name."""
    if not name:
        return None
    return _family(name.strip())


def pattern_keys(event: Event) -> list[tuple[str, str, str]]:
    """The (actor family, kind, pattern) keys an event can join a campaign by.

    kind ``type``: ``"event_type/sub_event_type"`` of actor1's family; kind ``action`` and
    ``pair``: one PLOVER type, or two joined by ``" + "``, of actions in a real mode, under the
    family of the action's actor (actor1 when the action names none).
    """
    keys: list[tuple[str, str, str]] = []
    fam1 = actor_family(event.actor1)
    if fam1 and event.event_type:
        keys.append((fam1, "type", f"{event.event_type}/{event.sub_event_type or ''}"))
    by_family: dict[str, set[str]] = defaultdict(set)
    for action in event.actions:
        if action.mode not in _REAL_MODES:
            continue
        fam = actor_family(action.actor) or fam1
        if fam:
            by_family[fam].add(action.type)
    for fam, types in by_family.items():
        ordered = sorted(types)
        keys.extend((fam, "action", t) for t in ordered)
        keys.extend((fam, "pair", f"{a} + {b}") for a, b in itertools.combinations(ordered, 2))
    return keys


def format_p(p: float) -> str:
    """A p-value for people: three decimals, or two significant digits below 0.001 (where
    Gumbel-fitted p-values go)."""
    return f"{p:.3f}" if p >= 0.001 or p == 0.0 else f"{p:.1e}"


def shuffled_dates(events: Sequence[Event], seed: int) -> list[Event]:
    """The same events with their (date, time precision) pairs permuted among them.

    The null the campaign finder is calibrated against: every event keeps its place, actors
    and pattern, the store keeps its number of events per day (its rhythm), and only the link
    between a date and a place or actor, that is any cluster, is broken.
    """
    order = np.random.default_rng(seed).permutation(len(events))
    return [dataclasses.replace(e, event_date=events[j].event_date,
                                time_precision=events[j].time_precision)
            for e, j in zip(events, order, strict=True)]


def monte_carlo_p(exceedances: int, replications: int) -> float:
    """Monte Carlo p-value ``(r + 1) / (R + 1)`` (the observed data counts as one draw)."""
    if replications < 0 or exceedances < 0 or exceedances > replications:
        raise UsageError(f"bad Monte Carlo counts r={exceedances}, R={replications}")
    return (exceedances + 1) / (replications + 1)


# ----------------------------------------------------------------------------- internals


def _interval(date: _dt.date, precision: int | None) -> tuple[int, int]:
    """Ordinal days [lo, hi] an event's date stands for, by ACLED time_precision."""
    day = date.toordinal()
    if precision == 2:
        return day - 3, day + 3
    if precision == 3:
        first = date.replace(day=1)
        nxt = (first + _dt.timedelta(days=32)).replace(day=1)
        return first.toordinal(), nxt.toordinal() - 1
    return day, day


@dataclass
class _Store:
    """The events as arrays, shared by every key's scan."""

    events: list[Event]
    lo: np.ndarray  # int64 day index (from base)
    length: np.ndarray  # int64 days covered (1, 7, 28..31)
    x: np.ndarray  # km east (equirectangular), nan when unknown
    y: np.ndarray  # km north
    geo_min_km: np.ndarray  # smallest grid size an event may enter (inf: whole map only)
    total_hist: np.ndarray  # aoristic weight of all events per day
    support: np.ndarray  # float 0/1 per day: the period the baseline lives on
    base: int  # ordinal of day index 0
    days: int


def _build_store(events: list[Event], max_window: int, baseline_days: int) -> _Store:
    n = len(events)
    lo = np.empty(n, np.int64)
    hi = np.empty(n, np.int64)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    gp = np.zeros(n, np.int64)
    for i, ev in enumerate(events):
        lo[i], hi[i] = _interval(ev.event_date, ev.time_precision)  # type: ignore[arg-type]
        if ev.latitude is not None and ev.longitude is not None:
            lat[i] = ev.latitude
            lon[i] = ev.longitude
        gp[i] = ev.geo_precision or 1
    pad = max(_OWN_HALF_WIDTH, baseline_days) + max_window + 40
    base = int(lo.min()) - pad
    days = int(hi.max()) - base + pad + 1
    lo -= base
    length = hi - base - lo + 1
    ref = math.radians(float(np.nanmedian(lat))) if np.isfinite(lat).any() else 0.0
    x = lon * _KM_PER_DEG_LAT * math.cos(ref)
    y = lat * _KM_PER_DEG_LAT
    geo_min = np.where(gp <= 1, 0.0, np.where(gp == 2, 25.0, np.inf))
    geo_min[~np.isfinite(lat)] = np.inf
    sub_ev = np.repeat(np.arange(n), length)
    offsets = np.arange(sub_ev.size) - np.repeat(np.cumsum(length) - length, length)
    total = np.bincount(lo[sub_ev] + offsets, weights=1.0 / length[sub_ev], minlength=days)
    # the baseline lives on the period the store covers, stretched to baseline_days when
    # the store is shorter (a single article still gets a reference year around it)
    first, last = int(lo.min()), int((lo + length - 1).max())
    support = np.zeros(days)
    support[min(first, last - baseline_days): max(last, first + baseline_days) + 1] = 1.0
    return _Store(events, lo, length, x, y, geo_min, total, support, base, days)


def _box(hist: np.ndarray, half: int) -> np.ndarray:
    """Sum over a centred window of 2*half+1 days (edges zero-padded)."""
    csum = np.concatenate(([0.0], np.cumsum(hist)))
    idx = np.arange(hist.size)
    upper = np.minimum(idx + half + 1, hist.size)
    lower = np.maximum(idx - half, 0)
    return csum[upper] - csum[lower]


def _smooth(hist: np.ndarray, half: int, support: np.ndarray) -> np.ndarray:
    """Box-smoothed density on ``support``, edge-corrected (a mean over the days inside it)."""
    inside = _box(support, half)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(inside > 0, _box(hist * support, half) / np.maximum(inside, 1.0), 0.0)
    return out * support


def _busier_side(hist: np.ndarray, half: int, support: np.ndarray) -> np.ndarray:
    """Per day, the larger of the mean rate over the ``half`` days before it and after it.

    A pattern whose rate steps up (a busier year) is expected at its new rate from the step
    on, so a step is not a campaign; a burst of a few days moves either side's mean little,
    so a burst still stands out. Means are over days of ``support`` only; a side with less
    than half its days in the period (near its ends, where a burst would be most of the
    side) does not count, and where neither side does the centred mean is used.
    """
    h = hist * support
    csum = np.concatenate(([0.0], np.cumsum(h)))
    ssum = np.concatenate(([0.0], np.cumsum(support)))
    idx = np.arange(hist.size)
    lo = np.maximum(idx - half, 0)
    hi = np.minimum(idx + half + 1, hist.size)
    n_left = ssum[idx + 1] - ssum[lo]
    n_right = ssum[hi] - ssum[idx]
    left = (csum[idx + 1] - csum[lo]) / np.maximum(n_left, 1.0)
    right = (csum[hi] - csum[idx]) / np.maximum(n_right, 1.0)
    enough = (half + 1) / 2
    side = np.maximum(np.where(n_left >= enough, left, 0.0),
                      np.where(n_right >= enough, right, 0.0))
    neither = (n_left < enough) & (n_right < enough)
    return np.where(neither, _smooth(hist, half, support), side) * support


def _llr(c: np.ndarray, mu: np.ndarray, total: float) -> np.ndarray:
    """Kulldorff's Poisson log-likelihood ratio, 0 where c <= mu or c < two events."""
    out = np.zeros(c.shape)
    ok = (c > mu) & (c >= _MIN_CORE - 1e-9)
    if not ok.any():
        return out
    cc = c[ok]
    mm = np.maximum(mu[ok], 1e-12)
    rest = np.maximum(total - cc, 0.0)
    rest_mu = np.maximum(total - mm, 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        second = np.where(rest > 1e-12, rest * np.log(np.maximum(rest, 1e-300) / rest_mu), 0.0)
    out[ok] = cc * np.log(cc / mm) + second
    return out


@functools.cache
def _kernel():
    """The compiled replication kernel (:mod:`yaqut.campaigns_kernel`), or None without numba."""
    try:
        from yaqut.campaigns_kernel import zone_max
    except ImportError:
        return None
    return zone_max


@dataclass
class _Zone:
    scale_km: float  # inf: the whole map
    cells: np.ndarray  # per sub-event eligible: cell id 0..k-1
    sub_mask: np.ndarray  # which sub-events take part
    sub_ev: np.ndarray  # local event index per taking-part sub-event
    weight: np.ndarray  # aoristic weight per taking-part sub-event
    n_cell: np.ndarray  # events of the key in the sub-event's cell
    total: float  # events of the key taking part
    k: int
    n_by_cell: np.ndarray  # events of the key per cell
    grid: bool  # scan every (cell, end day) on a dense grid rather than the events' own days
    by_cell: np.ndarray  # the taking-part sub-events ordered by cell (for the kernel)
    cell_start: np.ndarray  # where each cell's sub-events start in ``by_cell`` (k + 1)
    compiled: bool  # replications run in the compiled kernel
    kernel_ev: np.ndarray  # local event of each sub-event, in ``by_cell`` order
    kernel_off: np.ndarray  # its day offset from the event's first day, in that order


@dataclass
class _Cylinder:
    llr: float
    zone: int
    window: int
    end_day: int
    count: float
    expected: float
    members: np.ndarray  # local event indices
    fractions: np.ndarray  # share of each member's date inside the window


class _KeyScan:
    """The scan of one pattern key: observed cylinders and Monte Carlo null maxima."""

    def __init__(self, idx: np.ndarray, store: _Store, windows: Sequence[int],
                 scales: Sequence[float]) -> None:
        self.idx = idx
        self.windows = tuple(windows)
        n = idx.size
        length = store.length[idx]
        self.length = length
        self.sub_ev = np.repeat(np.arange(n), length)
        self.sub_off = np.arange(self.sub_ev.size) - np.repeat(np.cumsum(length) - length, length)
        self.sub_w = 1.0 / length[self.sub_ev]
        self.lo = store.lo[idx]
        days = self.lo[self.sub_ev] + self.sub_off
        own = np.bincount(days, weights=self.sub_w, minlength=store.days)
        rest = np.maximum(store.total_hist - own, 0.0)
        f0 = _busier_side(own, _OWN_HALF_WIDTH, store.support)
        f0 /= f0.sum()
        if rest.sum() > 1e-9:
            rest_s = _smooth(rest, _REST_HALF_WIDTH, store.support)
            # the key's own rate counts as much as its history supports: a pattern seen three
            # times leans on the store's rhythm, one seen thousands of times on its own
            w_own = n / (n + _OWN_PRIOR)
            f0 = w_own * f0 + (1.0 - w_own) * rest_s / rest_s.sum()
        self.f0 = f0
        self.F0 = np.concatenate(([0.0], np.cumsum(f0)))
        self._guide: np.ndarray | None = None
        self.days = store.days
        self.end_ok = store.support > 0  # cylinders end on days of the studied period
        self.Q = [self._q(w) for w in self.windows]
        self.obs_days = days
        self.zones: list[_Zone] = []
        x, y, gmin = store.x[idx], store.y[idx], store.geo_min_km[idx]
        for scale in scales:
            for offset in (0.0, scale / 2.0):
                elig = gmin <= scale
                if np.count_nonzero(elig) < 2:
                    continue
                cx = np.floor((x + offset) / scale)
                cy = np.floor((y + offset) / scale)
                raw = np.where(elig, cx * 1_000_003 + cy, np.nan)
                self._add_zone(scale, elig, raw)
        self._add_zone(math.inf, np.ones(n, bool), np.zeros(n))

    def _add_zone(self, scale: float, elig: np.ndarray, raw: np.ndarray) -> None:
        _, cell_of_event = np.unique(np.where(elig, raw, 0.0), return_inverse=True)
        cell_of_event = cell_of_event.ravel()
        k = int(cell_of_event.max()) + 1
        n_cell_event = np.bincount(cell_of_event[elig], minlength=k).astype(float)
        sub_mask = elig[self.sub_ev]
        sub_ev = self.sub_ev[sub_mask]
        # a big key is cheaper on a dense cell x day grid (bincount + cumsum, no sorting),
        # unless the compiled kernel runs its replications
        compiled = sub_ev.size >= _KERNEL_MIN_SUB_EVENTS and _kernel() is not None
        factor = _GRID_FACTOR * (_COMPILED_GRID_SHARE if compiled else 1.0)
        grid = k * self.days * len(self.windows) <= factor * sub_ev.size
        cells = cell_of_event[sub_ev]
        by_cell = np.argsort(cells, kind="stable")
        cell_start = np.searchsorted(cells[by_cell], np.arange(k + 1)).astype(np.int64)
        self.zones.append(_Zone(
            scale_km=scale,
            cells=cells,
            sub_mask=sub_mask,
            sub_ev=sub_ev,
            weight=self.sub_w[sub_mask],
            n_cell=n_cell_event[cells],
            total=float(np.count_nonzero(elig)),
            k=k,
            n_by_cell=n_cell_event,
            grid=bool(grid),
            by_cell=by_cell,
            cell_start=cell_start,
            compiled=bool(compiled and not grid),
            kernel_ev=sub_ev[by_cell],
            kernel_off=self.sub_off[sub_mask][by_cell],
        ))

    def _q(self, w: int) -> np.ndarray:
        """Baseline probability of the w days ending on each day."""
        d = np.arange(self.days)
        return self.F0[d + 1] - self.F0[np.maximum(d + 1 - w, 0)]

    def _grid_llr(self, zone: _Zone, days: np.ndarray, reps: int) -> list[np.ndarray]:
        """Per window, the statistic of every (rep, cell, end day) with end day in the period."""
        size = zone.k * self.days
        rep = np.repeat(np.arange(reps, dtype=np.int64) * size, zone.cells.size)
        flat = rep + np.tile(zone.cells * self.days, reps) + days.ravel()
        hist = np.bincount(flat, weights=np.tile(zone.weight, reps), minlength=reps * size)
        cum = np.cumsum(hist.reshape(reps, zone.k, self.days), axis=2)
        n_cell = zone.n_by_cell[None, :, None]
        out = []
        for w, q in zip(self.windows, self.Q, strict=True):
            count = cum.copy()
            count[..., w:] -= cum[..., :-w]
            count = count[..., self.end_ok]
            mu = n_cell * q[self.end_ok][None, None, :]
            out.append(_llr(count, np.broadcast_to(mu, count.shape), zone.total))
        return out

    def _sorted(self, zone: _Zone, days: np.ndarray, reps: int):
        span = self.days + max(self.windows) + 2
        rep = np.repeat(np.arange(reps, dtype=np.int64), zone.cells.size)
        key = (rep * zone.k + np.tile(zone.cells, reps)) * span + days.ravel()
        if key.size and key.max() < 2**31 - span:
            key = key.astype(np.int32)  # half the memory traffic of sorting and searching
        order = np.argsort(key)
        ks = key[order]
        cw = np.concatenate(([0.0], np.cumsum(np.tile(zone.weight, reps)[order])))
        # one past the last element of each run of equal keys (ties share their count)
        last = np.flatnonzero(np.concatenate((ks[1:] != ks[:-1], [True])))
        end = np.repeat(last + 1, np.diff(np.concatenate(([-1], last))))
        return order, ks, cw, end

    def _prepare(self, zone: _Zone, days_flat: np.ndarray, order, cw, end, reps):
        """What every window's statistic shares: counts to each end, dates, cell sizes."""
        dd = days_flat[order]
        return cw[end], dd + 1, self.F0[dd + 1], np.tile(zone.n_cell, reps)[order]

    def _window_stats(self, zone: _Zone, prep, ks, cw, w):
        cw_end, dd1, f_end, n_cell = prep
        start = np.searchsorted(ks, ks - (w - 1), side="left")
        count = cw_end - cw[start]
        mu = n_cell * (f_end - self.F0[dd1 - w])
        return _llr(count, mu, zone.total), start, count, mu

    def _draw_days(self, u: np.ndarray) -> np.ndarray:
        """``np.searchsorted(cdf, u, side="right")`` for the baseline's cdf, by a guide table
        (Chen & Asau 1974): start at the first day of ``u``'s equal-mass bucket and step on;
        about one step a draw instead of a binary search."""
        cdf = self.F0[1:]
        if self._guide is None:
            buckets = 4 * cdf.size
            self._guide = np.searchsorted(
                cdf, np.arange(buckets) * (cdf[-1] / buckets), side="right")
        guide = self._guide
        day = guide[np.minimum((u * (guide.size / cdf[-1])).astype(np.int64), guide.size - 1)]
        behind = np.flatnonzero(cdf[day.ravel()] <= u.ravel())
        flat = day.reshape(-1)
        while behind.size:
            flat[behind] += 1
            behind = behind[cdf[flat[behind]] <= u.ravel()[behind]]
        return day

    def null_maxima(self, rng: np.random.Generator, reps: int) -> np.ndarray:
        """The maximum statistic of ``reps`` replications with dates drawn from the baseline."""
        n = self.idx.size
        u = rng.random((reps, n)) * self.F0[-1]
        centre = self._draw_days(u)
        lo = centre - (self.length[None, :] - 1) // 2
        lo = np.clip(lo, 0, self.days - self.length[None, :])
        best = np.zeros(reps)
        for zone in self.zones:
            if zone.sub_ev.size < 2:
                continue
            if zone.compiled:  # one gather, already grouped by cell
                best = np.maximum(best, _kernel()(
                    lo[:, zone.kernel_ev] + zone.kernel_off, zone.weight[zone.by_cell],
                    zone.cell_start, zone.n_by_cell, self.F0,
                    np.asarray(self.windows, np.int64), zone.total, _MIN_CORE))
                continue
            days = lo[:, zone.sub_ev] + self.sub_off[zone.sub_mask][None, :]
            if zone.grid:
                chunk = max(1, _MAX_BATCH_ELEMENTS // (zone.k * self.days))
                for a in range(0, reps, chunk):
                    part = days[a: a + chunk]
                    for llr in self._grid_llr(zone, part, part.shape[0]):
                        best[a: a + chunk] = np.maximum(
                            best[a: a + chunk], llr.reshape(part.shape[0], -1).max(axis=1))
                continue
            order, ks, cw, end = self._sorted(zone, days, reps)
            prep = self._prepare(zone, days.ravel(), order, cw, end, reps)
            for w in self.windows:
                llr, *_ = self._window_stats(zone, prep, ks, cw, w)
                best = np.maximum(best, llr.reshape(reps, -1).max(axis=1))
        return best

    def observed(self) -> tuple[float, np.ndarray, list]:
        """The observed maximum and every positive cylinder as (llr, zone, window, pos)."""
        cands: list[np.ndarray] = []
        self._obs: list = []
        best = 0.0
        for zi, zone in enumerate(self.zones):
            days = self.obs_days[zone.sub_mask]
            order, ks, cw, end = self._sorted(zone, days, 1)
            if zone.grid:
                ends = np.flatnonzero(self.end_ok)
                for wi, llr in enumerate(self._grid_llr(zone, days, 1)):
                    llr = llr.reshape(zone.k, -1)
                    cell, col = np.nonzero(llr > 0)
                    if cell.size:
                        vals = llr[cell, col]
                        best = max(best, float(vals.max()))
                        pos = cell * self.days + ends[col]
                        cands.append(np.column_stack([vals, np.full(pos.size, zi),
                                                      np.full(pos.size, wi), pos]))
                self._obs.append((order, ks, days, None))
                continue
            per_w = []
            prep = self._prepare(zone, days, order, cw, end, 1)
            for wi, w in enumerate(self.windows):
                llr, start, count, mu = self._window_stats(zone, prep, ks, cw, w)
                per_w.append((llr, start, count, mu))
                pos = np.flatnonzero(llr > 0)
                if pos.size:
                    best = max(best, float(llr[pos].max()))
                    cands.append(np.column_stack([llr[pos], np.full(pos.size, zi),
                                                  np.full(pos.size, wi), pos]))
            self._obs.append((order, end, days, per_w))
        table = np.concatenate(cands) if cands else np.zeros((0, 4))
        return best, table, self._obs

    def cylinder(self, zi: int, wi: int, pos: int) -> _Cylinder:
        """Members of one observed cylinder, with the share of each date inside it."""
        zone = self.zones[zi]
        if zone.grid:
            return self._grid_cylinder(zi, wi, pos)
        order, end, days, per_w = self._obs[zi]
        llr, start, count, mu = per_w[wi]
        sel = order[start[pos]: end[pos]]
        local_ev = zone.sub_ev[sel]
        members, inverse = np.unique(local_ev, return_inverse=True)
        fractions = np.bincount(inverse, weights=zone.weight[sel])
        w = self.windows[wi]
        return _Cylinder(float(llr[pos]), zi, w, int(days[order[pos]]), float(count[pos]),
                         float(mu[pos]), members, fractions)


    def _grid_cylinder(self, zi: int, wi: int, pos: int) -> _Cylinder:
        zone = self.zones[zi]
        order, ks, days, _ = self._obs[zi]
        cell, end_day = divmod(int(pos), self.days)
        w = self.windows[wi]
        span = self.days + max(self.windows) + 2
        a = int(np.searchsorted(ks, cell * span + end_day - w + 1, side="left"))
        b = int(np.searchsorted(ks, cell * span + end_day, side="right"))
        sel = order[a:b]
        members, inverse = np.unique(zone.sub_ev[sel], return_inverse=True)
        fractions = np.bincount(inverse, weights=zone.weight[sel])
        count = float(zone.weight[sel].sum())
        mu = float(zone.n_by_cell[cell] * self.Q[wi][end_day])
        llr = float(_llr(np.array([count]), np.array([mu]), zone.total)[0])
        return _Cylinder(llr, zi, w, end_day, count, mu, members, fractions)


def _stable_rng(seed: int, key: tuple[str, str, str]) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32("\x1f".join(key).encode("utf-8"))])


def _run_monte_carlo(scan: _KeyScan, observed: float, replications: int,
                     rng: np.random.Generator) -> tuple[np.ndarray, bool]:
    """Null maxima, stopping early (Besag-Clifford) once h exceed the observed value."""
    per_rep = max(1, sum(z.sub_ev.size for z in scan.zones))
    cap = max(1, _MAX_BATCH_ELEMENTS // per_rep)
    done: list[np.ndarray] = []
    total = 0
    exceed = 0
    step = 19
    while total < replications:
        batch = min(step, replications - total, cap)
        maxima = scan.null_maxima(rng, batch)
        done.append(maxima)
        total += batch
        exceed += int(np.count_nonzero(maxima >= observed - 1e-9))
        if exceed >= _BC_H:
            null = np.concatenate(done)
            stop = int(np.flatnonzero(null >= observed - 1e-9)[_BC_H - 1]) + 1
            return null[:stop], True
        step *= 4
    return np.concatenate(done), False


@dataclass
class _Found:
    key: tuple[str, str, str]
    idx: np.ndarray  # global indices of the key's events
    cyl: _Cylinder
    p: float
    primary_p: float
    replications: int
    early: bool
    scale_km: float
    p_method: str = "monte carlo"

    @property
    def approx_note(self) -> str:
        return ", Gumbel tail" if self.p_method == "gumbel" else ""


def _bh_threshold(pvalues: Sequence[float], alpha: float) -> float:
    """Largest p accepted by Benjamini-Hochberg at level alpha (0 when none)."""
    ps = np.sort(np.asarray(pvalues, float))
    m = ps.size
    if m == 0:
        return 0.0
    ok = np.flatnonzero(ps <= alpha * np.arange(1, m + 1) / m)
    return float(ps[ok[-1]]) if ok.size else 0.0


def _fmt_day(day: _dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _fmt_span(a: _dt.date, b: _dt.date) -> str:
    if a == b:
        return f"on {_fmt_day(a)}"
    if (a.year, a.month) == (b.year, b.month):
        return f"between {a.day} and {b.day} {b.strftime('%B %Y')}"
    if a.year == b.year:
        return f"between {a.day} {a.strftime('%B')} and {_fmt_day(b)}"
    return f"between {_fmt_day(a)} and {_fmt_day(b)}"


def _and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _actor_names(events: Sequence[Event], family: str, kind: str,
                 pattern: str) -> tuple[str, tuple[str, ...]]:
    """The members' commonest actor name of the family, and every such name."""
    names: Counter[str] = Counter()
    for e in events:
        if kind == "type":
            if e.actor1 and actor_family(e.actor1) == family:
                names[e.actor1] += 1
            continue
        for a in e.actions:
            if a.type in pattern.split(" + ") and a.actor and actor_family(a.actor) == family:
                names[a.actor] += 1
        if e.actor1 and actor_family(e.actor1) == family:
            names[e.actor1] += 0
    actor = min(names, key=lambda s: (-names[s], len(s), s)) if names else family
    return actor, tuple(sorted(names)) or (family,)


def _doing(events: Sequence[Event], kind: str, pattern: str, actor: str) -> tuple[str, str]:
    """The pattern as a label (``"Battles/Armed clash by X"``) and as a verb phrase."""
    if kind == "type":
        etype, _, sub = pattern.partition("/")
        noun = (etype if sub in ("", "Other") else f"{sub} event").lower()
        noun += "s" if len(events) != 1 and not noun.endswith("s") else ""
        return f"{etype}/{sub} by {actor}", f"was party to {len(events)} {noun}"
    types = pattern.split(" + ")
    demanded = sorted({q.unit for e in events for q in e.quantities if q.role == "demanded"})
    parts = [f"{t} ({', '.join(demanded)})" if t == "DEMAND" and demanded else t for t in types]
    return (f"{' + '.join(parts)} by {actor}",
            _and([_VERBS.get(t, f"took {t} actions") for t in types]))


def _place_label(e: Event) -> str | None:
    label = e.location or e.admin3 or e.admin2 or e.admin1
    if label is None and e.latitude is not None:
        label = f"{e.latitude:.3f},{e.longitude:.3f}"
    return label


def _history(found: _Found, store: _Store, members: np.ndarray, start: _dt.date,
             baseline_days: int) -> tuple[int, int]:
    """The pattern's events in the ``baseline_days`` before ``start`` (not members), and the
    days of that span the store covers."""
    first_ord = start.toordinal() - store.base
    mids = store.lo[found.idx] + (store.length[found.idx] - 1) // 2
    outside = ~np.isin(found.idx, members)
    before = int(np.count_nonzero(outside & (mids < first_ord)
                                  & (mids >= first_ord - baseline_days)))
    return before, min(baseline_days, first_ord - int(store.lo.min()))


def _describe(found: _Found, store: _Store, baseline_days: int, seed: int) -> Campaign:
    family, kind, pattern = found.key
    cyl = found.cyl
    members = found.idx[cyl.members]
    events = [store.events[i] for i in members]
    order = sorted(range(len(events)), key=lambda j: (events[j].event_date, events[j].event_id))
    events = [events[j] for j in order]
    fractions = cyl.fractions[order]
    dated = [e for e, f in zip(events, fractions, strict=True) if f >= 1.0 - 1e-9] or events
    start = min(e.event_date for e in dated)  # type: ignore[type-var]
    end = max(e.event_date for e in dated)  # type: ignore[type-var]
    coarse = [e for e, f in zip(events, fractions, strict=True) if f < 1.0 - 1e-9]
    places = list(dict.fromkeys(p for p in map(_place_label, events) if p))
    admin1s = tuple(sorted({e.admin1 for e in events if e.admin1}))
    actor, actors = _actor_names(events, family, kind, pattern)
    pattern_text, doing = _doing(events, kind, pattern, actor)

    if len(places) == 1:
        where = f"in {places[0]}"
    else:
        shown = places[:4] + ([f"{len(places) - 4} more"] if len(places) > 4 else [])
        where = f"in {len(places)} places ({_and(shown)})"
    if admin1s:
        where += f" of {_and(admin1s)}"
    coarse_note = ""
    if coarse:
        coarse_note = (f" ({len(coarse)} of them dated only to the "
                       f"{'month' if any(e.time_precision == 3 for e in coarse) else 'week'})")
    before, covered = _history(found, store, members, start, baseline_days)
    rate = before / (covered / 30.44) if covered >= 30 else None
    if rate is not None:
        history = (f"in the {covered} days before, the store holds {before} such events "
                   f"(about {rate:.1f} a month)")
    else:
        history = "the store holds no earlier history for this pattern"
    scale = ("anywhere on the map" if math.isinf(found.scale_km)
             else f"within a {found.scale_km:.0f} km cell")
    when = _fmt_span(start, end)
    explanation = (
        f"{actor} {doing} {where} {when}{coarse_note}; "
        f"{cyl.count:.1f} such events fell in {cyl.window} days {scale} where the baseline "
        f"expects {cyl.expected:.2f}, and {history} (p = {format_p(found.p)}, "
        f"{found.replications} Monte Carlo replications{found.approx_note})."
    )
    ids = tuple(sorted(e.event_id for e in events))
    digest = hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()[:12]
    extra = (
        ("pattern_key", found.key),
        ("zone_km", None if math.isinf(found.scale_km) else found.scale_km),
        ("coarse_members", tuple(sorted(e.event_id for e in coarse))),
        ("history_events", before),
        ("history_days", covered),
        ("key_p_value", found.primary_p),
        ("early_stopped", found.early),
        ("p_method", found.p_method),
        ("seed", seed),
    )
    return Campaign(
        campaign_id=f"cmp-{digest}", members=ids, start=start, end=end,  # type: ignore[arg-type]
        places=tuple(places), admin1s=admin1s, actors=actors, pattern=pattern_text,
        p_value=found.p, replications=found.replications, method=METHOD,
        explanation=explanation, statistic=round(cyl.llr, 6), extra=extra,
        family=family, kind=kind, where=scale, when=when, window_days=cyl.window,
        observed=round(cyl.count, 4), expected=round(cyl.expected, 6),
        relative_risk=round(cyl.count / max(cyl.expected, 1e-9), 3),
        history_per_month=None if rate is None else round(rate, 3),
    )


def gumbel_p(value: float, null: np.ndarray) -> float:
    """Upper-tail p of ``value`` under a Gumbel law fitted to ``null`` by its moments.

    The maximum of a scan statistic is close to Gumbel-distributed; fitting the null maxima
    of a few dozen replications and reading the tail gives p-values close to those of many
    more replications, and below ``1/(R+1)`` (Abrams, Kleinman & Kulldorff 2010).
    """
    sd = float(np.std(null, ddof=1)) if null.size > 1 else 0.0
    if sd <= 0.0:
        return 1.0 if value <= float(null.max(initial=0.0)) + 1e-9 else 1.0 / (null.size + 1)
    beta = sd * math.sqrt(6.0) / math.pi
    mu = float(np.mean(null)) - 0.5772156649 * beta
    return float(-math.expm1(-math.exp(-(value - mu) / beta)))


@dataclass(frozen=True)
class _Settings:
    replications: int
    seed: int
    alpha: float
    min_members: int
    windows: tuple[int, ...]
    scales_km: tuple[float, ...]
    max_per_pattern: int
    min_relative_risk: float
    gumbel_min_events: int | None
    gumbel_replications: int


def _spread(events: Sequence[Event]) -> bool:
    """More than one place or more than one day among ``events``."""
    days = {e.event_date for e in events}
    places = {(e.location, None if e.latitude is None else round(e.latitude, 3),
               None if e.longitude is None else round(e.longitude, 3)) for e in events}
    return len(days) > 1 or len(places) > 1


def _scan_key(key: tuple[str, str, str], idx: np.ndarray, store: _Store,
              cfg: _Settings) -> tuple[float, list[_Found]]:
    """One pattern key: its primary p-value and its clusters significant at ``alpha``."""
    scan = _KeyScan(idx, store, cfg.windows, cfg.scales_km)
    best, table, _ = scan.observed()
    if best <= 0.0:
        return 1.0, []
    gumbel = cfg.gumbel_min_events is not None and idx.size >= cfg.gumbel_min_events
    reps = min(cfg.replications, cfg.gumbel_replications) if gumbel else cfg.replications
    rng = _stable_rng(cfg.seed, key)
    if not gumbel:
        null, early = _run_monte_carlo(scan, best, reps, rng)
    else:
        # a first batch screens: a key whose fitted p is far above alpha stops there
        null, early = _run_monte_carlo(scan, best, min(reps, _GUMBEL_SCREEN_REPS), rng)
        if not early and null.size < reps and gumbel_p(best, null) <= _GUMBEL_SCREEN_P:
            more, _ = _run_monte_carlo(scan, math.inf, reps - null.size, rng)
            null = np.concatenate([null, more])
    done = null.size
    null_sorted = np.sort(null)
    gumbel = gumbel and not early

    def p_of(value: float) -> float:
        if gumbel:
            return gumbel_p(value, null)
        r = done - int(np.searchsorted(null_sorted, value - 1e-9, side="left"))
        return monte_carlo_p(r, done)

    primary = _BC_H / done if early else p_of(best)
    if primary > cfg.alpha:
        return primary, []
    found: list[_Found] = []
    taken: set[int] = set()
    for row in table[np.argsort(-table[:, 0], kind="stable")[:20000]]:
        p = max(primary, p_of(float(row[0])))
        if p > cfg.alpha or len(found) >= cfg.max_per_pattern:
            break
        cyl = scan.cylinder(int(row[1]), int(row[2]), int(row[3]))
        if (cyl.members.size < cfg.min_members
                or cyl.count < cfg.min_relative_risk * cyl.expected):
            continue
        local = set(cyl.members.tolist())
        if local & taken or not _spread([store.events[i] for i in idx[cyl.members]]):
            continue
        taken |= local
        zone = scan.zones[int(row[1])]
        found.append(_Found(key, idx, cyl, p, primary, done, early, zone.scale_km,
                            "gumbel" if gumbel else "monte carlo"))
    return primary, found


def _country_only(event: Event) -> bool:
    """Placed at country level only: no governorate, district or town named, and no point
    finer than a region's centre (no coordinates, or geo_precision 3)."""
    named = (event.admin1 or event.admin2 or event.admin3
             or (event.location and event.location != event.country))
    return not named and (event.latitude is None or event.longitude is None
                          or (event.geo_precision or 1) >= 3)


def _keys_of(kept: Sequence[Event]) -> dict[tuple[str, str, str], list[int]]:
    """Each pattern key's events (indices into ``kept``); country-level events join none."""
    by_key: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    cache: dict[tuple, list[tuple[str, str, str]]] = {}
    for i, ev in enumerate(kept):
        if _country_only(ev):
            continue
        sig = (ev.actor1, ev.event_type, ev.sub_event_type,
               tuple((a.type, a.mode, a.actor) for a in ev.actions))
        keys = cache.get(sig)
        if keys is None:
            keys = cache[sig] = list(dict.fromkeys(pattern_keys(ev)))
        for key in keys:
            by_key[key].append(i)
    return by_key


def find_campaigns(
    events: Iterable[Event],
    *,
    since: _dt.date | None = None,
    until: _dt.date | None = None,
    replications: int = 999,
    seed: int = 20230524,
    alpha: float = 0.05,
    min_members: int = 3,
    windows: Sequence[int] = DEFAULT_WINDOWS,
    scales_km: Sequence[float] = DEFAULT_SCALES_KM,
    baseline_days: int = 365,
    max_per_pattern: int = 10,
    min_relative_risk: float = 2.0,
    top: int | None = None,
    with_background: bool = False,
    gumbel_min_events: int | None = GUMBEL_MIN_EVENTS,
    gumbel_replications: int = GUMBEL_REPLICATIONS,
    key_p_values: dict[tuple[str, str, str], float] | None = None,
) -> list[Campaign]:
    """Campaigns among ``events``: clusters of one actor family's pattern, with significance.

    Only incidents take part: events marked ``background`` (context a report mentions, not
    the incident it reports) are left out unless ``with_background``; events without a date,
    or after ``until``, take no part; events of the ``baseline_days`` before ``since`` serve
    only as history (campaigns ending before ``since`` are not reported); an event placed
    only at country level counts in the store's rhythm but joins no campaign.

    Each campaign has ``p_value <= alpha`` after Benjamini-Hochberg across the pattern keys
    tested, at least ``min_members`` members spread over more than one place or more than
    one day, at least ``min_relative_risk`` times the events the baseline expects in its
    cylinder (a campaign is a concentration, not a busier quarter), and no member shared by
    half or more of a better campaign's members. Keys of ``gumbel_min_events`` events or
    more (None: never) take their p-values from a Gumbel law fitted to
    ``gumbel_replications`` replications (:func:`gumbel_p`) instead of ``replications``.

    Returns campaigns ranked by significance, then size (``rank`` 1 first), the ``top``
    first ones when given. Deterministic for a given ``seed``. A dict given as
    ``key_p_values`` receives every tested key's p-value before Benjamini-Hochberg (for
    calibration: under the null about ``alpha`` of them fall at or below ``alpha``).
    """
    _check_settings(replications, gumbel_replications, alpha, windows, top)
    kept = _incidents(events, since, until, baseline_days, with_background)
    if len(kept) < min_members:
        return []
    store = _build_store(kept, max(windows), baseline_days)
    cfg = _Settings(replications, seed, alpha, min_members, tuple(windows), tuple(scales_km),
                    max_per_pattern, min_relative_risk, gumbel_min_events, gumbel_replications)
    found, primaries = _scan_keys(_keys_of(kept), store, cfg, key_p_values)
    threshold = _bh_threshold(primaries, alpha)
    campaigns = _claim([f for f in found if f.p <= threshold], store, baseline_days, seed)
    return _ranked(campaigns, since, top)


def _check_settings(replications: int, gumbel_replications: int, alpha: float,
                    windows: Sequence[int], top: int | None) -> None:
    """:func:`find_campaigns`' settings, refused with a UsageError when out of range."""
    if replications < 1 or gumbel_replications < 2:
        raise UsageError("replications must be at least 1 (Gumbel: at least 2)")
    if not 0.0 < alpha < 1.0:
        raise UsageError("alpha must be between 0 and 1")
    if not windows or min(windows) < 1:
        raise UsageError("windows must be positive numbers of days")
    if top is not None and top < 1:
        raise UsageError("top must be at least 1")


def _incidents(events: Iterable[Event], since: _dt.date | None, until: _dt.date | None,
               baseline_days: int, with_background: bool) -> list[Event]:
    """The dated events that take part, by event id: incidents (background too when
    ``with_background``) up to ``until``, from ``baseline_days`` before ``since`` (the
    baseline's history; campaigns that end before ``since`` are not reported)."""
    lower = since - _dt.timedelta(days=baseline_days) if since is not None else None
    kept = [e for e in events if e.event_date is not None
            and (with_background or not e.background)
            and (lower is None or e.event_date >= lower)
            and (until is None or e.event_date <= until)]
    kept.sort(key=lambda e: e.event_id)
    return kept


def _scan_keys(by_key: dict[tuple[str, str, str], list[int]], store: _Store, cfg: _Settings,
               key_p_values: dict[tuple[str, str, str], float] | None,
               ) -> tuple[list[_Found], list[float]]:
    """Every pattern key with enough events scanned (:func:`_scan_key`), in key order: the
    clusters found and each key's primary p-value (also put in ``key_p_values``)."""
    found: list[_Found] = []
    primaries: list[float] = []
    for key in sorted(by_key):
        idx = np.asarray(by_key[key], np.int64)
        if idx.size < cfg.min_members:
            continue
        primary, key_found = _scan_key(key, idx, store, cfg)
        primaries.append(primary)
        if key_p_values is not None:
            key_p_values[key] = primary
        found.extend(key_found)
    return found, primaries


def _claim(found: list[_Found], store: _Store, baseline_days: int, seed: int
           ) -> list[Campaign]:
    """The significant clusters as campaigns, the most specific description of a group of
    events first, then the strongest; a cluster half of whose members a better one holds
    is left out."""
    found = sorted(found, key=lambda f: (-_SPECIFICITY[f.key[1]], f.p, -f.cyl.members.size,
                                         -f.cyl.llr, f.key))
    campaigns: list[Campaign] = []
    claimed: list[set[int]] = []
    for f in found:
        members = set(f.idx[f.cyl.members].tolist())
        if any(len(members & other) * 2 >= len(members) for other in claimed):
            continue
        claimed.append(members)
        campaigns.append(_describe(f, store, baseline_days, seed))
    return campaigns


def _ranked(campaigns: list[Campaign], since: _dt.date | None, top: int | None
            ) -> list[Campaign]:
    """Campaigns ending on or after ``since``, ranked by significance then size (``rank``
    1 first), the ``top`` first ones when given."""
    if since is not None:
        campaigns = [c for c in campaigns if c.end >= since]
    campaigns.sort(key=lambda c: (c.p_value, -len(c.members), -c.statistic, c.start,
                                  c.campaign_id))
    ranked = [dataclasses.replace(c, rank=i) for i, c in enumerate(campaigns, 1)]
    return ranked[:top] if top is not None else ranked


# ----------------------------------------------------------------------------- output


def campaign_record(campaign: Campaign, events: dict[str, Event] | None = None) -> dict:
    """A campaign as a JSON-ready dict (the fields ``yaqut campaigns --format json`` prints).

    ``places`` pairs each place with its governorate (admin1) and coordinates when the
    member events are given in ``events`` (event_id -> Event); otherwise the names alone.
    """
    extra = dict(campaign.extra)
    places: list[dict] = []
    members = [events[m] for m in campaign.members if events and m in events]
    if members:
        seen: set[tuple] = set()
        for e in sorted(members, key=lambda e: (e.event_date or _dt.date.min, e.event_id)):
            name = e.location or e.admin3 or e.admin2 or e.admin1
            key = (name, e.admin1)
            if key in seen:
                continue
            seen.add(key)
            places.append({"name": name, "governorate": e.admin1, "latitude": e.latitude,
                           "longitude": e.longitude, "geo_precision": e.geo_precision})
    else:
        places = [{"name": p, "governorate": None} for p in campaign.places]
    return {
        "campaign_id": campaign.campaign_id,
        "members": list(campaign.members),
        "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat(),
        "places": places,
        "governorates": list(campaign.admin1s),
        "actors": list(campaign.actors),
        "pattern": campaign.pattern,
        "p_value": campaign.p_value,
        "replications": campaign.replications,
        "seed": extra.get("seed"),
        "statistic": campaign.statistic,
        "method": campaign.method,
        "explanation": campaign.explanation,
        "rank": campaign.rank,
        "family": campaign.family,
        "kind": campaign.kind,
        "where": campaign.where,
        "when": campaign.when,
        "window_days": campaign.window_days,
        "observed": campaign.observed,
        "expected": campaign.expected,
        "relative_risk": campaign.relative_risk,
        "history_per_month": campaign.history_per_month,
        "details": {k: (list(v) if isinstance(v, tuple) else v) for k, v in extra.items()
                    if k != "seed"},
    }


def campaigns_geojson(campaigns: Sequence[Campaign], events: dict[str, Event]) -> dict:
    """A GeoJSON FeatureCollection: one MultiPoint feature a campaign (its members' points)."""
    features = []
    for campaign in campaigns:
        points = [[events[m].longitude, events[m].latitude] for m in campaign.members
                  if m in events and events[m].latitude is not None
                  and events[m].longitude is not None]
        features.append({
            "type": "Feature",
            "geometry": {"type": "MultiPoint", "coordinates": points} if points else None,
            "properties": campaign_record(campaign, events),
        })
    return {"type": "FeatureCollection", "features": features}
