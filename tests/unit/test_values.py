"""``hardkit.domain.values.NamedTuple`` builds what ``typing.NamedTuple`` builds, and a
hook checking one clean file never calls ``compile()`` (the first call of a process
sets up all of CPython's AST types: ~8% of the run)."""

from __future__ import annotations

import pickle
import types
import typing
from pathlib import Path

import pytest

from hardkit.domain.findings import Finding, Fix
from hardkit.domain.values import NamedTuple
from tests.helpers import run_probe, write


class Point(NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str | None = None

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)


class TypedPoint(typing.NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str | None = None


def test_the_class_behaves_as_typing_builds_it() -> None:
    point, typed = Point(1, 2), TypedPoint(1, 2)
    assert tuple(point) == tuple(typed) == (1, 2, None)
    assert point._fields == typed._fields
    assert point._field_defaults == typed._field_defaults
    assert Point.__doc__ == TypedPoint.__doc__ == "A point."
    assert Point.__match_args__ == TypedPoint.__match_args__
    assert repr(point) == "Point(x=1, y=2, label=None)"
    assert point == (1, 2, None)
    assert hash(point) == hash((1, 2, None))
    assert point.norm == 3
    assert point.moved(2) == Point(3, 2)
    assert Point._make([4, 5, "a"])._asdict() == {"x": 4, "y": 5, "label": "a"}
    assert Point(1) == Point(1, 0, None)
    assert Point.__module__ == __name__
    assert Point.__qualname__ == "Point"
    assert list(Point.__annotations__) == ["x", "y", "label"]
    assert issubclass(Point, tuple)
    with pytest.raises(AttributeError):
        point.x = 3  # type: ignore[misc]


def test_instances_pickle_like_the_engines_values() -> None:
    """Worker processes send findings back pickled."""
    finding = Finding("HK101", "a.py", 1, 1, 1, 7, "message", Fix(()), 1)
    assert pickle.loads(pickle.dumps(finding)) == finding
    assert pickle.loads(pickle.dumps(Point(1, 2))) == Point(1, 2)


def test_it_refuses_what_typing_refuses() -> None:
    with pytest.raises(TypeError, match="Non-default namedtuple field follows default"):

        class Bad(NamedTuple):
            a: int = 0
            b: int  # type: ignore[misc]

    with pytest.raises(AttributeError, match="Cannot overwrite NamedTuple attribute _replace"):

        class Worse(NamedTuple):
            a: int

            def _replace(self) -> None:  # type: ignore[override]
                pass


_PROBE = """
import builtins, sys
calls = []
real = builtins.compile
def spy(source, *args, **kwargs):
    if isinstance(source, str):  # typing.ForwardRef; the importer compiles bytes
        calls.append(source)
    return real(source, *args, **kwargs)
builtins.compile = spy
from hardkit.entrypoints.cli import main
code = main(["check", "--no-cache", *sys.argv[1:]])
print("typing" in sys.modules, "argparse" in sys.modules, code, calls)
"""

_SLIM = "python:3.13-slim@sha256:" + "ab" * 32
_CLEAN = {
    "clean.py": "def area(w, h):\n    return w * h\n",
    # the Dockerfile and config rules' modules (and their file types) load here too
    "Dockerfile": f'FROM {_SLIM}\nENV PYTHONFAULTHANDLER=1\nUSER app\nCMD ["python", "app.py"]\n',
    "pyrightconfig.json": "{}\n",
}


@pytest.mark.parametrize("name", sorted(_CLEAN))
def test_a_clean_file_check_never_compiles_nor_imports_typing(tmp_path: Path, name: str) -> None:
    """Nor argparse: the hook's command line is read without it (``quick_args``)."""
    write(tmp_path, {"pyproject.toml": "", name: _CLEAN[name]})
    stdout = run_probe(_PROBE, name, cwd=tmp_path)
    typing_loaded, argparse_loaded, _, calls = stdout.splitlines()[-1].split(" ", 3)
    assert (typing_loaded, argparse_loaded, calls) == ("False", "False", "[]"), stdout


def _wide(base: typing.Any) -> typing.Any:
    """Seventeen fields (two with defaults): more than any ``__new__`` template, so
    ``values.NamedTuple`` builds it with ``collections.namedtuple``."""
    namespace = {
        "__annotations__": dict.fromkeys("abcdefghijkmnopqr", "int"),
        "__module__": __name__,
        "q": 16,
        "r": 17,
    }
    return types.new_class("Wide", (base,), exec_body=lambda ns: ns.update(namespace))


Wide, TypedWide = _wide(NamedTuple), _wide(typing.NamedTuple)


def _outcome(call: typing.Callable[[typing.Any], object], cls: type) -> object:
    try:
        return call(cls)
    except (TypeError, ValueError) as exc:
        return type(exc), str(exc).replace("Typed", "")


@pytest.mark.parametrize(
    ("ours", "theirs"), [(Point, TypedPoint), (Wide, TypedWide)], ids=["template", "wide"]
)
def test_construction_and_its_errors_are_typing_s(ours: typing.Any, theirs: typing.Any) -> None:
    """Keywords, defaults, missing and unknown arguments, ``_make`` and ``_replace``
    errors, the signature, pickling and the field descriptors, as typing gives them."""
    import inspect

    n = len(ours._fields) - len(ours._field_defaults)
    calls: list[typing.Callable[[typing.Any], object]] = [
        lambda cls: tuple(cls(*range(n))),
        lambda cls: tuple(cls(**dict.fromkeys(cls._fields, 1))),
        lambda cls: tuple(cls(*range(n - 1))),
        lambda cls: tuple(cls(*range(n), zz=1)),
        lambda cls: tuple(cls(*range(len(cls._fields) + 1))),
        lambda cls: tuple(cls._make(range(n))),
        lambda cls: tuple(cls(*range(n))._replace(zz=1)),
        lambda cls: cls(*range(n))._asdict(),
        lambda cls: repr(cls(*range(n))).replace("Typed", ""),
        lambda cls: cls.__match_args__,
        lambda cls: [(p.name, p.default) for p in inspect.signature(cls).parameters.values()],
        lambda cls: cls.__new__.__name__,
        lambda cls: cls.__new__.__defaults__,
        lambda cls: type(cls.__dict__[cls._fields[0]]),
        lambda cls: cls.__dict__[cls._fields[0]].__doc__,
        lambda cls: cls.__slots__,
    ]
    for call in calls:
        assert _outcome(call, ours) == _outcome(call, theirs)
    value = ours(*range(n))
    assert pickle.loads(pickle.dumps(value)) == value
