"""PurSight's rule expression language: a small, CEL-like language over asset facts.

A rule's condition may be written as text instead of a structured tree, for example::

    "financial.*" in contained_classifications && !has(owners)
    retention_days <= 365 || "legal-hold" in tags
    size(stewards) > 0 && access_review_age <= duration("90d")
    qualified_name.startsWith("postgresql://prod") // only production

Grammar, loosest binding first::

    expr       := or
    or         := and ("||" and)*
    and        := unary_cmp ("&&" unary_cmp)*
    unary_cmp  := unary (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") unary)?
    unary      := "!" unary | postfix
    postfix    := primary ("." NAME "(" args? ")")*
    primary    := NUMBER | STRING | "true" | "false" | "null" | "[" args? "]"
                | NAME | NAME "(" args? ")" | "(" expr ")"

Names are the facts of ListPolicyFacts. Strings take single or double quotes; ``//``
starts a comment. Functions (``f(x, y)`` may also be written ``x.f(y)``):

=========================  =============================================================
``size(x)``                number of values of a list, or characters of a string
``has(fact)``              the fact is set (a list: not empty)
``duration("90d")``        a duration: ``d``, ``h``, ``m``, ``s``
``timestamp("...")``       an RFC 3339 timestamp
``matches(s, "re")``       ``s`` fully matches the RE2 expression
``startsWith(s, p)``       ``s`` starts with ``p``; ``endsWith`` likewise
``containsAny(l, [...])``  ``l`` holds one of the values; ``containsAll``,
                           ``containsNone`` and ``allIn`` (every value of ``l`` is
                           listed) likewise
=========================  =============================================================

``x in list`` tests membership. A string ending in ``.*`` on either side of ``in`` or in
the ``contains*``/``allIn`` lists matches a label and everything under it:
``"pii.*" in classifications`` holds for ``pii.email``.

Types are checked when a policy is saved (``retention_days > "a"`` is refused with its
line and column). A fact that is not set compares as false (``retention_days <= 365``
fails when no retention is set; test ``has(retention_days)`` to tell). Logic is
three-valued: a pending fact is unknown, ``false && unknown`` is false,
``true || unknown`` is true, and a rule whose condition stays unknown is undecided.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from services.compliance.facts import (
    FACTS,
    UNKNOWN,
    FactType,
    compile_regex,
    label_matches,
    parse_duration,
    parse_time,
    render,
)
from services.compliance.problems import Problem, did_you_mean

MAX_LENGTH = 4000
MAX_DEPTH = 40

_TOKEN = re.compile(
    r"""(?P<space>[ \t\r\n]+|//[^\n]*)
      |(?P<number>\d+(?:\.\d+)?)
      |(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<op>&&|\|\||==|!=|<=|>=|[<>!()\[\],.])""",
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}
_COMPARE = {"==", "!=", "<", "<=", ">", ">=", "in"}
_ORDERED = {"number", "timestamp", "duration"}
_FACT_TYPES: dict[int, str] = {
    FactType.TYPE_STRING: "string",
    FactType.TYPE_NUMBER: "number",
    FactType.TYPE_BOOL: "bool",
    FactType.TYPE_STRING_LIST: "list<string>",
    FactType.TYPE_TIMESTAMP: "timestamp",
    FactType.TYPE_DURATION: "duration",
}


class ExpressionError(Exception):
    """A syntax error at a 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass(frozen=True)
class Token:
    kind: str  # number, string, name, op, end
    text: str
    line: int
    column: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos, line, line_start = 0, 1, 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        column = pos - line_start + 1
        if match is None:
            raise ExpressionError(f"unexpected character {source[pos]!r}", line, column)
        kind = match.lastgroup or ""
        text = match.group()
        if kind != "space":
            tokens.append(Token(kind, text, line, column))
        newlines = text.count("\n")
        if newlines:
            line += newlines
            line_start = match.start() + text.rindex("\n") + 1
        pos = match.end()
    tokens.append(Token("end", "", line, pos - line_start + 1))
    return tokens


# -- syntax tree ----------------------------------------------------------------------


@dataclass
class Node:
    line: int
    column: int
    type: str = field(default="", init=False)


@dataclass
class Literal(Node):
    value: Any


@dataclass
class ListLit(Node):
    items: list[Node]


@dataclass
class FactRef(Node):
    name: str


@dataclass
class Call(Node):
    function: str
    args: list[Node]


@dataclass
class Not(Node):
    operand: Node


@dataclass
class Binary(Node):
    op: str
    left: Node
    right: Node


class _Parser:
    def __init__(self, source: str) -> None:
        self._tokens = tokenize(source)
        self._i = 0
        self._depth = 0

    def _peek(self) -> Token:
        return self._tokens[self._i]

    def _take(self) -> Token:
        token = self._tokens[self._i]
        self._i += 1
        return token

    def _expect(self, text: str) -> Token:
        token = self._take()
        if token.text != text or token.kind not in ("op",):
            found = token.text or "the end"
            raise ExpressionError(f"expected {text!r}, found {found!r}", token.line, token.column)
        return token

    def parse(self) -> Node:
        node = self._or()
        token = self._peek()
        if token.kind != "end":
            raise ExpressionError(
                f"unexpected {token.text!r} after a complete expression", token.line, token.column
            )
        return node

    def _nested(self, token: Token) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ExpressionError(
                f"nested more than {MAX_DEPTH} levels deep", token.line, token.column
            )

    def _or(self) -> Node:
        node = self._and()
        while self._peek().text == "||":
            token = self._take()
            node = Binary(token.line, token.column, "||", node, self._and())
        return node

    def _and(self) -> Node:
        node = self._compare()
        while self._peek().text == "&&":
            token = self._take()
            node = Binary(token.line, token.column, "&&", node, self._compare())
        return node

    def _compare(self) -> Node:
        node = self._unary()
        token = self._peek()
        if token.text in _COMPARE and token.kind in ("op", "name"):
            self._take()
            node = Binary(token.line, token.column, token.text, node, self._unary())
            after = self._peek()
            if after.text in _COMPARE and after.kind in ("op", "name"):
                raise ExpressionError(
                    "comparisons do not chain; join them with && or ||", after.line, after.column
                )
        return node

    def _unary(self) -> Node:
        token = self._peek()
        if token.text == "!" and token.kind == "op":
            self._take()
            self._nested(token)
            operand = self._unary()
            self._depth -= 1
            return Not(token.line, token.column, operand)
        return self._postfix()

    def _postfix(self) -> Node:
        node = self._primary()
        while self._peek().text == "." and self._peek().kind == "op":
            self._take()
            name = self._take()
            if name.kind != "name":
                raise ExpressionError("expected a function name after '.'", name.line, name.column)
            self._expect("(")
            args = self._args(")")
            node = Call(name.line, name.column, name.text, [node, *args])
        return node

    def _args(self, closing: str) -> list[Node]:
        args: list[Node] = []
        if self._peek().text == closing and self._peek().kind == "op":
            self._take()
            return args
        while True:
            args.append(self._or())
            token = self._take()
            if token.text == closing and token.kind == "op":
                return args
            if token.text != "," or token.kind != "op":
                found = token.text or "the end"
                raise ExpressionError(
                    f"expected ',' or {closing!r}, found {found!r}", token.line, token.column
                )

    def _primary(self) -> Node:
        token = self._take()
        line, column = token.line, token.column
        if token.kind == "number":
            return Literal(line, column, float(token.text))
        if token.kind == "string":
            return Literal(line, column, _unquote(token))
        if token.kind == "name":
            if token.text in ("true", "false"):
                return Literal(line, column, token.text == "true")
            if token.text == "null":
                return Literal(line, column, None)
            if token.text == "in":
                raise ExpressionError("'in' needs a value on its left", line, column)
            if self._peek().text == "(" and self._peek().kind == "op":
                self._take()
                self._nested(token)
                args = self._args(")")
                self._depth -= 1
                return Call(line, column, token.text, args)
            return FactRef(line, column, token.text)
        if token.kind == "op" and token.text == "(":
            self._nested(token)
            node = self._or()
            self._depth -= 1
            self._expect(")")
            return node
        if token.kind == "op" and token.text == "[":
            self._nested(token)
            items = self._args("]")
            self._depth -= 1
            return ListLit(line, column, items)
        found = token.text or "the end of the expression"
        raise ExpressionError(f"expected a value, found {found!r}", line, column)


def _unquote(token: Token) -> str:
    body = token.text[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            escaped = _ESCAPES.get(body[i + 1])
            if escaped is None:
                raise ExpressionError(
                    f"unknown escape \\{body[i + 1]}", token.line, token.column + i + 1
                )
            out.append(escaped)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


# -- type checking --------------------------------------------------------------------


@dataclass(frozen=True)
class _Signature:
    params: tuple[frozenset[str], ...]
    returns: str
    literal_args: tuple[int, ...] = ()  # indexes that must be string literals


_STR = frozenset({"string"})
_LISTS = frozenset({"list<string>", "list<number>", "list<any>"})
_SIGNATURES: dict[str, _Signature] = {
    "size": _Signature((_STR | _LISTS,), "number"),
    "has": _Signature((frozenset({"*"}),), "bool"),
    "duration": _Signature((_STR,), "duration", (0,)),
    "timestamp": _Signature((_STR,), "timestamp", (0,)),
    "matches": _Signature((_STR, _STR), "bool", (1,)),
    "startsWith": _Signature((_STR, _STR), "bool"),
    "endsWith": _Signature((_STR, _STR), "bool"),
    "containsAny": _Signature((_LISTS, _LISTS), "bool"),
    "containsAll": _Signature((_LISTS, _LISTS), "bool"),
    "containsNone": _Signature((_LISTS, _LISTS), "bool"),
    "allIn": _Signature((_LISTS, _LISTS), "bool"),
}


class _Checker:
    def __init__(self, field: str, problems: list[Problem]) -> None:
        self._field = field
        self._problems = problems
        self.facts: set[str] = set()
        self.constants: dict[int, Any] = {}  # id(Call) -> parsed duration, time or regex

    def problem(self, node: Node, message: str) -> str:
        self._problems.append(Problem(self._field, message, line=node.line, column=node.column))
        return ""

    def check(self, node: Node) -> str:
        node.type = self._check(node)
        return node.type

    def _check(self, node: Node) -> str:
        if isinstance(node, Literal):
            return _literal_type(node.value)
        if isinstance(node, ListLit):
            return self._list(node)
        if isinstance(node, FactRef):
            definition = FACTS.get(node.name)
            if definition is None:
                return self.problem(
                    node, f"unknown fact {node.name!r}" + did_you_mean(node.name, FACTS)
                )
            self.facts.add(node.name)
            return _FACT_TYPES[definition.type]
        if isinstance(node, Not):
            inner = self.check(node.operand)
            if inner and inner != "bool":
                return self.problem(node, f"'!' needs a true/false value, not a {inner}")
            return "bool"
        if isinstance(node, Binary):
            return self._binary(node)
        if isinstance(node, Call):
            return self._call(node)
        raise TypeError(f"unknown node {node!r}")

    def _list(self, node: ListLit) -> str:
        kinds = {self.check(item) for item in node.items}
        if "" in kinds:
            return ""
        for item in node.items:
            if not isinstance(item, Literal) or item.value is None:
                return self.problem(item, "list items must be strings or numbers written out")
        if not kinds:
            return "list<any>"
        if len(kinds) > 1 or kinds - {"string", "number"}:
            return self.problem(node, "a list holds only strings or only numbers")
        return f"list<{kinds.pop()}>"

    def _binary(self, node: Binary) -> str:
        left, right = self.check(node.left), self.check(node.right)
        if not left or not right:
            return ""
        op = node.op
        if op in ("&&", "||"):
            for side, kind in ((node.left, left), (node.right, right)):
                if kind != "bool":
                    self.problem(side, f"{op!r} needs true/false values, not a {kind}")
            return "bool"
        if op in ("==", "!="):
            if left != right and "null" not in (left, right) and {left, right} - _LISTS:
                return self.problem(node, f"cannot compare a {left} with a {right}")
            return "bool"
        if op == "in":
            if right not in _LISTS:
                return self.problem(node.right, f"'in' needs a list on its right, not a {right}")
            element = right[5:-1]
            if left not in ("string", "number") or element not in (left, "any"):
                return self.problem(node, f"cannot look for a {left} in a {right}")
            return "bool"
        if left != right or left not in _ORDERED:
            return self.problem(
                node, f"{op!r} compares two numbers, timestamps or durations, not {left}/{right}"
            )
        return "bool"

    def _call(self, node: Call) -> str:
        signature = _SIGNATURES.get(node.function)
        kinds = [self.check(arg) for arg in node.args]
        if signature is None:
            return self.problem(
                node,
                f"unknown function {node.function!r}" + did_you_mean(node.function, _SIGNATURES),
            )
        if len(node.args) != len(signature.params):
            return self.problem(
                node,
                f"{node.function}() takes {len(signature.params)} argument(s),"
                f" not {len(node.args)}",
            )
        if "" in kinds:
            return ""
        if node.function == "has":
            if not isinstance(node.args[0], FactRef):
                return self.problem(node, "has() takes a fact name, for example has(owners)")
            return "bool"
        for index, (kind, allowed) in enumerate(zip(kinds, signature.params, strict=True)):
            if kind not in allowed:
                wanted = " or ".join(sorted(allowed))
                return self.problem(
                    node.args[index],
                    f"{node.function}() argument {index + 1} must be {wanted}, not {kind}",
                )
        for index in signature.literal_args:
            arg = node.args[index]
            if not isinstance(arg, Literal) or not isinstance(arg.value, str):
                return self.problem(arg, f"{node.function}() needs a string written out here")
            constant = _constant(node.function, arg.value)
            if constant is None:
                return self.problem(arg, _BAD_CONSTANT[node.function].format(arg.value))
            self.constants[id(node)] = constant
        return signature.returns


_BAD_CONSTANT = {
    "duration": "{!r} is not a duration like 90d, 12h, 30m or 45s",
    "timestamp": "{!r} is not an RFC 3339 timestamp",
    "matches": "{!r} is not a valid RE2 regular expression",
}


def _constant(function: str, text: str) -> Any:
    if function == "duration":
        return parse_duration(text)
    if function == "timestamp":
        return parse_time(text)
    try:
        return compile_regex(text)
    except ValueError:
        return None


def _literal_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, float):
        return "number"
    return "string"


# -- evaluation -----------------------------------------------------------------------


def _matches_either(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return label_matches(a, b) or label_matches(b, a)
    return a == b


def _contains(values: Any, wanted: Any) -> bool:
    return any(_matches_either(wanted, v) for v in values or ())


_LIST_FUNCTIONS: dict[str, Callable[[list[Any], list[Any]], bool]] = {
    "containsAny": lambda a, b: any(_contains(a, x) for x in b),
    "containsAll": lambda a, b: all(_contains(a, x) for x in b),
    "containsNone": lambda a, b: not any(_contains(a, x) for x in b),
    "allIn": lambda a, b: all(_contains(b, x) for x in a),
}


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    if op == "in":
        return left is not None and _contains(right, left)
    if left is None or right is None:
        return False
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)


@dataclass
class Expression:
    """A checked expression, ready to evaluate against an asset's facts."""

    source: str
    root: Node
    facts: frozenset[str]
    constants: dict[int, Any]

    def evaluate(self, facts: Mapping[str, object]) -> bool | None:
        """True, False, or None when a pending fact leaves it undecided."""
        value = self._eval(self.root, facts)
        return None if value is UNKNOWN else bool(value)

    def _eval(self, node: Node, facts: Mapping[str, object]) -> Any:
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, FactRef):
            return facts.get(node.name)
        if isinstance(node, ListLit):
            return [self._eval(item, facts) for item in node.items]
        if isinstance(node, Not):
            inner = self._eval(node.operand, facts)
            return UNKNOWN if inner is UNKNOWN else not inner
        if isinstance(node, Binary):
            if node.op in ("&&", "||"):
                return self._logic(node, facts)
            left, right = self._eval(node.left, facts), self._eval(node.right, facts)
            if left is UNKNOWN or right is UNKNOWN:
                return UNKNOWN
            return _compare(node.op, left, right)
        if isinstance(node, Call):
            if node.function == "has":
                value = facts.get(node.args[0].name) if isinstance(node.args[0], FactRef) else None
                return value if value is UNKNOWN else value not in (None, "", [], ())
            args = [self._eval(arg, facts) for arg in node.args]
            if any(a is UNKNOWN for a in args):
                return UNKNOWN
            return self._call(node, args)
        raise TypeError(f"unknown node {node!r}")

    def _logic(self, node: Binary, facts: Mapping[str, object]) -> Any:
        decisive = node.op == "||"  # the value that settles the result on its own
        left = self._eval(node.left, facts)
        if left is not UNKNOWN and bool(left) == decisive:
            return decisive
        right = self._eval(node.right, facts)
        if right is not UNKNOWN and bool(right) == decisive:
            return decisive
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        return not decisive

    def _call(self, node: Call, args: list[Any]) -> Any:
        name = node.function
        if name == "size":
            return float(len(args[0] or ()))
        if name in ("duration", "timestamp"):
            return self.constants[id(node)]
        if name == "matches":
            return args[0] is not None and self.constants[id(node)].fullmatch(args[0]) is not None
        if name == "startsWith":
            return args[0] is not None and args[1] is not None and args[0].startswith(args[1])
        if name == "endsWith":
            return args[0] is not None and args[1] is not None and args[0].endswith(args[1])
        return _LIST_FUNCTIONS[name](list(args[0] or ()), list(args[1] or ()))

    def explain(self, facts: Mapping[str, object], value: bool | None) -> str:
        """Why the expression came out as ``value``, naming the facts it read."""
        shown = " ".join(self.source.split())
        if len(shown) > 160:
            shown = shown[:157] + "..."
        if value is None:
            pending = sorted(n for n in self.facts if facts.get(n) is UNKNOWN)
            return f"`{shown}` is undecided: {', '.join(pending)} pending"
        seen = ", ".join(f"{n} is {render(facts.get(n))}" for n in sorted(self.facts))
        verdict = "holds" if value else "is false"
        return f"`{shown}` {verdict}" + (f" ({seen})" if seen else "")


def compile_expression(source: str, field: str, problems: list[Problem]) -> Expression | None:
    """The checked expression, or None after adding its problems to ``problems``."""
    if not source.strip():
        problems.append(Problem(field, "is empty"))
        return None
    if len(source) > MAX_LENGTH:
        problems.append(Problem(field, f"must be at most {MAX_LENGTH} characters"))
        return None
    try:
        root = _Parser(source).parse()
    except ExpressionError as exc:
        problems.append(Problem(field, exc.message, line=exc.line, column=exc.column))
        return None
    before = len(problems)
    checker = _Checker(field, problems)
    kind = checker.check(root)
    if len(problems) > before:
        return None
    if kind != "bool":
        problems.append(
            Problem(
                field, f"must be true or false, not a {kind}", line=root.line, column=root.column
            )
        )
        return None
    return Expression(source, root, frozenset(checker.facts), checker.constants)


__all__ = ["Expression", "ExpressionError", "compile_expression"]
