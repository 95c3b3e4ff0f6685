"""`eventwire ingest` and `analyze` on Dask as a user runs them: real processes, a real LocalCluster
started by eventwire, a real `dask scheduler` with two `dask worker` processes, PostgreSQL as the
store they share; workers and the driver killed with SIGKILL mid-batch."""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask group is not installed (bin/setup dask)")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "examples" / "seed-article.txt").read_text(encoding="utf-8")
DASK = Path(sys.executable).parent / "dask"


def eventwire(*args, cwd):
    return subprocess.run([sys.executable, "-m", "eventwire", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def sentences(n):
    lines = (ROOT / "tests" / "data" / "events" / "heldout.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines[:n]]


def feed(path: Path, texts) -> Path:
    path.write_text("".join(json.dumps({"id": f"s{n}", "text": t, "published": "2024-05-06"}) + "\n"
                            for n, t in enumerate(texts)), encoding="utf-8")
    return path


def stored(db: Path) -> list[tuple]:
    """Each stored article's key, record and mention counts (not its row id or ingestion time)."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT text_key, input_id, origin, published, record, "
            "(SELECT count(*) FROM event_mentions m WHERE m.article = a.id), "
            "(SELECT count(*) FROM quote_mentions q WHERE q.article = a.id) "
            "FROM articles a ORDER BY text_key").fetchall()


def keys(db: Path) -> list[str]:
    with sqlite3.connect(db, timeout=10) as conn:
        return [row[0] for row in conn.execute("SELECT text_key FROM articles")]


def count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not made yet, or being written
        return -1


def wait_for(condition, seconds: float, process=None) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        if process is not None and process.poll() is not None:
            return False
        time.sleep(0.2)
    return False


def worker_processes(pid: int) -> list[int]:
    """The Dask worker processes a LocalCluster in process `pid` started (multiprocessing's spawn)."""
    found = []
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        for cpid in child.read_text().split():
            try:
                command = Path(f"/proc/{cpid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if b"spawn_main" in command:
                found.append(int(cpid))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_batch_one_and_two_workers_store_and_write_the_same(tmp_path):
    news = feed(tmp_path / "news.jsonl", sentences(40) + [SEED])
    one = eventwire("ingest", str(news), "--db", "one.db", "--workers", "1", cwd=tmp_path)
    two = eventwire("ingest", str(news), "--db", "two.db", "--workers", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 0, two.stderr
    assert "read 41 = stored 41 + duplicates 0 + failures 0 in" in two.stderr and "words/s" in two.stderr
    assert "analysing on Dask: a LocalCluster of 2 worker processes" in two.stderr
    assert "Dask" not in one.stderr  # one worker: analysed in this process, as before
    assert stored(tmp_path / "one.db") == stored(tmp_path / "two.db")
    # the records in the store are the same, and so is a file of them, line for line
    for n in ("1", "2"):
        result = eventwire("analyze", str(news), "--format", "jsonl", "--out", f"out{n}.jsonl", "--workers", n,
                           "--quiet", cwd=tmp_path)
        assert result.returncode == 0 and "read 41 = analysed 41 + failures 0" in result.stderr
        assert "Dask" not in result.stderr  # --quiet: no line about the cluster
    assert (tmp_path / "out1.jsonl").read_bytes() == (tmp_path / "out2.jsonl").read_bytes()


def test_batch_an_article_over_the_time_limit_or_the_size_limit_fails_and_the_batch_goes_on(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    body = SEED.split("\n", 1)[1]
    # a long article: minutes of analysis (about 5 in one process); over 3 s it is stopped
    long, too_big = ("Long report\n" + body * 500)[:990_000], ("Too big\n" + body * 500)[:999_000]
    assert len(long) == 990_000 and len(too_big) == 999_000
    (news / "a-long.txt").write_text(long, encoding="utf-8")
    (news / "b-too-big.txt").write_text(too_big, encoding="utf-8")
    feed(news / "c-short.jsonl", sentences(12))
    started = time.monotonic()
    result = eventwire("ingest", "news", "--workers", "2", "--timeout", "3", "--max-chars", "995000", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "read 14 = stored 12 + duplicates 0 + failures 2" in result.stderr, result.stderr
    assert time.monotonic() - started < 150
    listed = eventwire("failures", cwd=tmp_path).stdout.splitlines()
    reasons = {line.split("\t")[0]: line.split("\t")[1] for line in listed}
    assert reasons == {"news/a-long.txt": "timeout", "news/b-too-big.txt": "size"}, listed
    assert "time limit" in next(line for line in listed if "a-long" in line)
    assert "over the limit of 995,000" in next(line for line in listed if "too-big" in line)


def test_batch_a_worker_killed_mid_batch_loses_and_doubles_nothing(tmp_path):
    texts = sentences(120)
    news = feed(tmp_path / "news.jsonl", texts)
    db = tmp_path / "corpus.db"
    process = subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", str(news), "--db", str(db),
                                "--workers", "2", "--batch-size", "4"], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: count(db) >= 8, 300, process), "the ingest finished before a worker could be killed"
        workers = worker_processes(process.pid)
        assert len(workers) == 2, workers
        os.kill(workers[0], signal.SIGKILL)
        _, err = process.communicate(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert f"read {len(texts)} = stored {len(set(texts))} + duplicates {len(texts) - len(set(texts))}" in err
    assert sorted(keys(db)) == sorted(set(keys(db))) and len(keys(db)) == len(set(texts))  # 0 lost, 0 doubled


def test_batch_the_driver_killed_mid_batch_resumes_with_nothing_lost_or_doubled(tmp_path):
    texts = sentences(120)
    news = feed(tmp_path / "news.jsonl", texts)
    db = tmp_path / "corpus.db"
    command = [sys.executable, "-m", "eventwire", "ingest", str(news), "--db", str(db), "--workers", "2",
               "--batch-size", "4"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: count(db) >= 8, 300, process), "the ingest finished before it could be killed"
    workers = worker_processes(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = count(db)
    assert 8 <= partial < len(set(texts))
    # the LocalCluster's worker processes do not outlive their driver
    assert workers and wait_for(lambda: not any(alive(pid) for pid in workers), 30)
    again = eventwire("ingest", str(news), "--db", str(db), "--workers", "2", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"stored {len(set(texts)) - partial} + duplicates {len(texts) - len(set(texts)) + partial}" in again.stderr
    assert sorted(keys(db)) == sorted(set(keys(db))) and len(keys(db)) == len(set(texts))  # 0 lost, 0 doubled
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM event_mentions WHERE article NOT IN "
                            "(SELECT id FROM articles)").fetchone()[0] == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
def test_batch_on_a_dask_scheduler_and_two_workers_sharing_a_postgresql_store(tmp_path, store_url):
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = [open(tmp_path / f"{name}.log", "w") for name in ("scheduler", "worker1", "worker2")]
    scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], cwd=tmp_path, stdout=logs[0], stderr=subprocess.STDOUT)
    workers = [subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1",
                                 "--host", "127.0.0.1", "--no-dashboard", "--name", f"w{n}"],
                                cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
               for n, log in ((1, logs[1]), (2, logs[2]))]
    try:
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
            texts = sentences(30) + [SEED]
            news = feed(tmp_path / "news.jsonl", texts)
            result = eventwire("ingest", str(news), "--db", store_url, "--scheduler", address, cwd=tmp_path)
            assert result.returncode == 0, result.stderr
            assert f"analysing on Dask: {address}: 2 workers, 2 threads" in result.stderr
            assert f"read {len(texts)} = stored {len(set(texts))}" in result.stderr
            # both workers analysed, and the scheduler has its own retry setting back
            assert client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures) == 3
            # and the workers their profiler, paused for the run
            assert set(client.run(lambda dask_worker: dask_worker.periodic_callbacks["profile"].is_running())
                       .values()) == {True}
            again = eventwire("ingest", str(news), "--db", store_url, "--scheduler", address, cwd=tmp_path)
            assert f"stored 0 + duplicates {len(texts)}" in again.stderr, again.stderr
        listed = eventwire("export", "articles", "--db", store_url, "--format", "jsonl", cwd=tmp_path)
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == len(set(texts))
    finally:
        for process in [*workers, scheduler]:
            process.terminate()
        for process in [*workers, scheduler]:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()


def test_batch_options_that_contradict_each_other_are_refused(tmp_path):
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    both = eventwire("analyze", "a.txt", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1", cwd=tmp_path)
    assert both.returncode == 2 and "give one of them" in both.stderr
    mixed = eventwire("ingest", "a.txt", "--workers", "2", "--processes", "2", cwd=tmp_path)
    assert mixed.returncode == 2 and "--processes" in mixed.stderr
    nowhere = eventwire("ingest", "a.txt", "--scheduler", f"tcp://127.0.0.1:{_free_port()}", cwd=tmp_path)
    assert nowhere.returncode == 2 and "cannot reach the Dask scheduler" in nowhere.stderr, nowhere.stderr
    assert "Traceback" not in nowhere.stderr


def _on_a_terminal(command: list[str], cwd) -> str:
    """What `command` writes to standard error when that is a terminal (a pseudo-terminal here)."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=follower, env={**os.environ, "TERM": "xterm", "COLUMNS": "160"})
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process closed its end
            break
        if not chunk:
            break
        written += chunk
    process.wait(timeout=300)
    os.close(leader)
    return written.decode("utf-8", "replace")


def test_batch_on_a_terminal_shows_a_progress_bar_and_the_dashboard_and_quiet_shows_neither(tmp_path):
    news = feed(tmp_path / "news.jsonl", sentences(12))
    command = [sys.executable, "-m", "eventwire", "ingest", str(news), "--workers", "2"]
    shown = _on_a_terminal(command, tmp_path)
    assert "analysing on Dask: a LocalCluster of 2 worker processes; dashboard http://127.0.0.1:" in shown
    assert "12/12" in shown and "articles/s" in shown and "words/s" in shown  # the bar, at its end
    assert "read 12 = stored 12 + duplicates 0 + failures 0 in" in shown
    quiet = _on_a_terminal([*command, "--quiet"], tmp_path)
    assert "articles/s" not in quiet and "dashboard" not in quiet
    assert "read 12 = stored 0 + duplicates 12 + failures 0 in" in quiet
