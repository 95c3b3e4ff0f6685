"""The Dask driver (shells/batch/driver.py) on a real LocalCluster of two worker processes, with a
job function that needs no spaCy, so that what a worker does can be chosen article by article: a
worker that dies (os._exit, every time or once), a worker stuck in C code holding the GIL (a
regular expression that backtracks for minutes), or plain work. No part of Dask is mocked."""

import os
import re
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask group is not installed (bin/setup dask)")

from eventwire.document.article import Article, Failure  # noqa: E402
from eventwire.settings import Settings  # noqa: E402
from eventwire.shells.batch.cluster import open_cluster  # noqa: E402
from eventwire.shells.batch.driver import Counts, Driver, Limits, Lost  # noqa: E402
from eventwire.shells.batch.work import report  # noqa: E402

pytestmark = pytest.mark.slow  # a cluster takes seconds to start


def fake_job(settings, articles, topic, job):
    """What work.analyze_job does, with the article's text saying what happens to its worker."""
    report(topic, job, 0)
    results = []
    for article in articles:
        if article.text == "die":
            os._exit(1)
        if article.text.startswith("die once "):  # the first worker to meet it dies; the next one not
            marker = Path(article.text.removeprefix("die once "))
            if not marker.exists():
                marker.write_text("died")
                os._exit(1)
        if article.text == "hang":
            re.match(r"(a+)+$", "a" * 40 + "b")  # minutes in C, the GIL held
        results.append({"id": article.id, "text": article.text, "pid": os.getpid()})
        report(topic, job, len(results))
    return results


@pytest.fixture(scope="module")
def client():
    with open_cluster(workers=2) as cluster:
        yield cluster.client


def run(client, texts, **limits):
    items = [Failure(str(n), f"in:{n}", "unreadable") if text is None else Article(str(n), text, origin=f"in:{n}")
             for n, text in enumerate(texts)]
    counts = Counts()
    driver = Driver(client, Settings(), Limits(**{"batch_size": 4, **limits}), task=fake_job)
    driver.counts = counts
    return list(driver.run(items)), counts


def test_driver_gives_every_item_once_in_input_order(client):
    texts = [f"article {n}" for n in range(50)]
    texts[7] = None  # an input that could not be read passes straight through, in its place
    results, counts = run(client, texts)
    assert [r.id if isinstance(r, Failure) else r["id"] for r in results] == [str(n) for n in range(50)]
    assert isinstance(results[7], Failure) and not isinstance(results[7], Lost)
    assert len({r["pid"] for r in results if isinstance(r, dict)}) == 2  # both workers took part
    assert counts.deaths == counts.restarts == 0


def test_driver_retries_an_article_whose_worker_dies_twice_then_gives_it_up(client):
    texts = [f"article {n}" for n in range(20)]
    texts[9] = "die"
    results, counts = run(client, texts)
    lost = results[9]
    assert isinstance(lost, Lost) and lost.reason == "worker" and "died 3 times" in lost.message
    assert [r["id"] for n, r in enumerate(results) if n != 9] == [str(n) for n in range(20) if n != 9]
    assert counts.deaths >= 3


def test_driver_a_worker_killed_mid_job_loses_and_doubles_nothing(client, tmp_path):
    texts = [f"article {n}" for n in range(30)]
    texts[13] = f"die once {tmp_path / 'marker'}"
    results, counts = run(client, texts)
    assert all(isinstance(r, dict) for r in results), [r for r in results if not isinstance(r, dict)]
    assert [r["id"] for r in results] == [str(n) for n in range(30)]
    assert counts.deaths >= 1 and (tmp_path / "marker").exists()


def test_driver_stops_an_article_over_the_time_limit_and_goes_on(client):
    texts = [f"article {n}" for n in range(20)]
    texts[6] = "hang"
    started = time.monotonic()
    results, counts = run(client, texts, timeout=1.5)
    assert time.monotonic() - started < 60  # the stuck worker was restarted, not waited for
    lost = results[6]
    assert isinstance(lost, Lost) and lost.reason == "timeout" and "1.5 s" in lost.message
    assert [r["id"] for n, r in enumerate(results) if n != 6] == [str(n) for n in range(20) if n != 6]
    # in a job with others it was given a second chance alone, then its worker was restarted again
    assert counts.restarts == 2
