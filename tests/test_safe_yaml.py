"""Maintainers' YAML is read without aliases, without unbounded nesting and with dates as written."""

from __future__ import annotations

import pytest
import yaml

from policy_compare.safe_yaml import key_lines, safe_load

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
)


def test_an_alias_is_refused_where_it_stands() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        safe_load(BOMB)
    assert "aliases are not allowed" in str(caught.value)
    assert caught.value.problem_mark.line + 1 == 2  # type: ignore[attr-defined]


def test_dates_stay_text_even_impossible_ones() -> None:
    assert safe_load("a: 2021-13-45\nb: 2021-11-23\nc: 2018-02\n") == {"a": "2021-13-45", "b": "2021-11-23", "c": "2018-02"}


def test_deep_nesting_is_a_yaml_error_not_a_recursion_error() -> None:
    with pytest.raises(yaml.YAMLError, match="nested too deeply"):
        safe_load("[" * 5000)


def test_key_lines() -> None:
    assert key_lines("school: A\nid: a\naliases:\n  - b\nreviewed: x\n", first_line=2) == {
        "school": 2, "id": 3, "aliases": 4, "reviewed": 6,
    }
