"""The dashboard's guards (issue 14): security headers on every response, 500s included;
loopback is all of 127.0.0.0/8 and ::1; with --allow-remote the Host check keeps an explicit
list; event ids holding "/" open."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from yaqut import cli
from yaqut.dashboard import create_app
from yaqut.dashboard.app import SECURITY_HEADERS, allowed_hosts_for, is_loopback
from yaqut.errors import UsageError
from yaqut.records import Event
from yaqut.store import Store


def test_every_response_carries_the_security_headers_even_a_500(store_path, monkeypatch):
    app = create_app(store_path)
    client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(app.state.data, "facets", broken)
    responses = [
        client.get("/api/facets"),  # 500
        client.get("/"),  # 500, as an HTML page
        client.get("/event/no-such-event"),  # 404
        client.get("/api/events", params={"limit": "many"}),  # 400
        client.get("/healthz", headers={"Host": "evil.example"}),  # 400 from the Host guard
        client.get("/healthz"),  # 200
    ]
    assert [r.status_code for r in responses] == [500, 500, 404, 400, 400, 200]
    for r in responses:
        for name, value in SECURITY_HEADERS.items():
            assert r.headers.get(name) == value, (r.status_code, name)
    assert "a bug" not in responses[0].text


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "127.255.0.9", "localhost",
                                  "::1", "[::1]", "::ffff:127.0.0.1"])
def test_all_of_127_0_0_0_8_and_ipv6_loopback_are_loopback(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.1", "128.0.0.1", "::", "example.org",
                                  "localhost.example.org"])
def test_other_addresses_are_not_loopback(host):
    assert not is_loopback(host)


def test_the_host_check_is_never_off():
    assert "127.0.0.2" in allowed_hosts_for("127.0.0.2")
    remote = allowed_hosts_for("0.0.0.0", True, ["events.example.org"])
    assert "*" not in remote and "events.example.org" in remote and "0.0.0.0" not in remote
    assert "192.0.2.7" in allowed_hosts_for("192.0.2.7", True)
    with pytest.raises(UsageError):
        allowed_hosts_for("192.0.2.7")
    with pytest.raises(UsageError):
        allowed_hosts_for("127.0.0.1", False, ["events.example.org"])


def test_a_remote_dashboard_refuses_hosts_not_listed(store_path):
    app = create_app(store_path, allowed_hosts=allowed_hosts_for("0.0.0.0", True,
                                                                 ["events.example.org"]))
    client = TestClient(app, base_url="http://events.example.org")
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz", headers={"Host": "rebound.example"}).status_code == 400


@pytest.fixture
def fake_uvicorn(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_serve_on_127_0_0_2_is_local_and_remote_lists_its_hosts(store_path, fake_uvicorn):
    local = CliRunner().invoke(cli.main, ["serve", "--db", str(store_path), "--host",
                                          "127.0.0.2"])
    assert local.exit_code == 0, local.output
    assert "warning" not in local.stderr and fake_uvicorn[0][1]["host"] == "127.0.0.2"
    remote = CliRunner().invoke(cli.main, [
        "serve", "--db", str(store_path), "--host", "0.0.0.0", "--allow-remote",
        "--allowed-host", "events.example.org"])
    assert remote.exit_code == 0 and "events.example.org" in remote.stderr


def test_an_event_id_with_a_slash_opens(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.import_events([Event(event_id="SYR/2023/7", doc_ids=(), notes="n")])
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    assert client.get("/event/SYR%2F2023%2F7").status_code == 200
    assert client.get("/api/event/SYR%2F2023%2F7").json()["event_id"] == "SYR/2023/7"
