"""Extraction spread over worker processes (`local`) or the workers of a Dask cluster
(`cluster`), with one writer committing to the store."""
