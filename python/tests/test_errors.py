"""Every error class, with its fields, raised by real answers of the emulator."""
from __future__ import annotations

import builtins
import http.server
import pickle
import socket
import threading

import pytest

import ucs_sdk
from conftest import attached
from ucs_sdk import (
    ApiError,
    AuthError,
    Client,
    ConflictError,
    ConnectionError,
    DecodeError,
    InvalidArgumentError,
    NotFoundError,
    ThrottledError,
    TimeoutError,
    UcsError,
)

MISSING = "00000000-0000-0000-0000-000000000000"


def api_requests(emulator) -> list:
    return [e for e in emulator.control("GET", "log") if not e["path"].startswith("/_emulator")]


def test_not_found_carries_code_status_and_request_id(client):
    with pytest.raises(NotFoundError) as e:
        client.clusters.get(MISSING)
    err = e.value
    assert isinstance(err, ApiError) and isinstance(err, UcsError)
    assert (err.status_code, err.error_code) == (404, "UCS.01030001")
    assert err.error_msg
    assert err.request_id and err.request_id in str(err)


def test_throttled_after_the_retries(emulator):
    emulator.control("POST", "faults/next", [{"status": 429, "retry_after_secs": 0, "times": 3}])
    with Client(**emulator.options(max_retries=1)) as c:
        with pytest.raises(ThrottledError) as e:
            c.clusters.list()
    assert e.value.status_code == 429
    assert e.value.error_code == "UCS.01000002"
    # Two attempts were made, and one scripted 429 is left.
    assert len(emulator.control("GET", "faults/next")) == 1


def test_server_errors_are_retried(emulator):
    emulator.control("POST", "faults/next", [{"status": 503, "times": 2}])
    with Client(**emulator.options(max_retries=3)) as c:
        assert c.clusters.list()["total"] == 0


def test_conflict_on_a_taken_name(client):
    client.fleets.register({"metadata": {"name": "same"}})
    with pytest.raises(ApiError) as e:
        client.fleets.register({"metadata": {"name": "same"}})
    assert e.value.status_code in (400, 409)
    assert e.value.error_code
    if e.value.status_code == 409:
        assert isinstance(e.value, ConflictError)


def test_conflict_class(emulator):
    emulator.control("POST", "faults/next", [{"status": 409, "error_code": "UCS.01000009"}])
    with Client(**emulator.options(max_retries=0)) as c:
        with pytest.raises(ConflictError) as e:
            c.rules.list()
    assert e.value.error_code == "UCS.01000009"


def test_auth_error_on_a_wrong_secret(emulator):
    with Client(**emulator.options(sk="not-the-secret")) as c:
        with pytest.raises(AuthError) as e:
            c.clusters.list()
    assert e.value.status_code in (401, 403)
    assert e.value.error_code
    assert "not-the-secret" not in repr(e.value) + str(e.value)


def test_plain_api_error(emulator):
    emulator.control("POST", "faults/next", [{"status": 500}])
    with Client(**emulator.options(max_retries=0)) as c:
        with pytest.raises(ApiError) as e:
            c.clusters.list()
    assert type(e.value) is ApiError
    assert (e.value.status_code, e.value.error_code) == (500, "UCS.01000006")


def test_timeout(emulator):
    emulator.control("POST", "faults/next", [{"latency_ms": 600_000}])
    with Client(**emulator.options(timeout=0.2, max_retries=0)) as c:
        with pytest.raises(TimeoutError) as e:
            c.clusters.list()
    assert isinstance(e.value, UcsError)


def test_connection_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Client(endpoint=f"http://127.0.0.1:{port}", ak="a", sk="b", domain_id="d", max_retries=0) as c:
        with pytest.raises(ConnectionError):
            c.clusters.list()


def test_decode_error():
    # The emulator always answers JSON; a tiny server answering garbage plays the broken proxy.
    class Garbage(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Request-Id", "garbage-1")
            self.end_headers()
            self.wfile.write(b"<html>not json")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Garbage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with Client(endpoint=url, ak="a", sk="b", domain_id="d", max_retries=0) as c:
            with pytest.raises(DecodeError) as e:
                c.clusters.list()
        assert e.value.status_code == 200
        assert e.value.request_id == "garbage-1"
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    "call, field",
    [
        (lambda c: c.clusters.get("not-a-uuid"), "cluster_id"),
        (lambda c: c.clusters.list(limit=0), "limit"),
        (lambda c: c.rules.create({"metadata": {"name": ""}, "spec": {"type": "readonly"}}), "metadata.name"),
        (lambda c: c.rules.create({"metadata": {"name": 5}}), "metadata.name"),
        (lambda c: c.fleets.register({"metadata": {"name": "x"}, "spec": {"clusterIds": [object()]}}), "body.spec.clusterIds[0]"),
        (lambda c: c.clusters.register({**attached("x"), "spec": {**attached("x")["spec"], "city": "999999"}}), "spec.city"),
    ],
)
def test_bad_input_is_refused_before_sending(client, emulator, call, field):
    with pytest.raises(InvalidArgumentError) as e:
        call(client)
    assert isinstance(e.value, ValueError)
    assert e.value.field == field
    assert field in str(e.value)
    assert api_requests(emulator) == [], "a refused call reached the service"


def test_errors_pickle_with_their_fields(client):
    with pytest.raises(NotFoundError) as e:
        client.clusters.get(MISSING)
    copy = pickle.loads(pickle.dumps(e.value))
    assert type(copy) is NotFoundError
    assert (copy.status_code, copy.error_code, copy.request_id, str(copy)) == (
        e.value.status_code, e.value.error_code, e.value.request_id, str(e.value)
    )
    for cls in (TimeoutError, ConnectionError, InvalidArgumentError):
        made = cls("boom", field="f")
        again = pickle.loads(pickle.dumps(made))
        assert type(again) is cls and again.field == "f" and str(again) == "boom"


def test_the_hierarchy():
    assert issubclass(ucs_sdk.TimeoutError, builtins.TimeoutError)
    assert issubclass(ucs_sdk.ConnectionError, builtins.ConnectionError)
    assert issubclass(ucs_sdk.InvalidArgumentError, ValueError)
    for cls in (NotFoundError, ThrottledError, ConflictError, AuthError):
        assert issubclass(cls, ApiError)


def test_an_answer_over_max_response_bytes_is_a_decode_error(emulator):
    with Client(**emulator.options(), max_response_bytes=64) as small:
        small.fleets.register({"metadata": {"name": "capped"}})
        with pytest.raises(DecodeError) as e:
            small.fleets.list()
    assert "64" in str(e.value)
