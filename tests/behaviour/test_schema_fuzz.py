"""Schemathesis, with all its checks, against the schema the target serves: every request the
schema allows is answered as the schema says, and every request it refuses gets a 4xx.

Requests go where the target routes them (the split build run as processes has an origin per
service), so the same test runs against every build and deployment.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings


@pytest.fixture(scope="session")
def served_schema(api):
    response = api.get("/schema", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert response.status_code == 200
    return schemathesis.openapi.from_dict(response.json())


schema = schemathesis.pytest.from_fixture("served_schema")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_does_what_its_schema_says(case, target, alice):
    base_url = target.url_for(case.method, case.formatted_path).removesuffix(case.formatted_path)
    case.call_and_validate(base_url=base_url, headers=alice.auth, timeout=10)
