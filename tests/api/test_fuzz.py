"""Property-based fuzzing of the REST API from its own OpenAPI schema (/api/v1/schema/) with
schemathesis: no request, however odd, may get a 5xx (schemathesis' ``not_a_server_error`` check).

In-process over WSGI against the session database (the demo world): as an anonymous caller, and
signed in as a municipal user (session cookie and CSRF token) so the needs API is exercised beyond
its 403s, with the ``{id}`` of the needs operations pinned to one of the user's own needs as well as
random. Every operation gets schema-conforming and schema-violating input (positive and negative
generation).

Bounded and repeatable: ``MAX_EXAMPLES`` cases per operation and mode, deterministic generation (no
example database, no randomness between runs), no deadline. A few minutes in all; the ``fuzz``
marker lets it be left out locally with ``-m "not fuzz"``.

schemathesis' own pytest integration (``schemathesis.pytest.from_fixture``) does not run under
pytest 9 (it sets ``node._nodeid``), and loading the schema at import time would need the database
before pytest-django allows it, so the operations are driven here with Hypothesis directly.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

MAX_EXAMPLES = 25
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)


@contextmanager
def _connection_kept_open():
    """Calls go straight to the WSGI application, whose request signals close "old" database
    connections. Inside the test's transaction that closes PostgreSQL's connection for the rest of
    the test, so, like Django's own test client, keep it open while the fuzzer runs. (Django's
    client reconnects the signals after each of its own requests, so this wraps the fuzz run.)"""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _schema():
    from portal.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


def _fuzz_operation(
    operation, mode: GenerationMode, headers: dict, path_parameters: dict | None
) -> str | None:
    """Run one operation in one mode; returns a description of the (shrunk) failing case, if any."""
    failing: list = []
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)

    @FUZZ_SETTINGS
    @given(case=strategy)
    def run(case):
        cache.clear()  # no throttling between generated cases
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=[not_a_server_error], headers=headers)
        except (Exception, BaseExceptionGroup):
            failing[:] = [case, response]
            raise

    try:
        run()
    except Unsatisfiable:
        return None  # nothing to vary in this mode (no parameters to break in negative generation)
    except (Exception, BaseExceptionGroup) as exc:  # schemathesis' FailureGroup is an exception group
        if not failing:
            return f"{operation.label} [{mode}]: {type(exc).__name__}: {exc}"
        case, response = failing
        body = response.content[:300] if hasattr(response, "content") else b""
        return (
            f"{operation.label} [{mode}] → {response.status_code}\n"
            f"    path {case.path_parameters} query {case.query} body {case.body!r}"[:900]
            + f"\n    response {body!r}"
        )
    return None


def _fuzz(headers: dict, pinned: dict[str, dict] | None = None) -> tuple[list[str], int]:
    failures, runs = [], 0
    with _connection_kept_open():
        for result in _schema().get_all_operations():
            operation = result.ok()
            variants = [None]
            if pinned and "{id}" in operation.path and operation.path.startswith("/api/v1/needs/"):
                variants.append(pinned["needs"])
            for path_parameters in variants:
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    runs += 1
                    failure = _fuzz_operation(operation, mode, headers, path_parameters)
                    if failure:
                        failures.append(failure)
    return failures, runs


def test_anonymous_calls_never_give_a_server_error():
    failures, runs = _fuzz(headers={})
    assert runs >= 40
    assert not failures, "5xx from the API:\n" + "\n".join(failures)


def test_signed_in_calls_never_give_a_server_error(demo_users):
    from portal.needs.models import Need

    client = Client()
    client.force_login(demo_users["kommune"])
    client.get("/min-side/")  # its logout form sets the CSRF cookie
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    headers = {
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "X-CSRFToken": cookies["csrftoken"],
    }
    own = Need.objects.filter(service=demo_users["kommune"].service).order_by("pk").first()
    pinned = {"needs": {"id": own.pk}} if own else None
    failures, runs = _fuzz(headers=headers, pinned=pinned)
    assert runs >= 40
    assert not failures, "5xx from the API:\n" + "\n".join(failures)


def test_ids_too_large_for_the_database_are_404(client, demo_users):
    """The fuzzer's first find, pinned down for every API route with an integer in its path."""
    from tests.security.routes import all_routes

    huge = "1" + "0" * 30
    routes = [r for r in all_routes() if r.pattern.startswith("api/") and "<int:" in r.pattern]
    assert routes
    client.force_login(demo_users["kommune"])
    for route in routes:
        url = "/" + route.pattern.replace("<int:pk>", huge).replace("<int:id>", huge)
        url = url.replace("<int:interest_id>", huge)
        assert "<" not in url, f"fill in the parameters of {route.pattern}"
        response = client.get(url)
        if response.status_code == 405:  # an action: POST it
            response = client.post(url, {}, content_type="application/json")
        assert response.status_code == 404, f"{url} → {response.status_code}"
