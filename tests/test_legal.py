"""Legislation and health pages, and the model's legislation appendix, on the real site."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from policy_compare.align import align, load_topics
from policy_compare.legal import appendix, legal_report, warnings
from policy_compare.normalise import load_rules
from policy_compare.parse import load_policies

from .conftest import ROOT, policy_md


def text_of(path: Path) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    return re.sub(r"\s+([:,.)])", r"\1", re.sub(r"\s+", " ", text))


def test_legislation_page_flags_stale_and_wrong_years(built: Path) -> None:
    page = text_of(built / "legislation" / "index.html")
    assert re.search(r"Malicious communications Act 2003 line \d+ Malicious Communications Act 1988 Wrong year or title: the Malicious Communications Act 1988 is from 1988, not 2003", page)
    assert re.search(r"Regulation of investigatory powers Act 2018 .*? Wrong year or title", page)
    assert re.search(r"Data protection act 1998 line \d+ Data Protection Act 1998 \(replaced by Data Protection Act 2018\) Repealed or replaced", page)
    assert "Expected but not mentioned: Data Protection Act 2018" in page


def test_health_page_has_a_row_per_school(built: Path) -> None:
    page = text_of(built / "health" / "index.html")
    assert re.search(r"Mosscroft Primary School 2018-02 Overdue \(due 2019-02-28\) 0 Mobile phones and personal devices, Cyberbullying", page)
    assert re.search(r"Heaton St\. Barnabas' CE \(VA\) Primary School 2021-11-23 Overdue \(due 2022-11-23\)", page)
    assert re.search(r"Whitchurch Primary School not stated Unknown: no review date 4 ", page)
    # the GDPR letter inside Whitchurch's legislation appendix is listed as off-topic with its location
    assert re.search(r"source_policies/whitchurch\.md:\d+ \(Appendix A – Relevant legislation\): We hold information for your child", page)


def test_model_appendix_is_current_law_with_links(built: Path) -> None:
    page = (built / "model-policy" / "index.html").read_text(encoding="utf-8")
    appendix_html = page[page.index('id="appendix-legislation"'):page.index('id="approval"')]
    assert "Data Protection Act 2018" in appendix_html and "https://www.legislation.gov.uk/ukpga/2018/12/contents" in appendix_html
    assert "Malicious Communications Act 1988" in appendix_html
    assert "Data Protection Act 1998" not in appendix_html and "Telecommunications Act 1984" not in appendix_html
    assert "Online Safety Act 2023" in appendix_html


def test_unresolved_act_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "oak.md").write_text(policy_md("Oak School", "oak", "Staff must follow the Imaginary Gadgets Act 2019."), encoding="utf-8")
    rules = load_rules()
    alignment = align(load_policies(tmp_path, rules), load_topics(ROOT / "source_policies" / "topics.yml"), rules=rules)
    report = legal_report(alignment, None)
    assert [c.flag for c in report.citations] == ["unresolved"]
    assert warnings(report) == [
        f"{tmp_path / 'oak.md'}:7: cites 'Imaginary Gadgets Act 2019', which the legislation register "
        f"({report.register.source}) does not know; add it to the register or correct the reference"
    ]
    assert all(item.title != "Imaginary Gadgets Act 2019" for item in appendix(report))
