"""The allocator settings of :mod:`quotes.memory`: the command's process bounds glibc's mmap threshold, a
program calling the library keeps its own allocator, and a user's own malloc tuning is left alone."""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys

import pytest

from quotes import cli, memory

GLIBC = sys.platform.startswith("linux") and "libc.so" in (ctypes.util.find_library("c") or "")


def _in_child(code: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
                                                              "GLIBC_TUNABLES")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**clean, **env},
                          check=True)
    return done.stdout.strip()


@pytest.mark.skipif(not GLIBC, reason="mallopt is glibc's")
def test_bound_heap_sets_the_threshold_in_a_process_of_its_own():
    assert _in_child("from quotes.memory import bound_heap; print(bound_heap())") == "True"


@pytest.mark.parametrize("name, value", [("MALLOC_MMAP_THRESHOLD_", "262144"), ("MALLOC_TRIM_THRESHOLD_", "0"),
                                         ("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536")])
def test_a_users_own_malloc_tuning_is_left_as_set(name, value):
    assert _in_child("from quotes.memory import bound_heap; print(bound_heap())", **{name: value}) == "False"


def test_the_command_bounds_the_heap(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(memory, "bound_heap", lambda: calls.append("bound") or True)
    monkeypatch.setattr(cli, "main", lambda argv=None: calls.append("main") or 0)
    assert cli.run() == 0
    assert calls == ["bound", "main"]


def test_main_alone_leaves_the_allocator_as_it_is(monkeypatch, capsys):
    calls: list[str] = []
    monkeypatch.setattr(memory, "bound_heap", lambda: calls.append("bound") or True)
    assert cli.main(["--version"]) == 0
    assert "quotes" in capsys.readouterr().out and calls == []
