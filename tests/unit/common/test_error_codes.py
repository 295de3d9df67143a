"""Every error code the API answers with is in one table with its status, every refusal a
feature raises has a code there, and docs/api.md lists exactly that table."""

import re
from pathlib import Path

from common.api.errors import _DRF_CODES, DOMAIN_ERRORS, STATUS_OF, status_and_code
from common.auth.tokens import TokenError, TokenExpired
from common.errors import DomainError

API_MD = Path(__file__).resolve().parents[3] / "docs" / "api.md"


def _documented() -> dict[str, int]:
    errors = API_MD.read_text().split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]
    return {
        code: int(status) for status, code in re.findall(r"^\| (\d{3}) \| `(\w+)` \|", errors, re.M)
    }


def test_docs_list_every_code_with_its_status_and_no_other():
    assert _documented() == STATUS_OF


def test_every_refusal_of_a_feature_has_a_code():
    def subclasses(kind):
        for sub in kind.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for refusal in subclasses(DomainError):
        status, code = status_and_code(refusal())
        assert STATUS_OF[code] == status


def test_codes_raised_outside_the_features_are_in_the_table_too():
    assert {code for code, _ in _DRF_CODES.values()} <= set(STATUS_OF)
    assert {TokenError.code, TokenExpired.code} <= set(STATUS_OF)
    assert set(DOMAIN_ERRORS.values()) <= set(STATUS_OF)
