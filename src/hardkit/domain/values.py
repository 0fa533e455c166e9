"""``typing``'s names for the code a hook run loads, at no start-up cost.

Importing ``typing`` costs a hook checking one clean file ~8% of its run (11.6M of 143M
instructions, measured with cachegrind), and that code needs nothing from it at run
time: with ``from __future__ import annotations`` annotations are strings. So the
modules on that path take ``TYPE_CHECKING``, ``cast``, ``Protocol``, ``Generic``,
``TypeVar`` and ``NamedTuple`` from here, and import the rest of ``typing`` under
``if TYPE_CHECKING:``. Type checkers see ``typing``'s own objects (pyright reads any
``TYPE_CHECKING`` constant as true); at run time they are the stand-ins below.
``tests/unit/test_values.py`` holds a hook run to never importing ``typing``.

``NamedTuple`` builds the class ``typing.NamedTuple`` builds (a ``namedtuple`` plus the
class body's methods and docstring) without calling ``compile()``: typing compiles each
string annotation (``typing.ForwardRef``), and a process's first ``compile()`` sets up
all of CPython's AST node types (15M of 182M instructions on one clean file);
``collections.namedtuple`` compiles each class's ``__new__`` from a string (8M of 133M
for the 26 classes of a hook run). For the same reason a generic is subscripted with a
class, ``Rule[PythonFile]``, not a string.
"""

from __future__ import annotations

import collections
import sys
import types

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

    # ``collections.namedtuple`` compiles each class's ``__new__`` from a string (~6% of
    # a hook's start-up for its 26 classes). Here ``__new__`` is one of these templates,
    # compiled with this module, its parameters renamed to the fields (``code.replace``):
    # the same function ``namedtuple`` would make, without ``compile()`` at run time.
    _tuple_new = tuple.__new__
    _REPLACE_ERROR = TypeError if sys.version_info >= (3, 13) else ValueError

    try:  # the C descriptor namedtuple's fields use
        from _collections import _tuplegetter  # pyright: ignore[reportAttributeAccessIssue]
    except ImportError:  # pragma: no cover - other interpreters
        from operator import itemgetter

        def _tuplegetter(index: int, doc: str) -> Any:
            return property(itemgetter(index), doc=doc)

    def _new1(_cls, _0):
        return _tuple_new(_cls, (_0,))

    def _new2(_cls, _0, _1):
        return _tuple_new(_cls, (_0, _1))

    def _new3(_cls, _0, _1, _2):
        return _tuple_new(_cls, (_0, _1, _2))

    def _new4(_cls, _0, _1, _2, _3):
        return _tuple_new(_cls, (_0, _1, _2, _3))

    def _new5(_cls, _0, _1, _2, _3, _4):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4))

    def _new6(_cls, _0, _1, _2, _3, _4, _5):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5))

    def _new7(_cls, _0, _1, _2, _3, _4, _5, _6):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6))

    def _new8(_cls, _0, _1, _2, _3, _4, _5, _6, _7):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7))

    def _new9(_cls, _0, _1, _2, _3, _4, _5, _6, _7, _8):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8))

    def _new10(_cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9))

    def _new11(_cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10))

    def _new12(_cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11))

    def _new13(_cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12))

    def _new14(_cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13))

    def _new15(_cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14):
        return _tuple_new(_cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14))

    def _new16(_cls, _0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15):
        return _tuple_new(
            _cls, (_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15)
        )

    _NEW = {
        len(template.__code__.co_varnames) - 1: template
        for template in (_new1, _new2, _new3, _new4, _new5, _new6, _new7, _new8, _new9,
                         _new10, _new11, _new12, _new13, _new14, _new15, _new16)
    }  # fmt: skip

    def _make(cls: Any, iterable: Any) -> Any:
        result = _tuple_new(cls, iterable)
        if len(result) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
        return result

    def _replace(self: Any, /, **changes: Any) -> Any:
        result = self._make(map(changes.pop, self._fields, self))
        if changes:  # the error ``namedtuple`` raises on this Python (3.13: TypeError)
            raise _REPLACE_ERROR(f"Got unexpected field names: {list(changes)!r}")
        return result

    def _repr(self: Any) -> str:
        fields = ", ".join(
            f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True)
        )
        return f"{self.__class__.__name__}({fields})"

    def _asdict(self: Any) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def _getnewargs(self: Any) -> tuple[Any, ...]:
        return tuple(self)

    def _namedtuple(
        typename: str, fields: tuple[str, ...], defaults: tuple[Any, ...], module: str
    ) -> Any:
        template = _NEW.get(len(fields))
        if template is None:  # more fields than any value type has: the stdlib's way
            return collections.namedtuple(typename, fields, defaults=defaults, module=module)
        new = types.FunctionType(
            template.__code__.replace(co_varnames=("_cls", *fields), co_name="__new__"),
            {"_tuple_new": _tuple_new},
            "__new__",
            defaults or None,
        )
        new.__qualname__ = f"{typename}.__new__"
        new.__doc__ = f"Create new instance of {typename}({', '.join(fields)})"
        namespace: dict[str, Any] = {
            "__doc__": f"{typename}({', '.join(fields)})",
            "__slots__": (),
            "_fields": fields,
            "_field_defaults": dict(
                zip(fields[len(fields) - len(defaults) :], defaults, strict=True)
            ),
            "__new__": new,
            "_make": classmethod(_make),
            "_replace": _replace,
            "__repr__": _repr,
            "_asdict": _asdict,
            "__getnewargs__": _getnewargs,
            "__match_args__": fields,
            "__module__": module,
        }
        for index, name in enumerate(fields):
            namespace[name] = _tuplegetter(index, f"Alias for field number {index}")
        return type(typename, (tuple,), namespace)

    class _NamedTupleMeta(type):
        def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
            if bases == ():  # the ``NamedTuple`` base itself
                return super().__new__(cls, typename, bases, ns)
            annotations: dict[str, Any] = ns.get("__annotations__", {})
            defaults = [name for name in annotations if name in ns]
            if defaults != list(annotations)[len(annotations) - len(defaults) :]:
                raise TypeError(f"Non-default namedtuple field follows default field in {typename}")
            made = _namedtuple(
                typename, tuple(annotations), tuple(ns[n] for n in defaults), ns["__module__"]
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
