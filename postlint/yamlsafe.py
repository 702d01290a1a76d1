"""Safe YAML loading with positions and limits.

Front matter and strategy files come from users, so YAML is read with PyYAML's safe loader (the C
loader when libyaml is present, about eight times faster), the composed node tree is kept so that a
key path can be turned back into a line number, and the document is refused before it is built when
it is deeper or larger (aliases expanded) than the limits below. Tags that would build Python
objects are refused by the safe loader itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_RESOLVED_MAX = 4096


class _Loader(_SafeLoader):
    """The safe loader, remembering the tag it resolves for each plain value.

    PyYAML's resolver tries its regular expressions (bool, int, float, null, timestamp...) on every
    scalar, in Python, even under the C loader; front matter repeats the same keys and values
    (`platforms`, `instagram`, `date`) from draft to draft, so the answer for a value already seen
    is looked up instead: about a tenth of reading a front matter. The tag depends only on the node's
    kind, its text and how it was written (the safe loader has no path resolvers)."""

    _resolved: dict = {}

    def resolve(self, kind, value, implicit):
        key = (kind, value, implicit)
        tag = self._resolved.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._resolved) >= _RESOLVED_MAX:
                self._resolved.clear()
            self._resolved[key] = tag
        return tag


@dataclass
class YamlProblem(Exception):
    """A YAML document that cannot be used; `line` and `column` are 0-based within the text."""

    kind: str  # syntax | unsafe-tag | too-deep | too-large
    line: int
    column: int
    detail: str

    def __str__(self) -> str:
        return f"{self.kind} at {self.line + 1}:{self.column + 1}: {self.detail}"


@dataclass
class YamlDocument:
    data: Any
    root: yaml.Node | None

    def line_of(self, path: tuple | list) -> int | None:
        """0-based line of the value at `path` (keys and indexes), or of its nearest parent."""
        node = self.root
        line = node.start_mark.line if node is not None else None
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
            line = node.start_mark.line
        return line

    def key_line_of(self, path: tuple | list) -> int | None:
        """0-based line of the key that holds the value at `path` (the value's line for indexes)."""
        if not path:
            return self.line_of(path)
        parent = self.root
        for step in path[:-1]:
            parent = _child(parent, step)
            if parent is None:
                return self.line_of(path)
        if isinstance(parent, yaml.MappingNode):
            for key, _value in parent.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(path[-1]):
                    return key.start_mark.line
        return self.line_of(path)


def _child(node: yaml.Node | None, step: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                return value
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


def _check_shape(root: yaml.Node, max_nodes: int, max_depth: int) -> None:
    """Walk the node tree as construction would see it (aliases expanded), within a budget."""
    seen = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        seen += 1
        if depth > max_depth:
            mark = node.start_mark
            raise YamlProblem("too-deep", mark.line, mark.column, f"more than {max_depth} levels")
        if seen > max_nodes:
            mark = node.start_mark
            raise YamlProblem("too-large", mark.line, mark.column, f"more than {max_nodes} values")
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_nesting(text: str, max_depth: int) -> None:
    """Refuse deep nesting from the parser's events, before any node is composed.

    libyaml's composer recurses in C: tens of thousands of nested `[` crash the interpreter
    instead of raising, and its scanner slows down with each open level. Stopping at the first
    level past `max_depth` keeps both away (`_check_shape` would refuse the same document).
    """
    parser = _Loader(text)
    try:
        depth = 0
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, _OPEN):
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    raise YamlProblem("too-deep", mark.line, mark.column, f"more than {max_depth} levels")
            elif isinstance(event, _CLOSE):
                depth -= 1
    finally:
        parser.dispose()


_BAD_VALUE = (ValueError, TypeError, KeyError, AttributeError, OverflowError)


def _unreadable_scalar(root: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar, in document order, that the safe constructor fails to read."""
    constructor = yaml.constructor.SafeConstructor()
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except _BAD_VALUE:
                return node
            except yaml.YAMLError:
                continue
        elif isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SPECIAL_KEYS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")  # `<<` and `=`
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "binary", "timestamp")
)
_NOT_PLAIN = object()


class _NotPlain(Exception):
    pass


_SCALARS = yaml.constructor.SafeConstructor.yaml_constructors  # tag -> the safe constructor's function


def _build(node: yaml.Node, loader, seen: set[int]) -> Any:
    """`_plain_data` of one node (a function of its own, not a closure that calls itself: that
    would be a reference cycle, and the loader with it, left for the cyclic collector at every
    draft)."""
    if id(node) in seen:
        raise _NotPlain
    seen.add(id(node))
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return node.value
        if node.tag not in _SCALAR_TAGS:  # a collection's tag, `<<`, `=`, a custom tag
            raise _NotPlain
        return _SCALARS[node.tag](loader, node)
    if kind is yaml.MappingNode and node.tag == _MAP:
        mapping = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or key.tag in _SPECIAL_KEYS:
                raise _NotPlain
            mapping[_build(key, loader, seen)] = _build(value, loader, seen)
        return mapping
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_build(item, loader, seen) for item in node.value]
    raise _NotPlain


def _plain_data(root: yaml.Node, loader) -> Any:
    """The document's data, built straight from the node tree when the tree is plain: plain
    mappings and lists, scalars the safe constructor knows, no `<<` or `=` key, no node reached
    twice (aliases). Else `_NOT_PLAIN`, and the safe constructor builds it, with its errors.

    PyYAML's constructor goes through its general machinery (per-node bookkeeping for aliases
    and recursion, generators for collections) for every value: for front matter that was a
    third of reading a draft. Each scalar is still made by the safe constructor's own function
    for its tag, so the values are the same."""
    try:
        return _build(root, loader, set())
    except Exception:  # _NotPlain, or a value its type can't read: the constructor says which
        return _NOT_PLAIN


def load(text: str, *, max_nodes: int, max_depth: int) -> YamlDocument:
    """Parse one YAML document safely; raise YamlProblem with a position when it can't be used."""
    loader = _Loader(text)
    try:
        # every level opens with a bracket or on a new line: short documents can't be too deep
        if sum(map(text.count, "[{\n-?")) >= max_depth:
            _check_nesting(text, max_depth)
        root = loader.get_single_node()
        if root is None:
            return YamlDocument(None, None)
        _check_shape(root, max_nodes, max_depth)
        try:
            data = _plain_data(root, loader)
            if data is _NOT_PLAIN:
                data = loader.construct_document(root)
        except _BAD_VALUE as exc:  # a value its type can't read: `date: 2026-13-45`, `!!int x`
            node = _unreadable_scalar(root)
            if node is None:
                mark, detail = root.start_mark, f"a value can't be read: {exc}"
            else:
                shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
                mark, detail = node.start_mark, f"{shown!r} can't be read: {exc}"
            raise YamlProblem("syntax", mark.line, mark.column, detail) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line, mark.column) if mark else (0, 0)
        problem = exc.problem or str(exc)
        kind = "unsafe-tag" if "constructor for the tag" in problem else "syntax"
        raise YamlProblem(kind, line, col, problem) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line, mark.column) if mark else (0, 0)
        detail = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem("syntax", line, col, detail) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("syntax", 0, 0, str(exc)) from None
    except RecursionError:
        raise YamlProblem("too-deep", 0, 0, f"more than {max_depth} levels") from None
    finally:
        loader.dispose()
    return YamlDocument(data, root)
