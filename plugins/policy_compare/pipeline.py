"""Run parse -> classify -> rows -> assemble for a project, caching each stage by a hash of its inputs.

The cache lives in memory (for `mkdocs serve` rebuilds) and, optionally, on disk. A
change to a source, the topics, overrides, normalisation rules or the plugin (its version
or any of its files) invalidates exactly what depends on it: a policy's parse depends on its file and the
rules; the alignment depends on everything.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from . import __version__, embeddings
from .align import AlignSettings, align, load_topics
from .errors import PolicyError
from .legislation import load_register
from .model import Alignment, Policy
from .normalise import DEFAULT_RULES, Rules, load_rules
from .overrides import load_overrides
from .parse import parse_policy

DEFAULT_TOPICS = Path(__file__).parent / "data" / "topics.yml"


@dataclass(frozen=True)
class Inputs:
    """Resolved input paths of one project."""

    root: Path
    sources: Path
    topics: Path
    overrides: Path | None
    rules: Path
    placeholder: str = "[School name]"
    curation: Path | None = None
    register: Path | None = None

    def shown(self, path: Path) -> str:
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def fingerprint(folder: Path) -> str:
    """A digest of every file of the package (code, templates, data) under ``folder``.

    Part of every cache key, so that a cache written by other code is never read back, even
    when a developer changes the code without bumping ``__version__``.
    """
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    return _digest(*(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() for p in files))


@functools.cache
def _code() -> bytes:
    return fingerprint(Path(__file__).parent).encode()


def _made(folder: Path) -> Path:
    """The cache folder, made if need be (and kept out of git)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("*\n")
    return folder


def _read(path: Path | None) -> bytes:
    return path.read_bytes() if path and path.exists() else b""


class Pipeline:
    """Parse and align with caching. One instance lives as long as the MkDocs plugin."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self._policies: dict[str, Policy] = {}
        self._alignments: dict[str, Alignment] = {}
        self._stages: dict[str, object] = {}
        self._unwritten: list[tuple[str, str, object]] | None = None  # (kind, key, value) to write to disk later
        self.stats = {"parsed": 0, "parse_hits": 0, "aligned": 0, "align_hits": 0}

    def run(self, inputs: Inputs, write_later: bool = False) -> Alignment:
        """Parse every source (reusing unchanged ones) and align them. With ``write_later``, what
        is new is written to the disk cache only by :meth:`write` (a build calls it while it waits
        for the model's process, not between aligning and forking it)."""
        self._unwritten = [] if write_later else None
        rules = load_rules(inputs.rules)
        rules_bytes = _read(inputs.rules)
        version = __version__.encode() + _code()
        if not inputs.sources.is_dir():
            raise PolicyError(inputs.shown(inputs.sources), "source policies folder not found", hint="create it and add policies with `policy-compare import`")
        files = sorted(inputs.sources.glob("*.md"))
        if not files:
            raise PolicyError(inputs.shown(inputs.sources), "no source policies (*.md)", hint="add one with `policy-compare import FILE --school NAME`")
        policies: list[Policy] = []
        by_id: dict[str, str] = {}
        for file in files:
            shown = inputs.shown(file)
            key = _digest(version, rules_bytes, shown.encode(), file.read_bytes())
            policy = self._load("policy", key, self._policies)
            if policy is None:
                policy = parse_policy(file, rules, shown)
                self._store("policy", key, policy, self._policies)
                self.stats["parsed"] += 1
            else:
                self.stats["parse_hits"] += 1
            if policy.id in by_id:
                raise PolicyError(shown, f"id {policy.id!r} is already used by {by_id[policy.id]}", 2, hint="give each school its own `id`")
            by_id[policy.id] = shown
            policies.append(policy)
        policies.sort(key=lambda p: p.id)
        corpus = _digest(version, rules_bytes, inputs.placeholder.encode(), *(p.source_hash.encode() + p.path.encode() for p in policies))
        topics_bytes, overrides_bytes = _read(inputs.topics), _read(inputs.overrides)
        register_bytes = _read(inputs.register)
        align_key = _digest(corpus.encode(), topics_bytes, overrides_bytes, register_bytes)
        alignment = self._load("alignment", align_key, self._alignments)
        if alignment is None:
            topics = load_topics(inputs.topics)
            overrides = load_overrides(inputs.overrides, inputs.shown(inputs.overrides) if inputs.overrides else None)
            # each stage cached on its own inputs: an edited overrides file re-groups rows
            # without classifying again, an edited `split` or `join` only re-assembles
            stage_keys = {
                "classify": _digest(corpus.encode(), topics_bytes),
                "rows": _digest(corpus.encode(), topics_bytes, repr(overrides.move).encode(), register_bytes),
            }

            def memo(stage: str, compute):  # type: ignore[no-untyped-def]
                key = stage_keys[stage]
                value = self._load(stage, key, self._stages)
                if value is None:
                    value = compute()
                    self._store(stage, key, value, self._stages)
                return value

            # sentence embeddings are kept on disk by wording: a rebuild encodes only new wordings
            if self.cache_dir:
                embeddings.load(self.cache_dir / embeddings.store_name())
            register = load_register(inputs.register if inputs.register and inputs.register.exists() else None)
            alignment = align(policies, topics, overrides, AlignSettings(), rules, inputs.placeholder, memo, register)
            if self.cache_dir:
                embeddings.save(_made(self.cache_dir) / embeddings.store_name())
            self._store("alignment", align_key, alignment, self._alignments)
            self.stats["aligned"] += 1
        else:
            self.stats["align_hits"] += 1
        return alignment

    def _load(self, kind: str, key: str, memory: dict) -> object | None:  # type: ignore[type-arg]
        if key in memory:
            return memory[key]
        if self.cache_dir:
            path = self.cache_dir / f"{kind}-{key[:32]}.pickle"
            if path.exists():
                try:
                    value = pickle.loads(path.read_bytes())
                except Exception:  # a stale or partial cache file is simply recomputed
                    return None
                memory[key] = value
                return value
        return None

    def write(self) -> None:
        """Write to the disk cache what :meth:`run` kept for later (see ``write_later``)."""
        unwritten, self._unwritten = self._unwritten or [], None
        for kind, key, value in unwritten:
            self._write(kind, key, value)

    def _store(self, kind: str, key: str, value: object, memory: dict) -> None:  # type: ignore[type-arg]
        memory[key] = value
        if self.cache_dir and self._unwritten is not None:
            self._unwritten.append((kind, key, value))
        elif self.cache_dir:
            self._write(kind, key, value)

    def _write(self, kind: str, key: str, value: object) -> None:
        if self.cache_dir:
            _made(self.cache_dir)
            # a file of this process's own, renamed into place whole: two builds at once never mix their writes
            tmp = self.cache_dir / f"{kind}-{key[:32]}.{os.getpid()}.tmp"
            try:
                tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                tmp.replace(self.cache_dir / f"{kind}-{key[:32]}.pickle")
            finally:
                tmp.unlink(missing_ok=True)


def default_inputs(root: Path) -> Inputs:
    """Inputs of a project laid out as this repository is."""
    sources = root / "source_policies"
    topics = sources / "topics.yml"
    return Inputs(
        root=root,
        sources=sources,
        topics=topics if topics.exists() else DEFAULT_TOPICS,
        overrides=sources / "overrides.yml",
        rules=DEFAULT_RULES,
        curation=sources / "curation.yml",
    )


__all__ = ["Inputs", "Pipeline", "default_inputs", "Rules"]
