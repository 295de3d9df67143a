"""compose/monolith.yaml: the app and its PostgreSQL pass the behavioural suite."""

import requests

from tests.support.through_origin import run_behaviour_suite


def test_behaviour_suite_passes_at_its_origin(monolith_stack, tmp_path):
    status, output = run_behaviour_suite(
        monolith_stack.base_url, monolith_stack.token_key, tmp_path / "behaviour.log"
    )
    assert status == 0, output


def test_the_app_runs_as_a_user_without_privileges(monolith_stack):
    result = monolith_stack.exec("app", "id", "-u")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() not in ("", "0")


def test_the_web_client_is_served_at_the_origin(monolith_stack):
    page = requests.get(f"{monolith_stack.base_url}/", timeout=10)
    assert page.status_code == 200
    assert "<title>Tandem</title>" in page.text
    assert requests.get(f"{monolith_stack.base_url}/client-config.json").json() == {"routes": []}
