"""Execution engines for batch analysis beyond the single process (Dask)."""
