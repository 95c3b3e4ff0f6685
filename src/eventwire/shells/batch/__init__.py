"""Batch analysis on Dask distributed: a LocalCluster of worker processes on this machine, or an
existing cluster's scheduler. Workers run `core.Analyzer.analyze_many` on jobs of articles and
return records; the driver gets them back in input order and hands them to one writer (the
store, or an output file), so an SQLite store never sees two writers.

    cluster.py   start a LocalCluster or connect to a scheduler; what the scheduler is told
    work.py      what runs on a worker: one Analyzer per process, a report after each article
    driver.py    jobs out, records back in order; time limits, dead workers and retries
"""
