"""Shared fixtures: the bundled corpora and a helper to run the CLI in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "seed-corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_corpus() -> Path:
    return SEED


@pytest.fixture
def cli():
    """Run the compare CLI in-process: cli("run", str(path), "-o", str(out))."""
    from compare.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def dask_client():
    """One 2-worker LocalCluster (threads in this process) for every Dask-engine test."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="session")
def redis_url():
    """A real redis-server: $COMPARE_REDIS_URL (.ci/run starts one), else one started here on a
    free port; skipped when there is none, unless COMPARE_REQUIRE_REDIS=1 (CI) makes that a failure."""
    import os
    import shutil
    import socket
    import subprocess
    import time

    redis = pytest.importorskip("redis")
    url = os.environ.get("COMPARE_REDIS_URL")
    server = None
    if not url:
        binary = shutil.which("redis-server")
        if binary is None:
            if os.environ.get("COMPARE_REQUIRE_REDIS") == "1":
                pytest.fail("COMPARE_REQUIRE_REDIS=1 but redis-server is not installed")
            pytest.skip("redis-server is not installed (Debian package redis-server)")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        pytest.fail(f"redis-server at {url} does not answer")
    try:
        yield url
    finally:
        client.close()
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
