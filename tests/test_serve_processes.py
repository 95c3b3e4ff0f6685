"""`eventwire serve --workers 2` on Linux: two server processes, each with a listening socket of
its own on the one port, the kernel sharing the connections out; a process that ends is
started again; a port in use is refused; SIGTERM stops them all."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from eventwire.shells.cli.serve_processes import BALANCED
from tests.conftest import wait_until_serving

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not BALANCED, reason="SO_REUSEPORT balances only on Linux")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(db, port, workers=2):
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    return subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", db, "--port", str(port),
                             "--workers", str(workers)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            env=env, text=True)


def _children(pid: int) -> list[int]:
    """The server processes `pid` started (not multiprocessing's resource tracker)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = stat.read_text().rsplit(")", 1)[1].split()[1]
            command = (stat.parent / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if parent == str(pid) and "spawn_main" in command and "resource_tracker" not in command:
            found.append(int(stat.parent.name))
    return sorted(found)


def _established(pid: int, port: int) -> int:
    """How many of `pid`'s sockets are connections accepted on `port`."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01":  # local port, ESTABLISHED
            inodes.add(fields[9])
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        held += target.startswith("socket:[") and target[8:-1] in inodes
    return held


def test_two_processes_share_the_connections_restart_and_stop(one_event_store):
    port = _free_port()
    server = _serve(one_event_store, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base)
        children = _children(server.pid)
        assert len(children) == 2
        clients = [httpx.Client(base_url=base) for _ in range(20)]  # twenty connections, kept open
        for client in clients:
            assert client.get("/api/events", params={"actor": "KEN"}).json()["rows"]
        shares = [_established(child, port) for child in children]
        assert sum(shares) == 20 and min(shares) >= 3, shares  # all on one process is what this avoids
        for client in clients:
            client.close()

        second = _serve(one_event_store, port)  # the port is taken: refused, not shared
        _, said = second.communicate(timeout=60)
        assert second.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in said

        time.sleep(5)  # past the start-up window, so an end is a crash to mend
        os.kill(children[0], signal.SIGKILL)
        for _ in range(200):
            now = _children(server.pid)
            if len(now) == 2 and children[0] not in now:
                break
            time.sleep(0.1)
        assert len(now) == 2 and children[0] not in now
        wait_until_serving(base)
        assert httpx.get(base + "/api/events", params={"actor": "KEN"}).json()["rows"]
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "with 2 processes" in stderr and "starting another" in stderr
    assert all(not Path(f"/proc/{child}").exists() for child in now)
