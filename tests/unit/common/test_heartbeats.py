"""The pulse of loops beside the requests: what `/health/live` reads."""

from common import heartbeats


def test_a_loop_is_stale_once_it_has_not_beaten_for_the_bound(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(heartbeats.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(heartbeats, "_last", {})
    assert heartbeats.stale(30) == [], "a process that runs no loop is never stuck"
    heartbeats.beat("relay")
    now[0] += 29
    assert heartbeats.stale(30) == []
    now[0] += 1
    assert heartbeats.stale(30) == ["relay"]
    heartbeats.beat("relay")
    assert heartbeats.stale(30) == []
