"""A property-based run of the API against its own OpenAPI description (schemathesis).

Every operation gets generated requests (valid and invalid) as three roles; no request may
cause a server error, and every response must match the documented status codes, content
types and schemas.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from lotse.domain.codes import Role
from tests.web import Web

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
EXAMPLES = 12
# Revoking the token would end the run's own credentials; it is tested in test_auth.py.
SKIP = {("DELETE", "/api/v1/auth/token")}


@pytest.mark.parametrize(
    "role", [Role.OFFICER, Role.EMPLOYER_SERVICE, Role.ADMIN], ids=lambda r: r.value
)
def test_no_generated_request_makes_the_api_fail_or_break_its_contract(
    web: Web, role: Role
) -> None:
    auth = {"Authorization": web.api(role).headers["Authorization"]}
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", web.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25
    failures = []
    for operation in operations:
        if (operation.method.upper(), operation.path) in SKIP:
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            response = case.call(headers=auth)
            case.validate_response(response, checks=CHECKS, headers=auth)

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)
