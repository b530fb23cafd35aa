"""Property-based tests over what maintainers type: any front-matter value and any shape of each
YAML file gives either a working project or one clear error naming the file, never a traceback."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_compare.errors import PolicyError
from policy_compare.legal import legal_report
from policy_compare.merge import load_curation, merge
from policy_compare.normalise import DEFAULT_RULES
from policy_compare.pipeline import DEFAULT_TOPICS, Inputs, Pipeline
from policy_compare.validate import FRONT_MATTER_KEYS, validate_project

from .conftest import ROOT

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.sampled_from(["2021-13-45", "2021-02-30", "2021-11-23", "2018-02", "Autumn 2019", "", "-5"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=10)
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def _project() -> Iterator[Inputs]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sources = root / "source_policies"
        sources.mkdir()
        shutil.copy(ROOT / "source_policies" / "cambois.md", sources / "cambois.md")
        yield Inputs(root=root, sources=sources, topics=DEFAULT_TOPICS, overrides=sources / "overrides.yml", rules=DEFAULT_RULES,
                     curation=sources / "curation.yml", register=sources / "register.yml")


def _outcome(inputs: Inputs, named: str, align: bool = False) -> None:
    """Checking (and, with ``align``, parsing and aligning) works or raises one error naming the file."""
    try:
        validate_project(inputs)
        if align:
            alignment = Pipeline().run(inputs)
            legal_report(alignment, inputs.register if inputs.register and inputs.register.exists() else None)
            merge(alignment, load_curation(inputs.curation, named))
    except PolicyError as exc:
        assert str(exc).startswith(named), str(exc)


@SETTINGS
@given(key=st.sampled_from([*FRONT_MATTER_KEYS, "reveiwed", "colour"]), value=values)
def test_any_front_matter_value_is_accepted_or_one_error_naming_the_file(key: str, value: object) -> None:
    with _project() as inputs:
        source = inputs.sources / "cambois.md"
        text = source.read_text(encoding="utf-8")
        lines = [line for line in text.split("\n") if not line.startswith(f"{key}:")]
        lines.insert(1, f"{key}: {json.dumps(value)}")
        source.write_text("\n".join(lines), encoding="utf-8")
        _outcome(inputs, "source_policies/cambois.md", align=True)


@SETTINGS
@given(name=st.sampled_from(["overrides.yml", "curation.yml", "register.yml"]),
       data=st.one_of(values, st.dictionaries(st.sampled_from(["move", "join", "split", "exclude", "essential", "choose", "replace",
                                                               "drop", "add", "order", "title", "review_months", "instruments"]),
                                              values, max_size=3)))
def test_any_shape_of_a_yaml_file_is_accepted_or_one_error_naming_it(name: str, data: object) -> None:
    with _project() as inputs:
        (inputs.sources / name).write_text(json.dumps(data), encoding="utf-8")
        _outcome(inputs, f"source_policies/{name}", align=True)


@SETTINGS
@given(entry=st.dictionaries(st.sampled_from(["id", "title", "order", "terms", "headings", "examples", "off_topic", "description"]),
                             values, max_size=5))
def test_any_shape_of_a_topic_is_accepted_or_one_error_naming_the_file(entry: dict[str, object]) -> None:
    import yaml

    with _project() as inputs:
        topics = yaml.safe_load(DEFAULT_TOPICS.read_text(encoding="utf-8"))
        topics["topics"].append(entry)
        path = inputs.sources / "topics.yml"
        path.write_text(json.dumps(topics), encoding="utf-8")
        _outcome(Inputs(**{**inputs.__dict__, "topics": path}), "source_policies/topics.yml", align=True)
