"""``path:line:col: CODE [*] message`` lines, then a summary (ruff's layout).

A file name or a message may hold any character a repository chose (a newline, an
escape sequence that erases a terminal line): what is not printable is shown escaped
(``\\n``, ``\\x1b``), so every finding stays one visible line.
"""

from __future__ import annotations

from hardkit.adapters.reporters import ReportView, statistics

_BOLD, _RED, _CYAN, _GREEN, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[36m", "\x1b[32m", "\x1b[0m"


def _paint(text: str, *codes: str, on: bool) -> str:
    return f"{''.join(codes)}{text}{_RESET}" if on else text


def _shown(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def render_text(view: ReportView) -> str:
    on = view.color
    lines: list[str] = []
    if view.statistics:
        lines.extend(_statistics(view))
    else:
        for f in view.findings:
            where = _paint(f"{_shown(f.path)}:{f.line}:{f.column}:", _BOLD, on=on)
            marker = " " + _paint("[*]", _CYAN, on=on) if f.fixable else ""
            code = _paint(f.code, _BOLD, _RED, on=on)
            lines.append(f"{where} {code}{marker} {_shown(f.message)}")
    lines.extend(
        f"{_paint(_shown(e.path) + ':', _BOLD, on=on)} {_paint('error:', _RED, on=on)} "
        f"{_shown(e.message)}"
        for e in view.errors
    )
    if not view.quiet:
        lines.extend(_summary(view))
    return "\n".join(lines) + "\n" if lines else ""


def _statistics(view: ReportView) -> list[str]:
    counted = statistics(view)
    width = max((len(str(s.total)) for s in counted), default=1)
    return [
        f"{s.total:>{width}}\t{s.code}\t{'[*]' if s.fixable else '[ ]'} {s.name}" for s in counted
    ]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(view: ReportView) -> list[str]:
    total = len(view.findings)
    out: list[str] = []
    if view.fix_mode and view.fixes_applied:
        out.append(
            f"Found {_plural(total + view.fixes_applied, 'error')} "
            f"({view.fixes_applied} fixed, {total} remaining)."
        )
    elif total:
        out.append(f"Found {_plural(total, 'error')}.")
    elif not view.errors:
        out.append(_paint("All checks passed!", _GREEN, on=view.color))
    fixable = sum(1 for f in view.findings if f.fixable)
    if fixable and not view.fix_mode:
        out.append(f"[*] {fixable} fixable with the `--fix` option.")
    if view.errors:
        out.append(f"{_plural(len(view.errors), 'file')} could not be checked.")
    if view.baseline_hidden:
        out.append(f"{_plural(view.baseline_hidden, 'finding')} hidden by the baseline.")
    if view.baseline_stale == 1:
        out.append("1 baseline entry no longer matches; --write-baseline prunes it.")
    elif view.baseline_stale:
        out.append(
            f"{view.baseline_stale} baseline entries no longer match; --write-baseline prunes them."
        )
    return out
