"""``typing``'s names for the code a hook run loads, at no start-up cost.

Importing ``typing`` costs a hook checking one clean file ~8% of its run (11.6M of 143M
instructions, measured with cachegrind), and that code needs nothing from it at run
time: with ``from __future__ import annotations`` annotations are strings. So the
modules on that path take ``TYPE_CHECKING``, ``cast``, ``Protocol``, ``Generic``,
``TypeVar`` and ``NamedTuple`` from here, and import the rest of ``typing`` under
``if TYPE_CHECKING:``. Type checkers see ``typing``'s own objects (pyright reads any
``TYPE_CHECKING`` constant as true); at run time they are the stand-ins below.
``tests/unit/test_values.py`` holds a hook run to never importing ``typing``.

``NamedTuple`` is built the way ``typing.NamedTuple`` builds it (``collections.namedtuple``
plus the class body's methods and docstring), minus its check of each field's
annotation: every annotation being a string, that check compiles it
(``typing.ForwardRef``), and a process's first ``compile()`` sets up all of CPython's
AST node types (15M of 182M instructions on one clean file). For the same reason a
generic is subscripted with a class, ``Rule[PythonFile]``, not a string.
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any
    from typing import Generic as Generic
    from typing import NamedTuple as NamedTuple
    from typing import Protocol as Protocol
    from typing import TypeVar as TypeVar
    from typing import cast as cast
else:

    def cast(_type: object, value: object) -> object:
        return value

    class Protocol:
        """Base of the structural types: at run time a plain class."""

    class Generic:
        """``Rule[PythonFile]`` is ``Rule`` at run time."""

        def __class_getitem__(cls, _params: object) -> object:
            return cls

    def TypeVar(name: str) -> str:
        return name

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
