"""Who acts, and what they may do: principals, their rights, and the owners of objects
(issue 15's permission, authentication and ownership kinds)."""

from __future__ import annotations

import ast

from hardkit.domain.asserts.shapes import is_config, is_constant, is_none, name_of, string_key
from hardkit.domain.asserts.words import (
    AUTHENTICATION_FLAGS,
    IDENTITY_ATTRIBUTES,
    OWNER_WORDS,
    PERMISSION_CALLS,
    PERMISSION_FLAGS,
    PERMISSION_NOUNS,
    PERMISSION_VERBS,
    PRINCIPAL_ATTRIBUTES,
    PRINCIPAL_DETAILS,
    PRINCIPAL_NAMES,
    PRINCIPAL_QUALIFIERS,
    PRINCIPAL_RIGHTS,
    REQUEST_OBJECTS,
    RIGHTS_HOLDERS,
    SENDER_ATTRIBUTES,
    SESSION_WORDS,
    TENANT_ATTRIBUTES,
    words_of,
)

_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def is_request_object(node: ast.expr) -> bool:
    """``request``, ``self.request``, Flask's ``g``, ``request.state``, ``info.context``."""
    if isinstance(node, ast.Name):
        return node.id in REQUEST_OBJECTS
    return isinstance(node, ast.Attribute) and node.attr in REQUEST_OBJECTS


def _is_principal_name(name: str) -> bool:
    if name in PRINCIPAL_NAMES:
        return True
    words = words_of(name)
    return len(words) > 1 and words[-1] == "user" and PRINCIPAL_QUALIFIERS.issuperset(words[:-1])


def is_principal(node: ast.expr) -> bool:
    """The acting user (or tenant): ``user``, ``current_user``, ``request.user``, ``g.user``,
    ``self.request.user``, ``requester.user``, ``session["user_id"]``, ``get_current_user()``."""
    if isinstance(node, ast.Name):
        return _is_principal_name(node.id)
    if isinstance(node, ast.Attribute):
        base = node.value
        if node.attr in SENDER_ATTRIBUTES or _session_principal(node):
            return True
        holder = node.attr in PRINCIPAL_ATTRIBUTES or node.attr in TENANT_ATTRIBUTES
        if holder and (is_request_object(base) or is_principal(base)):
            return True
        return node.attr == "current_user" and isinstance(base, ast.Name) and base.id == "self"
    if isinstance(node, ast.Subscript):
        key = string_key(node)
        return key is not None and _session_user(node, key)
    if isinstance(node, ast.Call):
        words = set(words_of(name_of(node.func) or ""))
        return {"current", "user"} <= words or words == {"get", "user"}
    return False


def _session_principal(node: ast.Attribute) -> bool:
    """``session.user_id``, ``connection.user``, ``ws.user``: who a session or connection
    was opened for."""
    base = node.value
    if not isinstance(base, ast.Name):
        return False
    if not (SESSION_WORDS.intersection(words_of(base.id)) or base.id in REQUEST_OBJECTS):
        return False  # also ``context.user_id``: gRPC's context after an auth interceptor
    return node.attr in {"user", "user_id", "uid", "account_id", "principal", "identity"}


def _session_user(node: ast.Subscript, key: str) -> bool:
    base = node.value  # ``session["user_id"]``, ``request.session["user_id"]``
    name = name_of(base) if isinstance(base, ast.Name | ast.Attribute) else None
    return name is not None and "session" in words_of(name) and "user" in words_of(key)


# Methods that give the same principal in another form: ``self.current_user.decode()``.
_CONVERSIONS = frozenset({"decode", "lower", "casefold", "strip"})


def principal_ref(node: ast.expr) -> ast.expr | None:
    """The principal a node names, also through its id: ``request.user`` for
    ``request.user.id``, ``self.current_user["id"]``."""
    if is_principal(node):
        return node
    if isinstance(node, ast.Attribute) and node.attr in IDENTITY_ATTRIBUTES:
        return principal_ref(node.value)
    if isinstance(node, ast.Attribute) and node.attr in PRINCIPAL_DETAILS:
        return principal_ref(node.value)  # request.user.profile: still who acts
    if isinstance(node, ast.Attribute) and words_of(node.attr)[-1:] == ("id",):
        base = principal_ref(node.value)  # request.user.organization_id: the tenant's id
        return base if base is not None and node.attr.removesuffix("_id") else None
    if isinstance(node, ast.Subscript):
        key = string_key(node)
        if key is not None and key in IDENTITY_ATTRIBUTES:
            return principal_ref(node.value)
    if isinstance(node, ast.Call) and len(node.args) + len(node.keywords) <= 1:
        # the same principal converted: ``self.current_user.decode()``, ``str(user.id)``
        if isinstance(node.func, ast.Attribute) and node.func.attr in _CONVERSIONS:
            return principal_ref(node.func.value)
        if name_of(node.func) in {"str", "int"} and len(node.args) == 1:
            return principal_ref(node.args[0])
    return None


def permission_check(node: ast.expr) -> bool:
    """A node that tests a right: ``user.has_perm(...)``, ``is_admin(user)``,
    ``actor.can_manage(p)``, ``self.is_admin``, ``user.role``, ``session["role"]``."""
    if isinstance(node, ast.Call):
        flag = read_attribute(node)
        return permission_check(flag) if flag is not None else _permission_call(node)
    if isinstance(node, ast.Attribute):
        if node.attr in PERMISSION_FLAGS:
            return True
        if node.attr in PRINCIPAL_RIGHTS and _holds_rights(node.value):
            return True
        # a right's detail: ``ctx.author.guild_permissions.ban_members``, ``top_role.name``
        inner = node.value
        return isinstance(inner, ast.Attribute) and _principal_rights(inner)
    if isinstance(node, ast.Subscript):
        key = string_key(node)
        base = node.value
        session = isinstance(base, ast.Name) and "session" in words_of(base.id)
        holder = session or principal_ref(base) is not None  # ``self.current_user["role"]``
        return key is not None and holder and key in PRINCIPAL_RIGHTS
    return False


def _principal_rights(node: ast.Attribute) -> bool:
    return node.attr in PRINCIPAL_RIGHTS and principal_ref(node.value) is not None


def _holds_rights(node: ast.expr) -> bool:
    """The principal, or an object that carries a member's rights: ``membership.role``,
    ``account.plan``, ``sender.rank``."""
    if principal_ref(node) is not None:
        return True
    return isinstance(node, ast.Name) and words_of(node.id)[-1:] in {(w,) for w in RIGHTS_HOLDERS}


def allowlisted(node: ast.expr) -> bool:
    """The principal (or where it acts) looked up in a fixed list: ``ctx.author.id in
    STAFF_IDS``, ``update.effective_user.id in settings.ADMINS``, ``ctx.channel.id ==
    MOD_CHANNEL_ID``."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1):
        return False
    if not isinstance(node.ops[0], (ast.Eq, ast.In, ast.NotEq, ast.NotIn)):
        return False
    left, right = node.left, node.comparators[0]
    if is_none(right):
        return False
    # ``member.status in ("administrator", "creator")``
    if _status_of_member(left) and _role_names(right):
        return True
    return principal_ref(left) is not None and (is_constant(right) or is_config(right))


def _status_of_member(node: ast.expr) -> bool:
    """A chat member's status (``member.status``); not any attribute of a user whose
    string happens to name a role (``user.kind == "admin"``)."""
    if not (isinstance(node, ast.Attribute) and node.attr == "status"):
        return False
    base = node.value
    return isinstance(base, ast.Name) and words_of(base.id)[-1:] in {("member",), ("membership",)}


_ROLE_NAMES = frozenset(
    {"admin", "administrator", "owner", "creator", "moderator", "staff", "superuser", "root"}
)


def _role_names(node: ast.expr) -> bool:
    """A literal naming a role: ``"admin"``, ``("owner", "administrator")``."""
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    words = {
        w
        for item in items
        if isinstance(item, ast.Constant) and isinstance(item.value, str)
        for w in words_of(item.value.lower())
    }
    return bool(words & _ROLE_NAMES)


def read_attribute(node: ast.Call) -> ast.Attribute | None:
    """``getattr(request.user, "is_superuser", False)`` read as ``request.user.is_superuser``."""
    if name_of(node.func) != "getattr" or not isinstance(node.func, ast.Name):
        return None
    if len(node.args) < 2:
        return None
    key = node.args[1]
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return None
    flag = ast.Attribute(value=node.args[0], attr=key.value, ctx=ast.Load())
    return ast.copy_location(flag, node)


def _permission_call(node: ast.Call) -> bool:
    name = name_of(node.func)
    if name is None:
        return False
    if name in PERMISSION_CALLS:
        return True
    words = words_of(name)
    if words and words[0] in PERMISSION_VERBS and PERMISSION_NOUNS.intersection(words[1:]):
        return True
    if len(words) > 1 and words[0] == "can":
        owner = isinstance(node.func, ast.Attribute) and principal_ref(node.func.value)
        return bool(owner) or any(principal_ref(arg) is not None for arg in node.args)
    return False


def authentication_check(node: ast.expr) -> bool:
    """``request.user.is_authenticated``, ``current_user.is_anonymous``, ``user.is_active``."""
    if isinstance(node, ast.Call):
        flag = read_attribute(node)
        return flag is not None and authentication_check(flag)
    if not (isinstance(node, ast.Attribute) and node.attr in AUTHENTICATION_FLAGS):
        return False
    base = node.value
    if isinstance(base, ast.Name) and SESSION_WORDS.intersection(words_of(base.id)):
        return True  # ``session.authenticated``: the connection logged in
    return principal_ref(base) is not None


def is_owned(node: ast.expr) -> bool:
    """Who an object belongs to: ``note.author``, ``order.user_id``, ``order["owner"]``,
    ``article.authors.all()``; not the principal's own attributes."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return is_owned(node.func.value)
    if isinstance(node, ast.Attribute):
        if principal_ref(node.value) is not None or principal_ref(node) is not None:
            return False
        return _owner_word(node.attr)
    if isinstance(node, ast.Subscript):
        key = string_key(node)
        return key is not None and _owner_word(key) and principal_ref(node.value) is None
    return isinstance(node, ast.Name) and not is_principal(node) and _owner_word(node.id)


def _owner_word(name: str) -> bool:
    words = [w for w in words_of(name) if w not in IDENTITY_ATTRIBUTES and w != "by"]
    return bool(words) and words[-1] in OWNER_WORDS


def ownership_check(node: ast.expr) -> bool:
    """A comparison of the principal with an object's owner: ``note.author == request.user``,
    ``request.user in doc.editors.all()``, ``invite.email == request.user.email``."""
    if not isinstance(node, ast.Compare):
        return False
    operands = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
        if isinstance(op, _ORDERING) or is_none(left) or is_none(right):
            continue
        if _principal_and_owned(left, right) or _principal_and_owned(right, left):
            return True
    return False


def _principal_and_owned(side: ast.expr, other: ast.expr) -> bool:
    if principal_ref(side) is None or principal_ref(other) is not None:
        return False
    if is_owned(other) or _same_tenant(side, other):
        return True
    # the principal's attribute against the same attribute of an object: ``a.email == u.email``
    if isinstance(side, ast.Attribute) and isinstance(other, ast.Attribute):
        return side.attr == other.attr and principal_ref(side.value) is not None
    return False


def _same_tenant(side: ast.expr, other: ast.expr) -> bool:
    """``request.user.tenant_id == tenant.id``: the principal's ``X_id`` and an ``X``'s id."""
    if not (isinstance(side, ast.Attribute) and isinstance(other, ast.Attribute)):
        return False
    noun = side.attr.removesuffix("_id")
    if noun == side.attr or other.attr not in {"id", "pk"}:
        return False
    base = other.value
    return isinstance(base, ast.Name) and words_of(base.id)[-1:] == (noun,)


def present_principal(test: ast.expr) -> ast.expr | None:
    """``assert self.current_user``, ``assert g.user is not None``: someone is logged in."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return next(filter(None, map(present_principal, test.values)), None)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot):
        return test.left if is_none(test.comparators[0]) and is_principal(test.left) else None
    return test if is_principal(test) else None
