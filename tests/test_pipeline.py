"""Caching between rebuilds, invalidation, and order independence of the alignment."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from policy_compare.align import align, load_topics
from policy_compare.export import alignment_json
from policy_compare.normalise import load_rules
from policy_compare.pipeline import Inputs, Pipeline

from .conftest import ROOT


@pytest.fixture()
def inputs(tmp_path: Path) -> Inputs:
    shutil.copytree(ROOT / "source_policies", tmp_path / "source_policies")
    sources = tmp_path / "source_policies"
    return Inputs(root=tmp_path, sources=sources, topics=sources / "topics.yml", overrides=sources / "overrides.yml",
                  rules=sources / "normalisation.yml", curation=sources / "curation.yml")


def test_unchanged_sources_are_not_parsed_or_aligned_again(inputs: Inputs) -> None:
    pipeline = Pipeline()
    first = pipeline.run(inputs)
    assert pipeline.stats == {"parsed": 5, "parse_hits": 0, "aligned": 1, "align_hits": 0}
    again = pipeline.run(inputs)
    assert again is first
    assert pipeline.stats == {"parsed": 5, "parse_hits": 5, "aligned": 1, "align_hits": 1}


def test_editing_one_source_reparses_only_that_one(inputs: Inputs) -> None:
    pipeline = Pipeline()
    pipeline.run(inputs)
    path = inputs.sources / "cambois.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nStaff must lock their phones.\n", encoding="utf-8")
    result = pipeline.run(inputs)
    assert pipeline.stats["parsed"] == 6 and pipeline.stats["parse_hits"] == 4 and pipeline.stats["aligned"] == 2
    assert any(c.text == "Staff must lock their phones." for p in result.policies for c in p.clauses)


@pytest.mark.parametrize("name", ["topics.yml", "overrides.yml", "normalisation.yml"])
def test_config_files_invalidate_the_alignment(inputs: Inputs, name: str) -> None:
    pipeline = Pipeline()
    pipeline.run(inputs)
    path = inputs.sources / name
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    pipeline.run(inputs)
    assert pipeline.stats["aligned"] == 2
    # normalisation rules change what parsing produces, so every source is parsed again
    assert pipeline.stats["parsed"] == (10 if name == "normalisation.yml" else 5)


def test_plugin_version_is_part_of_the_key(inputs: Inputs, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = Pipeline()
    pipeline.run(inputs)
    import policy_compare.pipeline as module

    monkeypatch.setattr(module, "__version__", "9.9.9")
    pipeline.run(inputs)
    assert pipeline.stats["parsed"] == 10 and pipeline.stats["aligned"] == 2


def test_disk_cache_survives_a_new_process_and_gives_the_same_result(inputs: Inputs, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = Pipeline(cache).run(inputs)
    fresh = Pipeline(cache)
    second = fresh.run(inputs)
    assert fresh.stats == {"parsed": 0, "parse_hits": 5, "aligned": 0, "align_hits": 1}
    assert alignment_json(first) == alignment_json(second)
    assert (cache / ".gitignore").read_text() == "*\n"
    for stale in cache.glob("*.pickle"):
        stale.write_bytes(b"not a pickle")
    third = Pipeline(cache)
    assert alignment_json(third.run(inputs)) == alignment_json(first)
    assert third.stats["parsed"] == 5


def test_school_order_never_changes_topics_or_rows(inputs: Inputs) -> None:
    rules = load_rules(inputs.rules)
    topics = load_topics(inputs.topics)
    policies = list(Pipeline().run(inputs).policies)
    reference = align(policies, topics, rules=rules)

    def grouping(alignment):
        rows = {frozenset(cid for ids in r.clauses.values() for cid in ids) for r in alignment.rows}
        return alignment.clause_topic, rows

    expected = grouping(reference)
    for seed in range(4):
        shuffled = policies[:]
        random.Random(seed).shuffle(shuffled)
        # clause order inside each policy is the text's order; shuffle which school comes first
        assert grouping(align(shuffled, topics, rules=rules)) == expected
    assert alignment_json(align(list(reversed(policies)), topics, rules=rules)) == alignment_json(reference)


def test_any_change_to_the_package_files_changes_the_fingerprint(tmp_path: Path) -> None:
    import shutil

    from policy_compare import pipeline as module

    package = Path(module.__file__).parent
    copy = tmp_path / "package"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = module.fingerprint(copy)
    assert module.fingerprint(copy) == before == module.fingerprint(package)
    (copy / "templates" / "topic.md.j2").write_text("changed", encoding="utf-8")
    assert module.fingerprint(copy) != before


@pytest.mark.parametrize("name", ["topics.yml", "normalisation.yml"])
def test_the_project_copies_of_the_packaged_defaults_have_not_drifted(name: str) -> None:
    """source_policies/ holds this trust's copies of the taxonomy and rules the plugin ships as
    defaults; they are kept identical, so a site without its own copy aligns the same way."""
    from policy_compare import pipeline as module

    from .conftest import ROOT

    packaged = Path(module.__file__).parent / "data" / name
    assert (ROOT / "source_policies" / name).read_bytes() == packaged.read_bytes(), f"copy {name} to plugins/policy_compare/data/"
