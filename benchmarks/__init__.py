"""cuaderno's performance benchmark (issue 8): a synthetic corpus generator and `python -m benchmarks run`."""
