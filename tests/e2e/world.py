"""A throwaway portal for the browser tests: its own SQLite database, search index and media in one
temporary directory, built by the same commands as ``make run`` and served by ``runserver`` in a
subprocess. Why not pytest-django's ``live_server``: see tests/e2e/README.md.

``python -m tests.e2e.world`` (with ``E2E_VAR_DIR`` and ``DJANGO_SETTINGS_MODULE`` set) builds the
world in one process: migrate, reference data, the demo (users, catalogue, needs, index); with
``--migrate-only`` it only migrates a kept world (``E2E_WORLD_DIR``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS = "tests.e2e.server_settings"
BUILD_TIMEOUT = 900
START_TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class World:
    """One portal under ``self.dir``: build it (in the background), serve it, query it, remove it."""

    def __init__(self) -> None:
        # E2E_WORLD_DIR keeps a built world between runs (for working on the tests): built once,
        # then reused as it is, and never removed.
        kept = os.environ.get("E2E_WORLD_DIR")
        self.kept = bool(kept)
        self.dir = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="felles-e2e-"))
        self.dir.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "E2E_VAR_DIR": str(self.dir),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DATABASE_URL", None)
        self.env.pop("ELASTICSEARCH_URL", None)
        self.url = ""
        self._build: subprocess.Popen | None = None
        self._server: subprocess.Popen | None = None
        self._logs: list = []

    # Building ----------------------------------------------------------------------------------
    def build_start(self) -> None:
        """Start building in the background (the rest of the suite runs meanwhile)."""
        if self._build is not None:
            return
        # A kept world is only migrated, so it follows model changes since it was built.
        command = [sys.executable, "-m", "tests.e2e.world"]
        if self.kept and (self.dir / "built").exists():
            command.append("--migrate-only")
        log = open(self.dir / "build.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(log)
        self._build = subprocess.Popen(command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log)

    def build_wait(self) -> None:
        self.build_start()
        try:
            code = self._build.wait(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"Building the e2e world took over {BUILD_TIMEOUT} s") from exc
        if code != 0:
            raise RuntimeError(f"Building the e2e world failed ({code}):\n{_tail(self.dir / 'build.log')}")

    # Serving -----------------------------------------------------------------------------------
    def serve(self) -> str:
        """Serve the built world on a free port; returns its base URL."""
        if self._server is not None:
            return self.url
        self.build_wait()
        port = _free_port()
        log = open(self.dir / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs.append(log)
        # --insecure: serve /static/ with DEBUG off (the test settings); --noreload: one process.
        self._server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--insecure", "--noreload"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=log,
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._server.poll() is not None:
                break
            if self.status("/logg-inn/") == 200:
                return self.url
            time.sleep(0.3)
        raise RuntimeError(f"The e2e server did not start:\n{_tail(self.dir / 'server.log')}")

    def status(self, path: str) -> int:
        """HTTP status of an anonymous GET, without following redirects (0 if nothing answers)."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(self.url + path, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 0

    # Querying ----------------------------------------------------------------------------------
    def query(self, code: str):
        """Run Python in a Django shell on the world's database; ``code`` prints one JSON value."""
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(f"Query failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def stop(self) -> None:
        for proc in (self._server, self._build):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        for log in self._logs:
            log.close()
        if not self.kept:
            shutil.rmtree(self.dir, ignore_errors=True)


def _build(*, migrate_only: bool = False) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    if migrate_only:
        return
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", verbosity=0)
    (Path(os.environ["E2E_VAR_DIR"]) / "built").touch()


if __name__ == "__main__":
    _build(migrate_only="--migrate-only" in sys.argv)
