"""A set of file edits planned in memory, then shown as a diff or written all at once.

``hardkit init`` and ``sync`` edit several files; a problem in any of them (a file that
does not parse) must leave all of them untouched, so nothing is written until the whole
plan is known.
"""

from __future__ import annotations

from pathlib import Path

from hardkit.adapters.source import DecodeError, SourceText, decode_text


class Unreadable(Exception):
    """A file the plan needs cannot be read as text."""


class Draft:
    """One file: how it was (None: absent), how it will be, and what changed."""

    def __init__(self, path: Path, name: str, before: SourceText | None) -> None:
        self.path = path
        self.name = name
        self.before = before
        self.text = before.text if before is not None else ""
        self.summaries: list[str] = []

    @property
    def changed(self) -> bool:
        return self.before is None or self.text != self.before.text

    def encoded(self) -> bytes:
        source = self.before or SourceText(self.text, "utf-8")
        return source.encode(self.text)


class FilePlan:
    """Edits to files of the directory ``root``, by name relative to it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._drafts: dict[str, Draft] = {}
        self.notes: list[str] = []
        self.conflicts: list[str] = []
        self.errors: list[str] = []

    def exists(self, name: str) -> bool:
        """Whether the file exists, or will once the plan is applied."""
        draft = self._drafts.get(name)
        if draft is None:
            return (self.root / name).is_file()
        return draft.before is not None or bool(draft.summaries)

    def read(self, name: str) -> str | None:
        """The file's text as planned so far; None when it does not exist."""
        draft = self._draft(name)
        return draft.text if draft.before is not None or draft.summaries else None

    def write(self, name: str, text: str, summary: str) -> None:
        draft = self._draft(name)
        draft.text = text
        draft.summaries.append(summary)

    def _draft(self, name: str) -> Draft:
        if name not in self._drafts:
            path = self.root / name
            before = None
            if path.is_file():
                try:
                    before = decode_text(path.read_bytes())
                except (OSError, DecodeError) as exc:
                    raise Unreadable(f"{name}: cannot read it: {exc}") from None
            self._drafts[name] = Draft(path, name, before)
        return self._drafts[name]

    @property
    def changes(self) -> list[Draft]:
        return [d for d in self._drafts.values() if d.summaries and d.changed]

    def diff(self) -> str:
        import difflib

        parts: list[str] = []
        for draft in self.changes:
            old = draft.before.text if draft.before is not None else ""
            parts.extend(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    draft.text.splitlines(keepends=True),
                    fromfile=f"a/{draft.name}" if draft.before is not None else "/dev/null",
                    tofile=f"b/{draft.name}",
                )
            )
        return "".join(parts)

    def apply(self) -> None:
        """Write every changed file (atomically, keeping encoding, BOM and mode)."""
        from hardkit.adapters.files import write_atomic

        for draft in self.changes:
            write_atomic(draft.path, draft.encoded())
