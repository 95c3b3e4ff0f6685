"""Reads of the store run in a few threads per server process, the requests waiting their turn
in the order they came (as Datasette runs its SQL in `num_sql_threads` threads).

Each listing, row, aggregate and page is a query that keeps a core busy for a few
milliseconds. Run in the 40 threads Starlette lends blocking endpoints, twenty concurrent
requests shared the interpreter in turns: every one finished late, a long query latest (its
latency about twenty times its own cost), and switching between the threads cost another
third of a millisecond a request. In a few threads each request waits for the ones before it
and then runs alone: the same throughput, and latencies that do not depend on which query a
client happened to ask. Analyses and ingests keep their own queue (routes_write.py).
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable

import anyio

QUERY_THREADS = 2  # per process: one query running, the next one ready when it waits on the disk


def reads_store(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """A blocking endpoint (taking `request`) run in one of the app's query threads; FastAPI
    reads its parameters from the endpoint's own signature (functools.wraps)."""

    @functools.wraps(endpoint)
    async def in_turn(*args: Any, **kwargs: Any) -> Any:
        limiter = _limiter(kwargs["request"].app)
        return await anyio.to_thread.run_sync(functools.partial(endpoint, *args, **kwargs), limiter=limiter)

    return in_turn


def _limiter(app) -> anyio.CapacityLimiter:
    """The app's limiter on the running event loop (a test client may serve one app from
    several loops, and a limiter waits on the loop it was made on)."""
    loop = asyncio.get_running_loop()
    held = getattr(app.state, "query_limiter", None)
    if held is None or held[0] is not loop:
        held = (loop, anyio.CapacityLimiter(getattr(app.state, "query_threads", QUERY_THREADS)))
        app.state.query_limiter = held
    return held[1]
