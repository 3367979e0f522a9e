"""Test setup: a real PostGIS test database holding the demo's real geography and organisations.

The demo data (the same `load_demo` as `make run`) is loaded once per session and committed; every test
then runs inside a transaction that is rolled back. Do not use `transactional_db`: its flush would wipe
the shared data. Tests that need a live HTTP server use the session-scoped `live_url` fixture, which
serves the committed demo data.
"""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    from django.db import connection

    from importers.demo import load_demo

    with django_db_blocker.unblock():
        load_demo(stdout=io.StringIO(), skip_unchanged_source=False)
    yield
    # The live server's request threads keep their own connections (thread-local, unreachable from here);
    # end them so pytest-django can drop the test database instead of warning that it is in use.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


class _NoDelayServer(ThreadedWSGIServer):
    """Without TCP_NODELAY every keep-alive request waits ~40 ms for Nagle's algorithm."""

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def live_url(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """Base URL of a threaded server on 127.0.0.1 serving the app (and static files) on the test database."""
    django_db_blocker.unblock()
    server = _NoDelayServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=True)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        django_db_blocker.restore()
