"""Ways to run the coder over many documents, fast.

- :mod:`yaqut.batch`: one process or N local processes, a progress display, resumable runs;
- :mod:`yaqut.engine.dask_engine`: shards on a Dask cluster's workers, Parquet out.

The per-document speed-ups live beside the spaCy adapter, in :mod:`yaqut.nlp.speedups`.
"""
