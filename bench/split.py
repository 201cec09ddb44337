"""The tune/test split rule of the benches: see :mod:`yaqut.eval.split` (one copy, so that
``yaqut eval ... --half test`` and the benches split every dev file the same way)."""

from yaqut.eval.split import FILES, TEST, TUNE, half, is_test, keep

__all__ = ["FILES", "TEST", "TUNE", "half", "is_test", "keep"]
