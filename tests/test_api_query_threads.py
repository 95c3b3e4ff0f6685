"""Reads of the store run in the app's few query threads, the other requests waiting their turn
(shells/api/query_threads.py): concurrent requests over the app, counted where they read."""

import asyncio
import threading
import time

import httpx
import pytest

from eventwire.shells.api.app import create_app
from eventwire.store.corpus import Corpus


class CountingCorpus(Corpus):
    """The store's real Corpus, which notes how many of its listings are being read at once
    (each read held a little, so that concurrent requests overlap if they may)."""

    def __init__(self, store):
        super().__init__(store)
        self.lock, self.reading, self.most = threading.Lock(), 0, 0

    def events(self, **filters):
        with self.lock:
            self.reading += 1
            self.most = max(self.most, self.reading)
        try:
            time.sleep(0.05)
            yield from super().events(**filters)
        finally:
            with self.lock:
                self.reading -= 1


@pytest.mark.parametrize("threads", [1, 2])
def test_listings_read_the_store_in_at_most_the_apps_query_threads(one_event_store, threads):
    app = create_app(one_event_store, query_threads=threads)
    app.state.corpus = corpus = CountingCorpus(app.state.store)

    async def many():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            return await asyncio.gather(*(client.get("/api/events", params={"actor": "KEN"}) for _ in range(6)))

    answers = asyncio.run(many())
    assert [a.status_code for a in answers] == [200] * 6
    assert all(len(a.json()["rows"]) == 1 for a in answers)
    assert corpus.most == threads  # never more at once; and as many as allowed, since six wait
