"""The served OpenAPI schema documents every path, and real responses match it."""

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


@pytest.fixture(scope="module")
def schema(api) -> dict:
    response = api.get("/schema", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert response.status_code == 200
    return response.json()


def _validate(schema: dict, path: str, method: str, response) -> None:
    """Checks a response body against the schema the operation declares for its status."""
    assert str(response.status_code) in schema["paths"][path][method]["responses"]
    pointer = "/".join(
        part.replace("~", "~0").replace("/", "~1")
        for part in ["paths", path, method, "responses", str(response.status_code)]
    )
    body_schema = {"$ref": f"urn:tandem:openapi#/{pointer}/content/application~1json/schema"}
    registry = Registry().with_resource(
        "urn:tandem:openapi", Resource(schema, specification=DRAFT202012)
    )
    Draft202012Validator(body_schema, registry=registry).validate(response.json())


def test_the_schema_lists_the_contract(schema):
    assert schema["openapi"].startswith("3.1")
    assert set(schema["paths"]) >= {
        "/posts",
        "/posts/{post_id}/comments",
        "/users/signup",
        "/users/signin",
    }
    assert set(schema["paths"]["/posts"]) >= {"get", "post"}


def test_responses_match_the_schema(api, schema, alice, bob):
    created = api.post("/posts", json={"title": "schema"}, headers=alice.auth)
    _validate(schema, "/posts", "post", created)
    post_id = created.json()["id"]
    api.wait_for_post(post_id)
    comment = api.post(f"/posts/{post_id}/comments", json={"content": "ok"}, headers=bob.auth)
    assert comment.status_code == 201
    _validate(schema, "/posts/{post_id}/comments", "post", comment)
    _validate(schema, "/posts", "get", api.get("/posts", params={"page_size": 100}))
    _validate(schema, "/posts/{post_id}/comments", "get", api.get(f"/posts/{post_id}/comments"))
    _validate(schema, "/users/signin", "post", api.sign_in(alice.username, alice.password))
    _validate(schema, "/posts", "post", api.post("/posts", json={"title": ""}, headers=alice.auth))
    _validate(schema, "/posts", "post", api.post("/posts", json={"title": "x"}))
    _validate(schema, "/posts/{post_id}/comments", "get", api.get("/posts/987654321/comments"))
