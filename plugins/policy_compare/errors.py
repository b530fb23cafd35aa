"""Domain errors that carry the file and line a maintainer must fix.

The plugin turns these into ``PluginError`` at the hook boundary; the CLI prints them.
"""

from __future__ import annotations


class PolicyError(Exception):
    """A problem in a user's input, with the file (and line) where it is."""

    def __init__(self, path: str, message: str, line: int | None = None, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None, str]]:
        """Pickled with its parts (a build's second process hands its errors back)."""
        return (type(self), (self.path, self.message, self.line, self.hint))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text
