"""Date normalisation against a document date (news convention: look back unless future)."""

from __future__ import annotations

import datetime as dt

import pytest

from actorgraph.dates import find_dates, full_dates, normalise, parse_reference

THURSDAY = dt.date(2021, 3, 11)  # a Thursday


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Thursday", dt.date(2021, 3, 11)),  # the reference day itself
        ("on Tuesday", dt.date(2021, 3, 9)),
        ("on Friday", dt.date(2021, 3, 5)),  # the most recent Friday, not tomorrow
        ("last Thursday", dt.date(2021, 3, 4)),
        ("last Monday", dt.date(2021, 3, 8)),
        ("yesterday", dt.date(2021, 3, 10)),
        ("today", dt.date(2021, 3, 11)),
        ("tomorrow", dt.date(2021, 3, 12)),
        ("last month", dt.date(2021, 2, 1)),
        ("last week", dt.date(2021, 3, 1)),
        ("last year", dt.date(2020, 1, 1)),
        ("three days ago", dt.date(2021, 3, 8)),
        ("March 2", dt.date(2021, 3, 2)),
        ("2 March", dt.date(2021, 3, 2)),
        ("Mar. 2", dt.date(2021, 3, 2)),
        ("the 2nd of March", dt.date(2021, 3, 2)),
        ("March 20", dt.date(2020, 3, 20)),  # later than the reference: the previous year
        ("December 3", dt.date(2020, 12, 3)),
        ("in January", dt.date(2021, 1, 1)),
        ("in October", dt.date(2020, 10, 1)),
        ("August 4, 2019", dt.date(2019, 8, 4)),
        ("in 1998", dt.date(1998, 1, 1)),
        ("June 2018", dt.date(2018, 6, 1)),
        ("2019-07-30", dt.date(2019, 7, 30)),
        ("Wednesday, March 3", dt.date(2021, 3, 3)),
    ],
)
def test_past_expressions(expression: str, expected: dt.date) -> None:
    assert normalise(expression, THURSDAY) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Friday", dt.date(2021, 3, 12)),
        ("on Thursday", dt.date(2021, 3, 11)),
        ("next Thursday", dt.date(2021, 3, 18)),
        ("March 2", dt.date(2022, 3, 2)),
        ("in October", dt.date(2021, 10, 1)),
        ("next month", dt.date(2021, 4, 1)),
    ],
)
def test_future_expressions(expression: str, expected: dt.date) -> None:
    assert normalise(expression, THURSDAY, future=True) == expected


def test_year_boundary() -> None:
    new_year = dt.date(2023, 1, 2)
    assert normalise("December 30", new_year) == dt.date(2022, 12, 30)
    assert normalise("last month", new_year) == dt.date(2022, 12, 1)
    assert normalise("in December", new_year) == dt.date(2022, 12, 1)


def test_leap_day_without_a_valid_year_gives_none() -> None:
    assert normalise("February 29", dt.date(2021, 3, 1)) is None
    assert normalise("February 29", dt.date(2020, 3, 1)) == dt.date(2020, 2, 29)


@pytest.mark.parametrize("expression", ["recently", "for months", "soon", "it may rain", ""])
def test_vague_or_no_expression(expression: str) -> None:
    assert normalise(expression, THURSDAY) is None


def test_relative_expressions_need_a_reference() -> None:
    assert normalise("on Monday", None) is None
    assert normalise("last month", None) is None
    assert normalise("August 4, 2019", None) == dt.date(2019, 8, 4)


def test_find_dates_gives_spans_in_order() -> None:
    text = "The envoys met on Tuesday and will meet again on 20 March."
    found = find_dates(text, THURSDAY)
    assert [t.text for t in found] == ["on Tuesday", "20 March"]
    assert text[found[0].start : found[0].end] == "on Tuesday"
    assert found[0].date == dt.date(2021, 3, 9)


def test_parse_reference() -> None:
    assert parse_reference("2021-03-11") == THURSDAY
    assert parse_reference("2021-03-11T10:00:00Z") == THURSDAY
    assert parse_reference("not a date") is None
    assert parse_reference(None) is None


def test_month_with_year_or_day_is_not_read_as_a_bare_month() -> None:
    assert normalise("in August 1990", THURSDAY) == dt.date(1990, 8, 1)
    assert normalise("by June 4", THURSDAY) == dt.date(2020, 6, 4)


def test_bare_month_said_in_that_month_is_this_month() -> None:
    assert normalise("in March", THURSDAY) == dt.date(2021, 3, 1)
    assert normalise("in March", THURSDAY, future=True) == dt.date(2021, 3, 1)


def test_since_marks_no_event_date() -> None:
    assert normalise("since 2019", THURSDAY) is None


def test_full_dates_need_a_year_and_come_in_text_order() -> None:
    text = "Signed on 3 March 2021, amended Feb. 30, 2022 and May 4, ratified 2022-01-09."
    assert full_dates(text) == [dt.date(2021, 3, 3), dt.date(2022, 1, 9)]
