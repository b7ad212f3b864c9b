"""Load test: the portal under gunicorn with production settings and a 10k-offering catalogue, driven
by locust (as a library) at 10, 50 and 100 concurrent users; reports requests per second, p50/p95/p99
and errors per kind of request.

    .venv/bin/python benchmarks/load.py                         # 10k offerings; 10, 50, 100 users; 60 s each
    .venv/bin/python benchmarks/load.py --users 50 --duration 30
    .venv/bin/python benchmarks/load.py --keep /tmp/felles-load # build once, reuse on later runs
    .venv/bin/python benchmarks/load.py --update-readme         # write the figures to benchmarks/README.md

What runs:

- **Data.** ``benchmarks/load_data.py`` builds the world in a temporary directory (its own SQLite
  database and var/; never var/): migrate, reference data, the demo (users, catalogue, needs), then
  the synthetic catalogue as real offering pages (``benchmarks/synthetic.py``), embeddings with the
  real model, the search index and collectstatic.
- **Server.** gunicorn, ``benchmarks.load_settings`` (production settings with the API throttles
  raised, so the load is not throttled), a generated secret, ALLOWED_HOSTS=127.0.0.1, sync workers
  (2 × cores + 1 by default). The client sends ``X-Forwarded-Proto: https`` as the reverse proxy
  would, so HTTPS redirects and secure cookies stay as in production.
- **Users.** Each simulated user waits ``--think`` seconds (uniform) between requests and picks a
  task by weight: pages 50 % (home, centres, provider, offering, theme pages, …), search 25 %
  (/sok/ and /api/v1/search/ with realistic queries and filters), match 15 % (POST /api/v1/match/
  with descriptions from eval/dev.jsonl), needs 10 % (signed in as a municipal demo user with a
  CSRF token: POST /api/v1/needs/, then /publish/; skipped if the API answers 404).
- **Measuring.** Every user logs in and every worker loads its model during a warm-up that is not
  counted; then each level runs for ``--duration`` seconds with all its users.

The load client runs on the same machine as the server, so it takes some of the CPU it measures.
"""

from __future__ import annotations

# locust patches the standard library with gevent: import it before anything else.
from locust import HttpUser, between, task  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import gevent
from requests.cookies import RequestsCookieJar

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "benchmarks" / "README.md"
TARGETS_MS = {"pages": 300, "search": 300, "match": 800}
TARGET_USERS = 50
SEARCHES = [
    {"q": "traumebevisst omsorg"},
    {"q": "veiledning fosterhjem"},
    {"q": "nye ledere", "format": "digitalt_direkte"},
    {"q": "vold i nære relasjoner"},
    {"q": "skolevegring"},
    {"q": "rus ungdom", "region": "18"},
    {"q": "implementering"},
    {"q": "samtale med barn", "sort": "next_date"},
    {"q": "tenesta rettleiing"},
    {"q": "kurs", "theme": "T18"},
    {"q": ""},
    {"q": "minoritet"},
]
NEED_TEXTS = [
    "Vi ønsker veiledning over tid i traumebevisst omsorg for hele tjenesten, og hjelp til å få det til å feste seg.",
    "Ledergruppen er ny, og vi trenger støtte i ledelse av endringsarbeid og implementering av nye rutiner.",
    "Saksbehandlerne trenger opplæring i samtaler med barn, særlig de minste barna, og i dokumentasjon.",
    "Vi har flere saker med alvorlig skolevegring og ønsker drøfting og kurs for ansatte og samarbeidspartnere.",
    "Fosterhjemmene våre ber om mer veiledning, og vi trenger et opplegg for fosterhjemsveiledere.",
]


# The world: data, server ---------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(workdir: Path) -> dict[str, str]:
    secret_file = workdir / "secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(64))
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.load_settings",
        "DJANGO_SECRET_KEY": secret_file.read_text(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "PORTAL_VAR_DIR": str(workdir / "var"),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "PYTHONPATH": str(ROOT),
    }


def prepare(workdir: Path, offerings: int) -> dict:
    urls_file = workdir / "urls.json"
    if urls_file.exists():
        print(f"Reusing the prepared world in {workdir}")
        return json.loads(urls_file.read_text())
    print(f"Building the world in {workdir} ({offerings} synthetic offerings; takes a while) …", flush=True)
    started = time.perf_counter()
    with open(workdir / "prepare.log", "wb") as log:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.load_data",
                "--offerings",
                str(offerings),
                "--urls",
                str(urls_file),
            ],
            cwd=ROOT,
            env=_environment(workdir),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    if result.returncode != 0:
        sys.exit(f"Preparing the data failed; see {workdir / 'prepare.log'}")
    print(f"World built in {time.perf_counter() - started:.0f} s")
    return json.loads(urls_file.read_text())


def start_gunicorn(workdir: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = open(workdir / "gunicorn.log", "ab")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--timeout=120",
            "--graceful-timeout=10",
        ],
        cwd=ROOT,
        env=_environment(workdir),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped; see {workdir / 'gunicorn.log'}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, url
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not start within 60 s")


# The simulated users ----------------------------------------------------------------------------
class LocalCookieJar(RequestsCookieJar):
    """Send the Secure session and CSRF cookies over plain HTTP to 127.0.0.1: the TLS proxy is
    simulated by the X-Forwarded-Proto header. (A cookie policy is not enough: requests copies the
    cookies into a jar with the default policy for every request, so the flag is dropped on the way
    in.)"""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def _csrf(session) -> str:
    return next((c.value for c in session.cookies if c.name == "csrftoken"), "")


class PortalUser(HttpUser):
    abstract = True  # the concrete class, with host and URLs, is made in run_level()
    urls: dict = {}
    match_texts: list = []
    municipal_sessions: list = []  # cookies of signed-in municipal users, shared by the simulated users
    need_api = True

    def on_start(self):
        self.client.headers.update({"X-Forwarded-Proto": "https", "Accept-Language": "nb"})
        self.client.cookies = LocalCookieJar()
        self.municipal = None

    def _municipal(self):
        """A second session for the needs API, signed in as a municipal demo user. Logging in costs a
        password hash (hundreds of milliseconds by design), so the simulated users share a few
        sessions signed in before the run."""
        if self.municipal is None:
            from locust.clients import HttpSession

            session = HttpSession(self.host, self.environment.events.request, self)
            referer = self.host.replace("http://", "https://") + "/"
            session.headers.update({"X-Forwarded-Proto": "https", "Referer": referer})
            session.cookies = LocalCookieJar()
            for name, value in random.choice(self.municipal_sessions).items():
                session.cookies.set(name, value)
            self.municipal = session
        return self.municipal

    @task(50)
    def page(self):
        kind = random.choices(
            ["fixed", "provider", "offering", "theme", "standard"], weights=[30, 15, 35, 15, 5]
        )[0]
        choices = self.urls.get(kind) or self.urls["fixed"]
        self.client.get(random.choice(choices), name=f"pages: {kind}")

    @task(25)
    def search(self):
        params = dict(random.choice(SEARCHES))
        if random.random() < 0.5:
            self.client.get("/sok/", params=params, name="search: /sok/")
        else:
            self.client.get("/api/v1/search/", params=params, name="search: api")

    @task(15)
    def match(self):
        body = {
            "text": random.choice(self.match_texts),
            "municipality": random.choice(["5601", "4601", "0301"]),
        }
        self.client.post("/api/v1/match/", json=body, name="match: api")

    @task(10)
    def need(self):
        if not PortalUser.need_api:
            return
        session = self._municipal()
        headers = {"X-CSRFToken": _csrf(session)}
        title = random.choice(["Veiledning over tid", "Lederstøtte", "Opplæring av nyansatte", "Drøfting"])
        body = {"title": title, "description": random.choice(NEED_TEXTS)}
        with session.post(
            "/api/v1/needs/", json=body, headers=headers, name="needs: create", catch_response=True
        ) as r:
            if r.status_code == 404:
                PortalUser.need_api = False  # the needs API is not there (yet): skip this part
                r.success()
                return
            if r.status_code != 201:
                r.failure(f"{r.status_code}: {r.text[:200]}")
                return
            need_id = r.json()["id"]
        session.post(f"/api/v1/needs/{need_id}/publish/", headers=headers, name="needs: publish")


# Running one level ---------------------------------------------------------------------------------
class Recorder:
    """Every request's time and outcome, by kind (the part of the name before the colon)."""

    def __init__(self):
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.recording = False

    def __call__(
        self, request_type, name, response_time, response_length, exception=None, response=None, **kw
    ):
        if not self.recording or name.startswith("setup"):
            return
        kind = name.split(":")[0]
        self.times[kind].append(response_time)
        if exception is not None:
            status = getattr(response, "status_code", "?")
            self.errors[kind].append(f"{name} {status}: {str(exception)[:120]}")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def signed_in_sessions(url: str, count: int = 4) -> list[dict[str, str]]:
    """Log ``count`` municipal demo users in (outside the measurements); returns their cookies."""
    import requests

    sessions = []
    for i in range(count):
        session = requests.Session()
        session.cookies = LocalCookieJar()
        session.headers.update(
            {"X-Forwarded-Proto": "https", "Referer": url.replace("http://", "https://") + "/"}
        )
        session.get(f"{url}/logg-inn/", timeout=60)
        username = ["kommune", "kommune-oslo"][i % 2]
        data = {"username": username, "password": "demo-kommune-2026", "csrfmiddlewaretoken": _csrf(session)}
        response = session.post(f"{url}/logg-inn/", data=data, timeout=60, allow_redirects=False)
        if response.status_code != 302:
            sys.exit(f"Could not log in as {username}: {response.status_code}")
        session.get(f"{url}/min-side/", timeout=60)  # its logout form sets the CSRF cookie
        sessions.append({c.name: c.value for c in session.cookies})
    return sessions


def warm_up(url: str, workers: int, texts: list[str]) -> None:
    """Let every worker load the embedding model and its caches before anything is measured: a few
    rounds of as many concurrent searches and matches as there are workers, times two."""
    import requests
    from gevent.pool import Pool

    headers = {"X-Forwarded-Proto": "https"}

    def one(i: int) -> None:
        if i % 2:
            requests.post(
                f"{url}/api/v1/match/", json={"text": texts[i % len(texts)]}, headers=headers, timeout=120
            )
        else:
            requests.get(f"{url}/api/v1/search/", params={"q": "veiledning"}, headers=headers, timeout=120)

    pool = Pool(2 * workers)
    for _ in range(3):
        pool.map(one, range(4 * workers))


def run_level(
    url: str, urls: dict, texts: list[str], users: int, duration: int, think: float, warmup: int
) -> dict:
    user_class = type(
        "Visitor", (PortalUser,), {"host": url, "urls": urls, "match_texts": texts, "abstract": False}
    )
    user_class.wait_time = between(0, 2 * think) if think else between(0, 0)
    env = Environment(user_classes=[user_class])
    recorder = Recorder()
    env.events.request.add_listener(recorder)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=max(5, users / 5))
    gevent.sleep(max(warmup, 7))  # all users are spawned within five seconds
    recorder.recording = True
    started = time.perf_counter()
    gevent.sleep(duration)
    recorder.recording = False
    elapsed = time.perf_counter() - started
    runner.quit()
    return summarise(users, elapsed, recorder)


def summarise(users: int, elapsed: float, recorder: Recorder) -> dict:
    kinds = {}
    for kind in ("pages", "search", "match", "needs"):
        times = recorder.times.get(kind, [])
        kinds[kind] = {
            "requests": len(times),
            "rps": len(times) / elapsed,
            "p50": _percentile(times, 0.50),
            "p95": _percentile(times, 0.95),
            "p99": _percentile(times, 0.99),
            "mean": statistics.fmean(times) if times else float("nan"),
            "errors": len(recorder.errors.get(kind, [])),
            "error_samples": recorder.errors.get(kind, [])[:3],
        }
    total = sum(k["requests"] for k in kinds.values())
    return {"users": users, "seconds": elapsed, "rps": total / elapsed, "kinds": kinds}


# Reporting -----------------------------------------------------------------------------------------
def table(results: list[dict]) -> str:
    lines = [
        "| users | kind | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for kind, k in result["kinds"].items():
            if not k["requests"]:
                continue
            lines.append(
                f"| {result['users']} | {kind} | {k['requests']} | {k['rps']:.1f} | {k['p50']:.0f} | "
                f"{k['p95']:.0f} | {k['p99']:.0f} | {k['errors']} |"
            )
        errors = sum(k["errors"] for k in result["kinds"].values())
        lines.append(f"| {result['users']} | **all** | | **{result['rps']:.1f}** | | | | **{errors}** |")
    return "\n".join(lines)


def verdict(results: list[dict]) -> list[str]:
    notes = []
    for result in results:
        if result["users"] != TARGET_USERS:
            continue
        for kind, target in TARGETS_MS.items():
            p95 = result["kinds"][kind]["p95"]
            notes.append(f"{kind}: p95 {p95:.0f} ms (target ≤ {target} ms) {'✓' if p95 <= target else '✗'}")
    for result in results:
        errors = sum(k["errors"] for k in result["kinds"].values())
        notes.append(f"{result['users']} users: {errors} errors {'✓' if errors == 0 else '✗'}")
    return notes


def update_readme(report: str) -> None:
    start, end = "<!-- load:last -->", "<!-- /load:last -->"
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    block = f"{start}\n{report}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n## Load (benchmarks/load.py)\n\n### Last\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load test of the portal under gunicorn.")
    parser.add_argument("--offerings", type=int, default=10_000)
    parser.add_argument("--users", default="10,50,100", help="comma-separated levels of concurrent users")
    parser.add_argument("--duration", type=int, default=60, help="seconds measured per level")
    parser.add_argument("--warmup", type=int, default=20, help="seconds of unmeasured load before each level")
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean think time per user in seconds (0: none)"
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--keep", type=Path, help="build the world here and reuse it next time")
    parser.add_argument(
        "--update-readme", action="store_true", help="write the figures to benchmarks/README.md"
    )
    args = parser.parse_args(argv)

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="felles-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    urls = prepare(workdir, args.offerings)
    texts = [json.loads(line)["text"] for line in (ROOT / "eval" / "dev.jsonl").open(encoding="utf-8")]
    server, url = start_gunicorn(workdir, args.workers)
    results = []
    try:
        print("Warming up the workers and signing municipal users in …", flush=True)
        warm_up(url, args.workers, texts)
        PortalUser.municipal_sessions = signed_in_sessions(url)
        for users in [int(u) for u in args.users.split(",")]:
            print(f"{users} users: warming up {args.warmup} s, measuring {args.duration} s …", flush=True)
            results.append(run_level(url, urls, texts, users, args.duration, args.think, args.warmup))
            print(table(results[-1:]), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    cores = os.cpu_count()
    header = (
        f"{time.strftime('%Y-%m-%d')}: {args.offerings} synthetic offerings + the demo catalogue, SQLite, "
        f"embedded search, packaged model; gunicorn {args.workers} sync workers on {cores} cores, load client "
        f"on the same machine; think time 0–{2 * args.think:g} s per user; {args.duration} s measured per level "
        f"after {args.warmup} s warm-up."
    )
    if not PortalUser.need_api:
        header += " The needs API answered 404, so need posting was skipped."
    report = "\n\n".join([header, table(results), "At 50 users: " + "; ".join(verdict(results))])
    print("\n" + report)
    errors = [s for r in results for k in r["kinds"].values() for s in k["error_samples"]]
    if errors:
        print("\nError samples:\n  " + "\n  ".join(errors))
    if args.update_readme:
        update_readme(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
