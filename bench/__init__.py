"""Benchmarks: `python -m bench.<name> --scale N` prints figures; `python -m bench` runs all."""
