"""Ways to run the coder over many documents, fast.

- :mod:`yaqut.engine.cascade`: which sentences the dependency parser must see, and an
  exact, faster stand-in for spaCy's attribute ruler (the per-document speed-ups);
- :mod:`yaqut.batch`: one process or N local processes, a progress display, resumable runs;
- :mod:`yaqut.engine.dask_engine`: shards on a Dask cluster's workers, Parquet out.
"""
