"""A pulled network cable sends no "connection closed": the PostgreSQL connections must find
out by themselves (TCP keepalives, tcp_user_timeout), on the sockets themselves."""

from __future__ import annotations

import socket
import sys

import psycopg
import pytest

from kiosk.storage.changes import PostgresChangeFeed
from kiosk.storage.engine import PG_CONNECT_ARGS, make_engine

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(sys.platform != "linux", reason="reads Linux TCP socket options"),
]
TCP_USER_TIMEOUT = getattr(socket, "TCP_USER_TIMEOUT", 18)


def assert_keepalives(conn: psycopg.Connection[object]) -> None:
    sock = socket.socket(fileno=conn.pgconn.socket)  # a view on libpq's socket...
    try:
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == 10
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL) == 5
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT) == 3
        assert sock.getsockopt(socket.IPPROTO_TCP, TCP_USER_TIMEOUT) == 20_000
    finally:
        sock.detach()  # ...which stays libpq's to close


def test_the_pool_and_the_change_feed_connections_probe_a_silent_network(
    postgres_url: str,
) -> None:
    assert PG_CONNECT_ARGS["keepalives_idle"] == 10
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert isinstance(driver, psycopg.Connection)
            assert_keepalives(driver)
    finally:
        engine.dispose()
    feed = PostgresChangeFeed(postgres_url)
    try:
        assert_keepalives(feed._conn)
    finally:
        feed.close()
