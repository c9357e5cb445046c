"""The web core without a database: policy, guards, messages, templates, charts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import APIRouter, FastAPI

from lotse.access.policy import Policy, Rule, Scope, allow
from lotse.access.principal import Access
from lotse.api.features import discover
from lotse.api.routing import Guard, Public, verify_guards
from lotse.domain.codes import Role
from lotse.web.i18n import Catalogue, flatten
from lotse.web.templating import CORE_MESSAGES, CORE_TEMPLATES

SRC = Path(__file__).parents[2] / "src/lotse"


def _catalogue() -> Catalogue:
    catalogue = Catalogue()
    catalogue.load_dir(CORE_MESSAGES, owner="core")
    for feature in discover():
        if feature.messages is not None:
            catalogue.load_dir(feature.messages, owner=feature.name)
    return catalogue


def test_every_message_folder_has_the_same_keys_in_german_and_english() -> None:
    folders = [CORE_MESSAGES, *(f.messages for f in discover() if f.messages is not None)]
    assert len(folders) >= 8
    for folder in folders:
        de = flatten(json.loads((folder / "de.json").read_text(encoding="utf-8")))
        en = flatten(json.loads((folder / "en.json").read_text(encoding="utf-8")))
        assert set(de) == set(en), f"{folder}: {set(de) ^ set(en)}"
        assert all(v.strip() for v in [*de.values(), *en.values()]), folder


def test_every_literal_message_key_in_templates_and_features_exists() -> None:
    known = set(_catalogue().messages["de"])
    used: dict[str, Path] = {}
    pattern = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']\s*[,)]""")
    for path in [*SRC.rglob("*.html"), *SRC.rglob("feature.py")]:
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            used[key] = path
    for path in SRC.rglob("feature.py"):
        for key in re.findall(r'NavEntry\(\s*"([a-z0-9_.]+)"', path.read_text(encoding="utf-8")):
            used[key] = path
    assert len(used) > 100
    missing = {k: str(p) for k, p in used.items() if k not in known}
    assert not missing


def test_every_enum_value_shown_in_pages_has_a_label() -> None:
    from lotse.domain import codes
    from lotse.domain.cefr import CefrLevel
    from lotse.web.i18n import enum_key

    known = set(_catalogue().messages["en"])
    enums = [
        CefrLevel,
        *(
            v
            for v in vars(codes).values()
            if isinstance(v, type) and issubclass(v, codes.StrEnum) and v is not codes.StrEnum
        ),
    ]
    missing = [enum_key(m) for e in enums for m in e if enum_key(m) not in known]
    assert not missing


def test_a_key_defined_by_two_features_is_refused(tmp_path: Path) -> None:
    for loc in ("de", "en"):
        (tmp_path / f"{loc}.json").write_text('{"app": {"name": "X"}}', encoding="utf-8")
    catalogue = Catalogue()
    catalogue.load_dir(CORE_MESSAGES, owner="core")
    with pytest.raises(ValueError, match=r"app\.name"):
        catalogue.load_dir(tmp_path, owner="intruder")


def test_the_policy_refuses_a_rule_declared_twice() -> None:
    rules = [
        *allow("client", "read", {Role.OFFICER: Scope.OWN}),
        Rule("client", "read", Role.OFFICER, Scope.ALL),
    ]
    with pytest.raises(ValueError, match="officer client:read"):
        Policy(rules)


def test_the_policy_denies_what_no_rule_allows() -> None:
    policy = Policy(allow("vacancy", "read", [Role.EMPLOYER_SERVICE]))
    assert policy.scope(Role.EMPLOYER_SERVICE, "vacancy", "read") is Scope.ALL
    assert policy.scope(Role.OFFICER, "vacancy", "read") is None
    assert policy.scope(Role.EMPLOYER_SERVICE, "vacancy", "update") is None


def test_an_app_with_an_unguarded_route_does_not_start() -> None:
    router = APIRouter()

    @router.get("/forgotten")
    def forgotten() -> str:
        return "no check here"

    @router.get("/guarded")
    def guarded(access: Annotated[Access, Guard("vacancy", "read")]) -> str:
        return "checked"

    @router.get("/open", dependencies=[Public()])
    def open_route() -> str:
        return "public"

    app = FastAPI()
    app.include_router(router)
    with pytest.raises(RuntimeError, match=r"GET /forgotten: 0 guards"):
        verify_guards(app.routes, Policy(allow("vacancy", "read", [Role.OFFICER])))


def test_a_guard_naming_an_unknown_resource_is_a_start_up_error() -> None:
    app = FastAPI()

    @app.get("/typo")
    def typo(access: Annotated[Access, Guard("vacancie", "read")]) -> str:
        return ""

    with pytest.raises(RuntimeError, match="no policy rule mentions"):
        verify_guards(app.routes, Policy(allow("vacancy", "read", [Role.OFFICER])))


def test_templates_have_a_skip_link_landmarks_and_a_language() -> None:
    base = (CORE_TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert '<html lang="{{ locale }}">' in base
    assert 'class="skip-link" href="#main"' in base
    assert '<main id="main"' in base
    assert "<nav" in base
    assert "<header" in base
    assert "<footer" in base
    assert "cdn" not in base.lower()
    assert "https://" not in base


def test_a_chart_has_one_bar_per_positive_value_and_an_accessible_name() -> None:
    from lotse.web.charts import bar_chart

    svg = bar_chart(
        ["Jan", "Feb", "Mär"],
        {"A": [2, 0, 4], "B": [1, 1, 0]},
        title="Starts",
        description="Zwei Reihen",
    )
    bars = re.findall(r"<rect [^>]*><title>", svg)
    assert len(bars) == 4  # values 2, 4, 1, 1 (zeros draw nothing)
    assert 'role="img"' in svg
    assert "<title id=" in svg
    assert "Zwei Reihen" in svg
    assert "<script" not in svg
