"""``NamedTuple`` for the value types a hook run creates at start-up.

Type checkers see ``typing.NamedTuple`` itself. At run time the class is built the way
``typing.NamedTuple`` builds it (``collections.namedtuple`` plus the class body's
methods and docstring), minus its check of each field's annotation: with
``from __future__ import annotations`` every annotation is a string, which that check
compiles (``typing.ForwardRef``), and a process's first ``compile()`` sets up all of
CPython's AST node types. On a hook checking one clean file that was ~8% of the run
(measured with callgrind: 15M of 182M instructions); ``tests/unit/test_values.py``
holds the classes to what ``typing.NamedTuple`` gives. (For the same reason a generic
on the start-up path is subscripted with a class, ``Rule[PythonFile]``, not a string.)
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    # What ``typing.NamedTuple`` refuses in a class body, and what it does not copy over.
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
         "_make", "_replace", "_asdict", "_source"}
    )  # fmt: skip
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__", "__qualname__"})

    class _NamedTupleMeta(type):
        def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
            if bases == ():  # the ``NamedTuple`` base itself
                return super().__new__(cls, typename, bases, ns)
            annotations: dict[str, Any] = ns.get("__annotations__", {})
            defaults = [name for name in annotations if name in ns]
            if defaults != list(annotations)[len(annotations) - len(defaults) :]:
                raise TypeError(f"Non-default namedtuple field follows default field in {typename}")
            made = collections.namedtuple(
                typename,
                list(annotations),
                defaults=[ns[n] for n in defaults],
                module=ns["__module__"],
            )
            made.__annotations__ = made.__new__.__annotations__ = dict(annotations)
            for key, value in ns.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, value)
            made.__qualname__ = ns.get("__qualname__", typename)
            return made

    class NamedTuple(metaclass=_NamedTupleMeta):
        """Base of the value types (``class Finding(NamedTuple): ...``)."""
