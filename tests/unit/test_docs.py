"""The docs stay true to the code: every file they name exists, every relative link leads
somewhere, and docs/events.md describes each event as the contract defines it."""

import json
import re
from pathlib import Path

import pytest

from common.events.contract import ROUTES, TYPES
from common.events.documents import documents
from common.settings import SPECTACULAR_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(
    [
        ROOT / "README.md",
        *ROOT.glob("docs/**/*.md"),
        *ROOT.glob("*/README.md"),
        *ROOT.glob("microservices/*/README.md"),
    ]
)
NAMED_PATH = re.compile(
    r"`((?:common|monolith|microservices|tests|bench|compose|docs|client|k8s)/[\w./-]*)`"
)
#: Named in the docs on purpose, never committed (secrets, build output).
NOT_COMMITTED = {"compose/.env", "client/dist"}
LINK = re.compile(r"\]\((?!https?://|#)([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_a_page_names_exists(page):
    named = set(NAMED_PATH.findall(page.read_text())) - NOT_COMMITTED
    missing = [name for name in sorted(named) if not (ROOT / name).exists()]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_somewhere(page):
    broken = [link for link in LINK.findall(page.read_text()) if not (page.parent / link).exists()]
    assert broken == []


@pytest.mark.parametrize("name", sorted(TYPES))
def test_events_md_describes_each_event_as_the_contract_does(name):
    payload = TYPES[name]
    text = (ROOT / "docs" / "events.md").read_text()
    section = re.search(rf"### {name} v(\d+)\n(.*?)(?=\n### |\n## )", text, re.S)
    assert section, f"docs/events.md has no section for {name}"
    version, body = int(section.group(1)), section.group(2)
    assert version == payload.VERSION
    assert re.search(rf"\*\*producer\*\* {payload.PRODUCER}\b", body)
    consumers = re.search(r"\*\*consumers\*\* (.*)", body).group(1)
    assert {c for c in ROUTES[payload] if c in consumers} == set(ROUTES[payload])
    if "as in CommentCreated" not in body:
        assert all(f"`{field}`" in body for field in payload.model_fields)


def test_the_contract_files_are_written_from_the_payload_classes():
    stale = [
        name
        for name, text in documents(SPECTACULAR_SETTINGS["VERSION"]).items()
        if not (ROOT / "docs" / "contract" / name).is_file()
        or (ROOT / "docs" / "contract" / name).read_text() != text
    ]
    assert stale == [], "run: python -m common.events.documents docs/contract"


def test_the_asyncapi_document_names_every_event_and_every_queue_that_carries_it():
    document = json.loads((ROOT / "docs" / "contract" / "asyncapi.json").read_text())
    assert set(document["components"]["messages"]) == set(TYPES)
    for payload, services in ROUTES.items():
        for service in services:
            assert payload.TYPE in document["channels"][service]["messages"]
        reference = document["components"]["messages"][payload.TYPE]["payload"]["$ref"]
        assert (ROOT / "docs" / "contract" / reference).is_file()
