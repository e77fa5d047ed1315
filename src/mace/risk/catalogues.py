"""Reading and checking a risk tool catalogue (YAML), with errors that give line numbers."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mace.risk.models.assessment import GRADE_RANK, LEVEL_RANK

BUNDLED = Path(__file__).resolve().parent / "catalogue" / "default.yaml"
RULE_KINDS = (
    "any_indicator_at_least",
    "indicators_at_least",
    "domains_at_least",
    "indicator_at_least",
)
PROMPT_CONDITIONS = ("age_under", "learning_disability", "indicator_at_least")
CODE_RE = re.compile(r"^[a-z][a-z0-9_.]*$")


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class CatalogueError(ValueError):
    """The catalogue cannot be used; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _line_map(node, path=(), lines=None) -> dict[tuple, int]:
    """Map each path in the document (keys and list indexes) to its 1-based line."""
    lines = {} if lines is None else lines
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines)
    return lines


class _Checker:
    def __init__(self, lines: dict[tuple, int]):
        self.lines = lines
        self.problems: list[Problem] = []

    def fail(self, path: tuple, message: str) -> None:
        while path and path not in self.lines:
            path = path[:-1]
        self.problems.append(Problem(self.lines.get(path), message))

    def mapping(self, value, path, required, optional=()) -> bool:
        where = "/".join(str(p) for p in path) or "the document"
        if not isinstance(value, dict):
            self.fail(path, f"{where} must be a mapping of keys to values")
            return False
        for key in required:
            if key not in value:
                self.fail(path, f"{where} is missing '{key}'")
        for key in value:
            if key not in (*required, *optional):
                allowed = ", ".join((*required, *optional))
                self.fail((*path, key), f"unknown key '{key}' in {where} (allowed: {allowed})")
        return True

    def text(self, value, path, what) -> None:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{what} must be some text")

    def grade(self, value, path) -> None:
        if value not in GRADE_RANK:
            self.fail(path, f"'{value}' is not a grade (use one of {', '.join(GRADE_RANK)})")

    def count(self, value, path) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.fail(path, "count must be a whole number of 1 or more")


def _check(data, checker: _Checker) -> None:
    if not checker.mapping(
        data, (), ["version", "title", "domains", "rules"], ["description", "prompts"]
    ):
        return
    if not isinstance(data.get("version"), str) or not data.get("version", "").strip():
        checker.fail(("version",), 'version must be text in quotes, for example "2026.2"')
    checker.text(data.get("title"), ("title",), "title")

    indicators: set[str] = set()
    domain_codes: set[str] = set()
    domains = data.get("domains")
    if not isinstance(domains, list) or not domains:
        checker.fail(("domains",), "domains must be a list with at least one domain")
        domains = []
    for d_index, domain in enumerate(domains):
        path = ("domains", d_index)
        if not checker.mapping(domain, path, ["code", "title", "indicators"], ["description"]):
            continue
        code = domain.get("code")
        if not isinstance(code, str) or not CODE_RE.match(code):
            checker.fail(
                (*path, "code"),
                f"domain code '{code}' must be lower case letters, digits, dots or underscores",
            )
        elif code in domain_codes:
            checker.fail((*path, "code"), f"domain code '{code}' is used twice")
        domain_codes.add(code)
        checker.text(domain.get("title"), (*path, "title"), "a domain's title")
        items = domain.get("indicators")
        if not isinstance(items, list) or not items:
            checker.fail((*path, "indicators"), f"domain '{code}' needs at least one indicator")
            continue
        for i_index, indicator in enumerate(items):
            i_path = (*path, "indicators", i_index)
            if not checker.mapping(indicator, i_path, ["code", "text"], ["guidance"]):
                continue
            i_code = indicator.get("code")
            if not isinstance(i_code, str) or not CODE_RE.match(i_code):
                checker.fail((*i_path, "code"), f"indicator code '{i_code}' is not valid")
            elif i_code in indicators:
                checker.fail((*i_path, "code"), f"indicator code '{i_code}' is used twice")
            indicators.add(i_code)
            checker.text(indicator.get("text"), (*i_path, "text"), "an indicator's text")

    def check_indicator_ref(spec, path):
        if checker.mapping(spec, path, ["indicator", "grade"]):
            if spec.get("indicator") not in indicators:
                checker.fail((*path, "indicator"), f"no indicator '{spec.get('indicator')}'")
            checker.grade(spec.get("grade"), (*path, "grade"))

    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        checker.fail(("rules",), "rules must be a list with at least one rule")
        rules = []
    for r_index, rule in enumerate(rules):
        path = ("rules", r_index)
        if not checker.mapping(rule, path, ["level"], ["description", *RULE_KINDS]):
            continue
        if rule.get("level") not in LEVEL_RANK:
            checker.fail(
                (*path, "level"),
                f"'{rule.get('level')}' is not a level (use one of {', '.join(LEVEL_RANK)})",
            )
        kinds = [k for k in RULE_KINDS if k in rule]
        if len(kinds) != 1:
            checker.fail(path, f"a rule needs exactly one condition ({', '.join(RULE_KINDS)})")
            continue
        kind = kinds[0]
        spec = rule[kind]
        if kind == "any_indicator_at_least":
            checker.grade(spec, (*path, kind))
        elif kind in ("indicators_at_least", "domains_at_least"):
            if checker.mapping(spec, (*path, kind), ["grade", "count"]):
                checker.grade(spec.get("grade"), (*path, kind, "grade"))
                checker.count(spec.get("count"), (*path, kind, "count"))
        else:
            check_indicator_ref(spec, (*path, kind))

    prompts = data.get("prompts", [])
    if not isinstance(prompts, list):
        checker.fail(("prompts",), "prompts must be a list")
        prompts = []
    for p_index, prompt in enumerate(prompts):
        path = ("prompts", p_index)
        if not checker.mapping(prompt, path, ["code", "when", "text"]):
            continue
        checker.text(prompt.get("text"), (*path, "text"), "a prompt's text")
        when = prompt.get("when")
        if not checker.mapping(when, (*path, "when"), [], PROMPT_CONDITIONS):
            continue
        if not when:
            checker.fail((*path, "when"), "a prompt needs at least one condition")
        if "age_under" in when:
            checker.count(when["age_under"], (*path, "when", "age_under"))
        if "learning_disability" in when and not isinstance(when["learning_disability"], bool):
            checker.fail((*path, "when", "learning_disability"), "use true or false")
        if "indicator_at_least" in when:
            check_indicator_ref(when["indicator_at_least"], (*path, "when", "indicator_at_least"))


def parse_catalogue(text: str) -> dict:
    """Parse and check a catalogue; raise CatalogueError listing every problem found."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise CatalogueError([Problem(line, f"not valid YAML: {exc.problem}")]) from None
    if node is None:
        raise CatalogueError([Problem(None, "the file is empty")])
    checker = _Checker(_line_map(node))
    _check(data, checker)
    if checker.problems:
        raise CatalogueError(checker.problems)
    return data


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def load_bundled_catalogue_after_migrate(sender, using="default", **kwargs) -> None:
    """After migrate: load the bundled catalogue if its version is not stored yet."""
    from django.db import connections

    from mace.risk.services.catalogue import catalogue_load

    if "risk_catalogue" not in connections[using].introspection.table_names():
        return  # migrated only part of the way
    catalogue_load(actor=None, text=BUNDLED.read_text(), activate_if_none=True, if_present="skip")
