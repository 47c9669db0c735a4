"""Reads a config file's YAML within bounds, so that no file can hang the bot: a size cap, and anchors and
aliases that may not expand past a limit (a "billion laughs" file is a few hundred bytes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

# A real config is a few kilobytes; 1 MB of YAML already takes seconds to parse in pure Python.
MAX_BYTES = 1_000_000
# Values in the document once every alias is expanded (as the loaded data will hold them).
MAX_VALUES = 100_000


class TooBig(Exception):
    """A file or a document past the limits; the message says which and by how much."""


def read_text(path: Path) -> str:
    """The file's text, refusing one over MAX_BYTES without reading it all (it might be /dev/zero)."""
    with path.open("rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TooBig(f"the file is over {MAX_BYTES:,} bytes, far more than a config needs")
    return data.decode("utf-8")


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def check_expansion(root: Node, limit: int = MAX_VALUES) -> None:
    """Count the values the document holds with every alias expanded, without expanding them (each shared
    node is counted once and its count reused); refuse a document past `limit`, or one that holds itself."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > limit:
                raise TooBig(f"anchors and aliases expand to more than {limit:,} values")
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise TooBig("an alias refers to a node that holds it (the document would never end)")
        open_nodes.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise TooBig("an alias refers to a node that holds it (the document would never end)")
            if id(child) not in sizes:
                stack.append((child, False))


def load_yaml(text: str) -> Any:
    """yaml.safe_load, with the expansion checked between composing the document and building its values."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_expansion(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()
