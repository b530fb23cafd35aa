"""Read maintainers' YAML safely: no aliases, no unbounded nesting, dates kept as written.

A few lines of aliases (a "billion laughs") expand to gigabytes when loaded, so an alias is
refused where it appears. Errors are ``yaml.YAMLError`` values with a ``problem_mark``, so
every loader's existing handling names the file and line. Sizes are checked by ``validate``.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class SafeLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses aliases and keeps dates as the text written.

    An impossible unquoted date (``2021-13-45``) would otherwise fail deep inside PyYAML's
    date constructor with no line; as text it reaches the front-matter checks like a quoted one.
    """

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None, None,
                f"uses the alias *{event.anchor}: aliases are not allowed, write the value out in full",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def safe_load(text: str) -> Any:
    """Load one YAML document with ``SafeLoader``; any problem is a ``yaml.YAMLError``."""
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader subclass
    except RecursionError:
        raise ComposerError(None, None, "nested too deeply (more than a few hundred levels)", None) from None


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """Line of each top-level key of a YAML mapping (``first_line`` is the text's first line)."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader subclass
    except (yaml.YAMLError, RecursionError):
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + first_line for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
