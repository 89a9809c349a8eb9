"""Dates as policy documents print them: signature dates, damaged ones too."""
import pytest

from policykit.extract.dates import DATE_LINE, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Well-formed
        ("2015年7月30日", ("2015-07-30", False)),
        ("2021年12月28日", ("2021-12-28", False)),
        ("2024年04月02日", ("2024-04-02", False)),
        ("（2025年5月6日）", ("2025-05-06", False)),
        ("2022-11-16", ("2022-11-16", False)),
        ("2022.3.22", ("2022-03-22", False)),
        ("2022/3/22", ("2022-03-22", False)),
        # Chinese numerals, with the 〇 printed as a circle
        ("二〇一五年七月三十日", ("2015-07-30", False)),
        ("二〇二一年十二月二十八日", ("2021-12-28", False)),
        ("二○一二年一月九日", ("2012-01-09", False)),
        ("二零二三年十月一日", ("2023-10-01", False)),
        # 年月日 lost in scraping: repaired when only one reading is a date
        ("2015730", ("2015-07-30", True)),
        ("20151130", ("2015-11-30", True)),
        ("20240105", ("2024-01-05", True)),
        ("2015年7月30", ("2015-07-30", True)),
        ("2015年730日", ("2015-07-30", True)),
        ("2015 7 30", ("2015-07-30", True)),
        # Ambiguous: 1月11日 or 11月1日
        ("2015111", (None, False)),
        ("2020121", (None, False)),
        # Not dates
        ("2015年2月30日", (None, False)),
        ("2015年13月1日", (None, False)),
        ("2020", (None, False)),
        ("2020年", (None, False)),
        ("七月三十日", (None, False)),
        ("国发〔2014〕6号", (None, False)),
        ("", (None, False)),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "line",
    ["2018年12月6日", "（2025年5月6日）", "2015730", "二〇一五年七月三十日", "二○一二年一月九日", "2022-11-16", "2015年7月30"],
)
def test_date_line_matches_a_signature_date(line):
    assert DATE_LINE.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "2022年6月1日印发",
        "2022-11-16来源：市民政局",
        "到2025年，非化石能源消费比重达到20%。",
        "2024年北京市政务公开工作要点",
        "国发〔2019〕3号",
    ],
)
def test_date_line_rejects_lines_that_say_more(line):
    assert not DATE_LINE.match(line)


def test_date_line_finds_the_signature_in_a_text():
    text = "市人民政府办公厅\n2015730\n（此件公开发布）"
    m = DATE_LINE.search(text)
    assert m and parse_date(m.group()) == ("2015-07-30", True)


def test_a_megabyte_of_digits_is_read_quickly():
    line = "1" * 1_000_000
    assert DATE_LINE.search(line) is None
    assert parse_date(line) == (None, False)
