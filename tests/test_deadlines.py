"""The deadline of one measure: its text plus the assignment note after it."""
import pytest

from policykit.extract.deadlines import find_deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A label in the assignment note wins over dates in the prose
        (
            "做好重点领域政策信息的发布解读。（市商务局负责落实，完成时限：2024年10月）",
            ("2024年10月", "2024-10-31", "by_date"),
        ),
        (
            "2023年底前完成清单编制，动态更新权责清单。（市委编办负责落实，完成时限：2024年12月）",
            ("2024年12月", "2024-12-31", "by_date"),
        ),
        ("健全政策清理机制。（市司法局牵头，完成时间：2024年6月底前）", ("2024年6月底前", "2024-06-30", "by_date")),
        ("建立工作台账。\n牵头单位：市林业局\n完成时限：2025年12月31日", ("2025年12月31日", "2025-12-31", "by_date")),
        ("强化队伍培训。（各区政府负责落实，完成时限：长期坚持）", ("长期坚持", None, "ongoing")),
        ("开展第三方评估。（市政务服务局负责，完成时限：每年）", ("每年", None, "annual")),
        ("开展督查。（市政府办公厅负责，完成时限：根据国家部署）", ("根据国家部署", None, "other")),
        # A date or a standing phrase in the assignment note
        ("推进老旧小区改造。（市住房城乡建设委负责，2020年底前完成）", ("2020年底前", "2020-12-31", "by_date")),
        ("建成市级数据平台。（市经信局牵头，2021年6月底前）", ("2021年6月底前", "2021-06-30", "by_date")),
        ("完善考核办法。（市发展改革委负责，2022年上半年）", ("2022年上半年", "2022-06-30", "by_date")),
        ("出台配套细则。（市财政局负责，2023年第三季度）", ("2023年第三季度", "2023-09-30", "by_date")),
        ("加强执法检查。（市市场监管局牵头，各区政府配合，长期坚持）", ("长期坚持", None, "ongoing")),
        ("深化放管服改革。（市政务服务局负责，持续推进）", ("持续推进", None, "ongoing")),
        ("发布年度报告。（市统计局负责，每年）", ("每年", None, "annual")),
        ("组织应急演练。（市应急局负责，年底前完成）", ("年底前", None, "by_date")),
        # A date in the prose that says "by"
        ("2023年6月底前完成存量排查，建立问题清单。", ("2023年6月底前", "2023-06-30", "by_date")),
        ("试点地区要于2019年12月底前，对试点情况进行总结。", ("2019年12月底前", "2019-12-31", "by_date")),
        ("（一）2021年9月底之前，市生态环境局牵头组建工作专班。", ("2021年9月底之前", "2021-09-30", "by_date")),
        ("加快淘汰老旧车辆，2025年年底前基本淘汰国三排放标准车辆。", ("2025年年底前", "2025-12-31", "by_date")),
        ("各单位于2012年4月28日前报送登记表。", ("2012年4月28日前", "2012-04-28", "by_date")),
        # Target years, verbs and titles are no deadline
        ("到2025年，全市新能源汽车保有量达到10万辆。", None),
        ("到2025年底，建设一批绿色改造示范项目。", None),
        ("争取2025年前，实现高风险领域责任保险全覆盖。", None),
        ("推动示范企业2021年底前打造零碳工厂。", None),
        ("持续推进“放管服”改革，每年选取一批企业重点培育。", None),
        ("完整贯彻《2030年前碳达峰行动方案》，推动节能降碳。", None),
        ("提供办理进度、办理完成时限等在线查询服务。", None),
        ("加强宣传引导。（市委宣传部负责）", None),
        ("彻底整治违规行为。（市城管委负责，纳入年度考核）", None),
        ("", None),
    ],
)
def test_find_deadline(text, expected):
    found = find_deadline(text)
    if expected is None:
        assert found is None
    else:
        assert (found.text, found.date, found.kind) == expected


def test_span_points_at_the_deadline_text():
    text = "做好信息公开。（市发展改革委负责落实，完成时限：2024年10月）"
    found = find_deadline(text)
    assert text[found.start:found.end] == found.text == "2024年10月"


def test_the_measures_own_note_is_the_last_one():
    text = "建设公共服务平台（含移动端）。（市经信局负责，2022年底前）"
    found = find_deadline(text)
    assert found.text == "2022年底前"


def test_month_end_knows_february():
    assert find_deadline("（市农业农村局负责，2024年2月底前）").date == "2024-02-29"


@pytest.mark.parametrize(
    "text",
    ["《" * 1_000_000, "1" * 1_000_000, "（" * 1_000_000, "2020年" * 200_000, "（负责，" * 200_000],
    ids=["open-brackets", "digits", "open-parens", "years", "unclosed-notes"],
)
def test_a_megabyte_of_one_pattern_is_read_quickly(text):
    find_deadline(text)
