"""Items, verdicts and the scorecard they add up to."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from hardkit.domain.doctor.facts import RepoFacts

DOCS_BASE = "https://github.com/hardkit/hardkit/blob/main/docs/doctor.md"
# What each section asks and why, in hardkit's words (the A.1-A.6 the scorecard follows).
CHECKLIST_URL = "https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"

SECTION_TITLES: dict[str, str] = {
    "A.1": "Project layout",
    "A.2": "Tooling stack",
    "A.3": "The make check target",
    "A.4": "CI matrix",
    "A.6": "Deployment hardening",
}


class Status(str, enum.Enum):
    PASSED = "pass"
    FAILED = "fail"
    NOT_APPLICABLE = "not-applicable"


class Level(str, enum.Enum):
    REQUIRED = "required"
    RECOMMENDED = "recommended"


@dataclass(frozen=True)
class Verdict:
    """One item's judgement: ``detail`` says what was found or what is missing."""

    status: Status
    detail: str
    advice: str | None = None  # replaces the item's advice when the case needs its own


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def passed(detail: str) -> Verdict:
    return Verdict(Status.PASSED, detail)


def failed(detail: str, advice: str | None = None) -> Verdict:
    return Verdict(Status.FAILED, detail, advice)


def not_applicable(detail: str) -> Verdict:
    return Verdict(Status.NOT_APPLICABLE, detail)


@dataclass(frozen=True)
class Item:
    """One line of the scorecard. ``id`` is also the anchor of its section in the docs."""

    id: str
    section: str
    title: str
    level: Level
    advice: str
    judge: Callable[[RepoFacts], Verdict]

    @property
    def docs_url(self) -> str:
        return f"{DOCS_BASE}#{self.id}"


@dataclass(frozen=True)
class Result:
    item: Item
    verdict: Verdict

    @property
    def status(self) -> Status:
        return self.verdict.status

    @property
    def advice(self) -> str:
        return self.verdict.advice or self.item.advice

    @property
    def blocking(self) -> bool:
        return self.status is Status.FAILED and self.item.level is Level.REQUIRED


@dataclass(frozen=True)
class Scorecard:
    results: tuple[Result, ...]

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def required_failures(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.blocking)

    @property
    def ok(self) -> bool:
        """Whether every required item passes (or does not apply)."""
        return not self.required_failures

    def sections(self) -> tuple[tuple[str, tuple[Result, ...]], ...]:
        order = tuple(dict.fromkeys(r.item.section for r in self.results))
        return tuple((s, tuple(r for r in self.results if r.item.section == s)) for s in order)


def evaluate(items: tuple[Item, ...], facts: RepoFacts) -> Scorecard:
    return Scorecard(tuple(Result(item, item.judge(facts)) for item in items))
