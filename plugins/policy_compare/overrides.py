"""Maintainers' corrections to the alignment: move, join, split and exclude clauses.

Overrides name clauses by id (as shown on the site) or as ``"school: a short quote"``.
An override that matches nothing, or more than one clause, becomes a warning naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import PolicyError
from .model import Clause
from .normalise import fold
from .safe_yaml import safe_load


@dataclass(frozen=True)
class Overrides:
    """Parsed overrides file. Each list keeps its entries in file order."""

    move: tuple[tuple[str, str], ...] = ()  # (clause reference, topic id)
    join: tuple[tuple[str, ...], ...] = ()  # clause references that form one row
    split: tuple[str, ...] = ()  # clause references taken out of their row
    exclude: tuple[str, ...] = ()  # clause references kept out of the model policy
    source: str = "overrides"
    lines: dict[str, int] = field(default_factory=dict)

    def apply_rows(
        self, groups_by_topic: dict[str, list[list[Clause]]], index: dict[str, Clause], clause_topic: dict[str, str]
    ) -> tuple[dict[str, list[list[Clause]]], list[str]]:
        """Apply ``split`` then ``join`` to the grouped rows; returns new groups and warnings."""
        warnings: list[str] = []
        groups = {topic: [list(g) for g in gs] for topic, gs in groups_by_topic.items()}
        for reference in self.split:
            clause, problem = resolve(reference, index)
            if clause is None:
                warnings.append(self._warn("split", reference, problem))
                continue
            topic_groups = groups[clause_topic[clause.id]]
            for group in topic_groups:
                if clause in group and len(group) > 1:
                    group.remove(clause)
                    topic_groups.append([clause])
                    break
        for references in self.join:
            clauses = []
            for reference in references:
                clause, problem = resolve(reference, index)
                if clause is None:
                    warnings.append(self._warn("join", reference, problem))
                else:
                    clauses.append(clause)
            if len(clauses) < 2:
                continue
            topic = clause_topic[clauses[0].id]
            if any(clause_topic[c.id] != topic for c in clauses):
                warnings.append(self._warn("join", " + ".join(references), "the clauses are in different topics; move them first"))
                continue
            topic_groups = groups[topic]
            merged: list[Clause] = []
            for group in [g for g in topic_groups if any(c in g for c in clauses)]:
                topic_groups.remove(group)
                merged.extend(group)
            topic_groups.append(sorted(set(merged), key=lambda c: c.id))
        for topic in groups:
            groups[topic] = sorted((g for g in groups[topic] if g), key=lambda g: min(c.id for c in g))
        return groups, warnings

    def resolve_excluded(self, index: dict[str, Clause]) -> tuple[set[str], list[str]]:
        excluded: set[str] = set()
        warnings: list[str] = []
        for reference in self.exclude:
            clause, problem = resolve(reference, index)
            if clause is None:
                warnings.append(self._warn("exclude", reference, problem))
            else:
                excluded.add(clause.id)
        return excluded, warnings

    def _warn(self, kind: str, reference: str, problem: str) -> str:
        line = self.lines.get(reference)
        where = f"{self.source}:{line}" if line else self.source
        return f"{where}: override `{kind}: {reference}` {problem}"


def resolve(reference: str, index: dict[str, Clause]) -> tuple[Clause | None, str]:
    """Find the one clause a reference names: a clause id, or ``school: quote``."""
    reference = reference.strip()
    if reference in index:
        return index[reference], ""
    school, sep, quote = reference.partition(":")
    if not sep or not quote.strip():
        return None, "matches no clause id (write a clause id or `school: a short quote`)"
    wanted = _fold(quote)
    texts, words = _folded(index).get(school.strip(), ([], {}))
    # the quote's inner words are whole words of any text that holds it: only the texts with the
    # rarest of them are searched (lint asks for a quote of every model entry; a scan of the
    # school's every clause for each grew with the square of a long policy)
    inner = wanted.split(" ")[1:-1]
    if inner:
        fewest = min((words.get(word, ()) for word in inner), key=len)
        hits = [texts[k][1] for k in fewest if wanted in texts[k][0]]
    else:
        hits = [c for text, c in texts if wanted in text]
    if not hits:
        return None, "matches no clause any more"
    if len(hits) > 1:
        return None, f"matches {len(hits)} clauses; quote more words"
    return hits[0], ""


_Folded = tuple[list[tuple[str, Clause]], dict[str, list[int]]]  # (folded text, clause) in order; word -> positions
_FOLDED: list[tuple[dict[str, Clause], dict[str, _Folded]]] = []  # a few indexes, newest first


def _folded(index: dict[str, Clause]) -> dict[str, _Folded]:
    """Each school's clauses with their folded text, and where each word of them is, worked out
    once per index (the model's review asks for hundreds of quotes: folding every clause for each
    grew with the square)."""
    for known, folded in _FOLDED:
        if known is index:
            return folded
    folded: dict[str, _Folded] = {}
    wordings: dict[str, tuple[str, set[str]]] = {}  # a long policy repeats its wordings: each is folded once
    for clause in index.values():
        texts, words = folded.setdefault(clause.school, ([], {}))
        if clause.text not in wordings:
            text = _fold(clause.text)
            wordings[clause.text] = text, set(text.split(" "))
        text, distinct = wordings[clause.text]
        for word in distinct:
            words.setdefault(word, []).append(len(texts))
        texts.append((text, clause))
    _FOLDED.insert(0, (index, folded))
    del _FOLDED[4:]
    return folded


def _fold(text: str) -> str:
    return fold(text).lower()


def apply_topic_overrides(
    clause_topic: dict[str, str], overrides: Overrides, index: dict[str, Clause], topic_ids: set[str]
) -> tuple[dict[str, str], list[str]]:
    """Move clauses to the topics maintainers chose; warnings for stale entries."""
    result = dict(clause_topic)
    warnings: list[str] = []
    for reference, topic in overrides.move:
        clause, problem = resolve(reference, index)
        if clause is None:
            warnings.append(overrides._warn("move", reference, problem))
        elif topic not in topic_ids:
            warnings.append(overrides._warn("move", reference, f"names unknown topic {topic!r}"))
        else:
            result[clause.id] = topic
    return result, warnings


def load_overrides(path: Path | None, shown: str | None = None) -> Overrides:
    """Read the overrides YAML; a missing file means no overrides."""
    if path is None or not path.exists():
        return Overrides()
    shown = shown or str(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyError(shown, f"not valid YAML ({getattr(exc, 'problem', exc)})", mark.line + 1 if mark else None) from exc
    if not isinstance(data, dict):
        raise PolicyError(shown, "expected keys move, join, split, exclude")
    unknown = set(data) - {"move", "join", "split", "exclude"}
    if unknown:
        raise PolicyError(shown, f"unknown key(s): {', '.join(sorted(unknown))}", hint="use move, join, split, exclude")
    lines = {}
    for number, line in enumerate(text.splitlines(), 1):
        for ref in re.findall(r"[\"']([^\"']+)[\"']", line):
            lines.setdefault(ref, number)
    move = []
    for entry in data.get("move") or []:
        if not isinstance(entry, dict) or "clause" not in entry or "topic" not in entry:
            raise PolicyError(shown, f"move entries need `clause` and `topic`: {entry!r}")
        move.append((str(entry["clause"]), str(entry["topic"])))
    join = []
    for entry in data.get("join") or []:
        if not isinstance(entry, list) or len(entry) < 2:
            raise PolicyError(shown, f"join entries are lists of two or more clauses: {entry!r}")
        join.append(tuple(str(e) for e in entry))
    return Overrides(
        move=tuple(move),
        join=tuple(join),
        split=tuple(str(e) for e in data.get("split") or ()),
        exclude=tuple(str(e) for e in data.get("exclude") or ()),
        source=shown,
        lines=lines,
    )
