"""``hardkit doctor`` reports: an aligned table grouped by checklist section, or versioned JSON."""

from __future__ import annotations

import json

from hardkit.domain.doctor.verdicts import (
    CHECKLIST_URL,
    SECTION_TITLES,
    Result,
    Scorecard,
    Status,
)

DOCTOR_JSON_VERSION = 1
# check mark, ballot x, en dash
UNICODE_MARKS = {Status.PASSED: "\u2713", Status.FAILED: "\u2717", Status.NOT_APPLICABLE: "\u2013"}
ASCII_MARKS = {Status.PASSED: "ok", Status.FAILED: "no", Status.NOT_APPLICABLE: "--"}
_GREEN, _RED, _DIM, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
_COLOURS = {Status.PASSED: _GREEN, Status.FAILED: _RED, Status.NOT_APPLICABLE: _DIM}
_LEVEL_WIDTH = len("recommended")


def _summary(card: Scorecard) -> str:
    failed, required = card.count(Status.FAILED), len(card.required_failures)
    parts = [f"{card.count(Status.PASSED)} passed", f"{failed} failed ({required} required)"]
    skipped = card.count(Status.NOT_APPLICABLE)
    if skipped:
        parts.append(f"{skipped} not applicable")
    return ", ".join(parts)


def render_doctor_text(
    card: Scorecard, path: str, *, unicode: bool = True, color: bool = False
) -> str:
    marks = UNICODE_MARKS if unicode else ASCII_MARKS
    title_width = max(len(r.item.title) for r in card.results)
    indent = " " * (2 + len(marks[Status.PASSED]) + 1 + title_width + 2 + _LEVEL_WIDTH + 2)
    arrow = "→" if unicode else "->"
    lines = [
        _paint(f"hardkit doctor: {path}", _BOLD, on=color),
        f"against the hardening checklist: {CHECKLIST_URL}",
    ]
    for section, results in card.sections():
        lines.extend(("", _paint(f"{section} {SECTION_TITLES.get(section, '')}", _BOLD, on=color)))
        for result in results:
            mark = _paint(marks[result.status], _COLOURS[result.status], on=color)
            title = result.item.title.ljust(title_width)
            level = result.item.level.value.ljust(_LEVEL_WIDTH)
            lines.append(f"  {mark} {title}  {level}  {result.verdict.detail}")
            if result.status is Status.FAILED:
                lines.append(f"{indent}{arrow} {result.advice}")
                lines.append(f"{indent}{' ' * (len(arrow) + 1)}{result.item.docs_url}")
    lines.extend(("", _summary(card)))
    return "\n".join(lines) + "\n"


def _paint(text: str, code: str, *, on: bool) -> str:
    return f"{code}{text}{_RESET}" if on else text


def _item(result: Result) -> dict[str, str]:
    item = result.item
    return {
        "id": item.id,
        "section": item.section,
        "title": item.title,
        "level": item.level.value,
        "status": result.status.value,
        "detail": result.verdict.detail,
        "advice": result.advice,
        "docs": item.docs_url,
    }


def render_doctor_json(card: Scorecard, path: str) -> str:
    document = {
        "version": DOCTOR_JSON_VERSION,
        "path": path,
        "checklist": CHECKLIST_URL,
        "ok": card.ok,
        "summary": {
            "passed": card.count(Status.PASSED),
            "failed": card.count(Status.FAILED),
            "required_failed": len(card.required_failures),
            "not_applicable": card.count(Status.NOT_APPLICABLE),
        },
        "sections": {s: SECTION_TITLES.get(s, "") for s, _ in card.sections()},
        "items": [_item(r) for r in card.results],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
