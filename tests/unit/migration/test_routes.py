"""`python -m migration route`: the gateway's table changed in one piece, or not at all."""

import pytest

from migration import routes
from migration.__main__ import main

TABLE = """\
# Where each service goes.
users     monolith;
posts     monolith;
comments  monolith;
query     monolith;
"""


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "routes.conf"
    path.write_text(TABLE)
    return path


def test_a_flip_changes_one_line_keeps_the_comments_and_reloads(table):
    took = routes.flip(table, "query", "query:8000", reload="true")
    assert took >= 0
    assert routes.read(table) == {
        "users": "monolith",
        "posts": "monolith",
        "comments": "monolith",
        "query": "query:8000",
    }
    assert table.read_text().startswith("# Where each service goes.\n")


def test_a_flip_back_may_name_where_another_service_goes(table):
    routes.flip(table, "query", "query:8000", reload="true")
    routes.flip(table, "query", "monolith", reload="true")
    assert routes.read(table)["query"] == "monolith"


@pytest.mark.parametrize(
    ("service", "address"),
    [
        ("admin", "query:8000"),
        ("query", "nowhere"),
        ("query", "query:8000; return 200"),
        ("query", "query:80000000"),
    ],
)
def test_what_the_table_cannot_take_changes_nothing(table, service, address):
    with pytest.raises(routes.RouteError):
        routes.flip(table, service, address, reload="true")
    assert table.read_text() == TABLE


@pytest.mark.parametrize("reload", ["false", "no-such-command-here -s reload"])
def test_a_gateway_that_does_not_reload_leaves_the_table_as_it_was(table, reload):
    with pytest.raises(routes.RouteError, match="did not reload"):
        routes.flip(table, "query", "query:8000", reload=reload)
    assert table.read_text() == TABLE


def test_a_reload_that_hangs_is_refused_in_time(table, monkeypatch):
    monkeypatch.setattr(routes, "RELOAD_SECONDS", 0.5)
    with pytest.raises(routes.RouteError, match="timed out"):
        routes.flip(table, "query", "query:8000", reload="sleep 30")
    assert table.read_text() == TABLE


def test_the_command_says_what_it_did_and_refuses_with_status_2(table, capsys):
    assert main(["route", "query", "query:8000", "--table", str(table), "--reload", "true"]) == 0
    assert "query -> query:8000" in capsys.readouterr().out
    assert main(["route", "query", "bad", "--table", str(table), "--reload", "true"]) == 2
    assert "host:port" in capsys.readouterr().err
    assert main(["routes", "--table", str(table)]) == 0
    assert "query:8000" in capsys.readouterr().out


def test_ready_without_metrics_to_read_says_not_ready(capsys):
    closed = "http://127.0.0.1:9"
    assert main(["ready", "--publisher", closed, "--consumer", closed]) == 1
    assert "not ready" in capsys.readouterr().out
