"""`eventwire serve --workers N` on Linux: N server processes, each listening on a socket of its
own bound to the same address (SO_REUSEPORT), so that the kernel shares the connections out
among them.

uvicorn's own workers share one listening socket, and the process that wakes first takes
every connection waiting: twenty clients connecting at once could all land on one process
while the other idled (322 requests/s from two processes in one run, 683 in the next). With
a socket each, two processes gave 571–710. The address is first bound by an ordinary socket,
so a port another server holds (an eventwire one too) is refused as "in use", not shared.

This process only watches: a server process that ends is started again (unless it ended
within seconds of starting, which a second try would not mend); SIGINT or SIGTERM stops them
all. Elsewhere (no SO_REUSEPORT that balances) serve.py leaves it to uvicorn's workers.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import sys
import time

import click

from .common import fail

BALANCED = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")
_QUICK_END = 5.0  # seconds: a process that ends sooner after its start failed to start


def serve_processes(host: str, port: int, workers: int, access_log: bool) -> None:
    """Run `workers` server processes on host:port until stopped (serve.py has put the store,
    token and query threads in the environment, where serve.worker_app reads them)."""
    family, address = _address(host, port)
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:  # no SO_REUSEPORT: a holder refuses it
            probe.bind(address)
    except OSError as err:
        fail(f"cannot listen on {host}:{port} ({err.strerror}) — stop what uses the port or give another with --port")
    context = multiprocessing.get_context("spawn")  # a fresh interpreter each: no state forked from here
    stopping: list[int] = []
    signal.signal(signal.SIGINT, lambda number, _frame: stopping.append(number))
    signal.signal(signal.SIGTERM, lambda number, _frame: stopping.append(number))

    def start() -> tuple[multiprocessing.Process, float]:
        process = context.Process(target=_serve_one, args=(family, address, access_log), name="eventwire serve")
        process.start()
        return process, time.monotonic()

    running = [start() for _ in range(workers)]
    try:
        while not stopping:
            time.sleep(0.2)
            for n, (process, started) in enumerate(running):
                if process.is_alive() or stopping:
                    continue
                if time.monotonic() - started < _QUICK_END:
                    fail(f"a server process ended as it started (exit status {process.exitcode}); its error is "
                         "above — mend it, or run with --workers 1 to see it alone")
                click.echo(f"a server process ended (exit status {process.exitcode}); starting another", err=True)
                running[n] = start()
    finally:
        for process, _ in running:
            if process.is_alive():
                process.terminate()  # uvicorn's graceful shutdown on SIGTERM
        for process, _ in running:
            process.join(timeout=15)
            if process.is_alive():
                process.kill()


def _address(host: str, port: int) -> tuple[int, tuple]:
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as err:
        fail(f"--host {host}: not an address this machine can listen on ({err.strerror}) — give an address or a "
             "name that resolves to one")
    return family, address


def _serve_one(family: int, address: tuple, access_log: bool) -> None:
    """One server process: its own socket on the shared address, the app from the environment."""
    import uvicorn

    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    # the app by name, as uvicorn's own workers take it: serve.py imports this module
    config = uvicorn.Config(f"{__package__}.serve:worker_app", factory=True, log_level="info", access_log=access_log)
    uvicorn.Server(config).run(sockets=[sock])
