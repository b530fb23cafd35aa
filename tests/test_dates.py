"""Tests for reading policy dates and review status (policy_compare.dates)."""

from __future__ import annotations

from datetime import date

import pytest
from policy_compare.dates import (
    DateField,
    PolicyDate,
    ReviewStatus,
    add_months,
    find_date,
    find_date_fields,
    find_policy_dates,
    find_review_months,
    parse_date,
    policy_review_status,
    review_status,
)
from policy_compare.model import Policy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23rd November 2021", PolicyDate(2021, 11, 23)),
        ("23 November 2021", PolicyDate(2021, 11, 23)),
        ("1st September 2020", PolicyDate(2020, 9, 1)),
        ("Monday 23rd of November 2021", PolicyDate(2021, 11, 23)),
        ("November 23, 2021", PolicyDate(2021, 11, 23)),
        ("Nov 23rd 2021", PolicyDate(2021, 11, 23)),
        ("23/11/2021", PolicyDate(2021, 11, 23)),
        ("23.11.2021", PolicyDate(2021, 11, 23)),
        ("23/11/21", PolicyDate(2021, 11, 23)),
        ("2021-11-23", PolicyDate(2021, 11, 23)),
        ("February 2018", PolicyDate(2018, 2)),
        ("Nov 2021", PolicyDate(2021, 11)),
        ("Sept. 2019", PolicyDate(2019, 9)),
        ("11/2021", PolicyDate(2021, 11)),
        ("2018-02", PolicyDate(2018, 2)),
        ("Autumn 2019", PolicyDate(2019, 9)),
        ("Spring Term 2020", PolicyDate(2020, 1)),
        ("summer term, 2021", PolicyDate(2021, 4)),
        (" (23rd November 2021). ", PolicyDate(2021, 11, 23)),
    ],
)
def test_parse_date_forms(text: str, expected: PolicyDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "hello", "31/02/2021", "11/23/2021", "2.3.10", "On: 23rd November 2021", "2021", "Reviewed annually"],
)
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_policy_date_precision_and_iso_form() -> None:
    day, month = PolicyDate(2021, 11, 23), PolicyDate(2020, 2)
    assert (day.precision, str(day), day.first_day(), day.last_day()) == (
        "day",
        "2021-11-23",
        date(2021, 11, 23),
        date(2021, 11, 23),
    )
    assert (month.precision, str(month), month.first_day(), month.last_day()) == (
        "month",
        "2020-02",
        date(2020, 2, 1),
        date(2020, 2, 29),
    )
    # what the importer writes to front matter reads back as the same date
    assert parse_date(str(day)) == day and parse_date(str(month)) == month


def test_find_date_takes_the_first_and_longest_reading() -> None:
    assert find_date("On: 23rd November 2021, signed") == (PolicyDate(2021, 11, 23), "23rd November 2021")
    assert find_date("due in Autumn 2022 or sooner") == (PolicyDate(2022, 9), "Autumn 2022")
    assert find_date("nothing here") is None


HEATON = ["Policy For", "", "Social Media", "", "This policy was updated on", "", "On: 23rd November 2021", "", "Signed....."]
MOSSCROFT = [
    "Agreed by",
    "",
    "Mrs P. France",
    "",
    "Head teacher",
    "",
    "Date:",
    "",
    "Agreed by",
    "",
    "Mr N. Bowmaker",
    "",
    "Chair of Governors",
    "",
    "Date:",
    "",
    "Policy Reviewed: February 2018",
    "",
    "Policy review date:",
]


def test_value_on_a_following_line() -> None:
    assert find_date_fields(HEATON) == (
        DateField("reviewed", "This policy was updated on", "23rd November 2021", 4, PolicyDate(2021, 11, 23), "found"),
    )
    assert find_policy_dates(HEATON) == {"reviewed": PolicyDate(2021, 11, 23)}


def test_blank_labels_are_reported() -> None:
    fields = find_date_fields(MOSSCROFT)
    assert [(f.field, f.status, f.line) for f in fields] == [
        ("adopted", "blank", 6),
        ("adopted", "blank", 14),
        ("reviewed", "found", 16),
        ("next_review", "blank", 18),
    ]
    assert find_policy_dates(MOSSCROFT) == {"adopted": None, "reviewed": PolicyDate(2018, 2), "next_review": None}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Date of next review: September 2022"], {"next_review": PolicyDate(2022, 9)}),
        (["Next review date - Autumn 2022"], {"next_review": PolicyDate(2022, 9)}),
        (["This policy will be reviewed in July 2023."], {"next_review": PolicyDate(2023, 7)}),
        (["Adopted by governors on 12/03/2020"], {"adopted": PolicyDate(2020, 3, 12)}),
        (["**Date approved:** 1st September 2020"], {"adopted": PolicyDate(2020, 9, 1)}),
        (["Last reviewed: Nov 2021", "Reviewed: 2 March 2023", "Reviewed: 2019-05-01"], {"reviewed": PolicyDate(2023, 3, 2)}),
        (["Next review: TBC"], {"next_review": None}),
        (["Review date: ________"], {"next_review": None}),
        # an academy's Local Governing Body, a trust's board; a label after a sentence on its line
        (["Approved by the Board of Trustees on 3 May 2024"], {"adopted": PolicyDate(2024, 5, 3)}),
        (["Part of the Teesmoor Learning Partnership. Approved by the Local Governing Body: 14 September 2022. "
          "Next review: September 2024."], {"adopted": PolicyDate(2022, 9, 14), "next_review": PolicyDate(2024, 9)}),
        (["Written by the headteacher. Adopted by the Full Governing Body in March 2023. It is reviewed every year."],
         {"adopted": PolicyDate(2023, 3)}),
    ],
)
def test_labelled_dates(lines: list[str], expected: dict[str, PolicyDate | None]) -> None:
    assert find_policy_dates(lines) == expected


@pytest.mark.parametrize(
    "line",
    [
        "This policy will be reviewed annually by the governing body.",
        "Reviewed annually or more regularly in the light of incidents.",
        "Agreed by",
        "Date of the school trip is in the newsletter.",
        "Children, Families and Education Directorate page 38 April 2007.",
    ],
)
def test_sentences_are_not_date_labels(line: str) -> None:
    assert find_date_fields([line]) == ()


def test_unreadable_value_is_kept() -> None:
    (field,) = find_date_fields(["Next review: when legislation changes"])
    assert (field.field, field.status, field.text, field.date) == ("next_review", "unreadable", "when legislation changes", None)


@pytest.mark.parametrize(
    ("line", "months"),
    [
        ("it will be reviewed by the governors annually, or more regularly", 12),
        ("This policy is reviewed every two years.", 24),
        ("The policy will be reviewed every 3 years by the FGB.", 36),
        ("Reviewed termly by the e-safety committee.", 4),
        ("Staff meet annually to discuss safeguarding.", None),
    ],
)
def test_review_interval(line: str, months: int | None) -> None:
    assert find_review_months(["Introduction", line]) == months


# --- review status -----------------------------------------------------------------------------------


def test_annual_review_from_month_precision_counts_from_end_of_month() -> None:
    reviewed = PolicyDate(2018, 2)
    on_time = review_status(reviewed, None, None, today=date(2019, 2, 28))
    assert on_time == ReviewStatus(state="current", due=date(2019, 2, 28), basis="last-review", review_months=12, days_past_due=0)
    late = review_status(reviewed, None, None, today=date(2019, 3, 1))
    assert (late.state, late.days_past_due) == ("overdue", 1)


def test_annual_review_from_a_day() -> None:
    reviewed = PolicyDate(2021, 11, 23)
    assert review_status(reviewed, None, None, date(2022, 11, 23)).state == "current"
    assert review_status(reviewed, None, None, date(2022, 11, 24)).state == "overdue"
    assert review_status(reviewed, None, 24, date(2022, 11, 24)) == ReviewStatus(
        state="current", due=date(2023, 11, 23), basis="last-review", review_months=24, days_past_due=-364
    )


def test_explicit_next_review_wins_and_month_means_end_of_month() -> None:
    status = review_status(PolicyDate(2021, 11, 23), PolicyDate(2022, 11), None, date(2022, 11, 30))
    assert (status.state, status.due, status.basis) == ("current", date(2022, 11, 30), "next-review")
    assert review_status(None, PolicyDate(2022, 11), None, date(2022, 12, 1)).state == "overdue"


def test_no_dates_is_unknown() -> None:
    assert review_status(None, None, 6, date(2025, 1, 1)) == ReviewStatus("unknown", None, "none", 6, None)


def test_review_interval_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        review_status(PolicyDate(2020, 1), None, 0, date(2025, 1, 1))


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2023, 5, 15), 12) == date(2024, 5, 15)


def test_policy_review_status_reads_front_matter() -> None:
    policy = Policy(id="mosscroft", school="Mosscroft", title="", path="", clauses=(), reviewed="2018-02", review_months=None)
    status = policy_review_status(policy, date(2025, 11, 21))
    assert (status.state, status.due, status.basis) == ("overdue", date(2019, 2, 28), "last-review")
    adopted_only = Policy(id="x", school="X", title="", path="", clauses=(), adopted="1 September 2025", review_months=24)
    assert policy_review_status(adopted_only, date(2025, 11, 21)).due == date(2027, 9, 1)
    assert policy_review_status(Policy(id="y", school="Y", title="", path="", clauses=()), date(2025, 1, 1)).state == "unknown"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Next review: March 2024"], {"next_review": PolicyDate(2024, 3)}),
        (["Review date: 03/24"], {"next_review": PolicyDate(2024, 3)}),
        (["To be reviewed: Spring 2025"], {"next_review": PolicyDate(2025, 1)}),
        (["Next review date:", "03/24"], {"next_review": PolicyDate(2024, 3)}),
        (["Next review: | March 2024"], {"next_review": PolicyDate(2024, 3)}),  # a table row read as one line
        (
            ["Adopted: January 2023  Next review: March 2024"],
            {"adopted": PolicyDate(2023, 1), "next_review": PolicyDate(2024, 3)},
        ),
        (
            ["Reviewed: 01/09/2023 | Next review: 01/09/2024"],
            {"reviewed": PolicyDate(2023, 9, 1), "next_review": PolicyDate(2024, 9, 1)},
        ),
        (["Staff are on call 24/7 and review 3/4 of cases"], {}),  # a month and short year only after a label
    ],
)
def test_review_dates_in_every_common_form(lines: list[str], expected: dict[str, PolicyDate | None]) -> None:
    assert find_policy_dates(lines) == expected
