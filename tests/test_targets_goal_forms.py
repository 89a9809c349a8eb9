"""Numeric targets in the goal forms of work plans: a time word before the goal verb
(每年举办…), verbs the grammar did not know or joined by 、, a list of objects after one
verb, units with a bracketed alternative (台（套）), a bound before the goal verb (至少建成),
and the noun phrase, not the verb, as the indicator. Invented sentences, damaged forms too."""
import pytest

from policykit.extract.targets import find_targets
from policykit.normalize import normalize


def found(text):
    """The targets as the pipeline reads them: normalised first (widths, spaces, punctuation)."""
    return [(t.indicator, t.value, t.unit, t.comparator, t.year) for t in find_targets(normalize(text).text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每年举办乡村文化节庆活动不少于50场次。", [("乡村文化节庆活动", 50, "场次", "at_least", None)]),
        ("每年举办乡村文化节庆活动不少于 50 场次.", [("乡村文化节庆活动", 50, "场次", "at_least", None)]),
        ("每年新增普惠托育托位2000个。", [("新增普惠托育托位", 2000, "个", "exactly", None)]),
        ("每年新增普惠托育托位２０００个", [("新增普惠托育托位", 2000, "个", "exactly", None)]),
        ("每年遴选市级专精特新企业30家。", [("市级专精特新企业", 30, "家", "exactly", None)]),
        ("每年评选星级农家乐 40 家；", [("星级农家乐", 40, "家", "exactly", None)]),
        ("每季度开展安全生产检查不少于1次。", [("开展安全生产检查", 1, "次", "at_least", None)]),
        ("每年培训基层农技人员500人次。", [("培训基层农技人员", 500, "人次", "exactly", None)]),
        # a time word before the verb is not its subject
        ("年均培育新型职业农民3000人。", [("新型职业农民", 3000, "人", "exactly", None)]),
    ],
)
def test_a_time_word_before_the_goal_verb(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布优秀治理案例15个。", [("优秀治理案例", 15, "个", "exactly", None)]),
        ("新创建绿色社区80个。", [("绿色社区", 80, "个", "exactly", None)]),
        ("再培育省级龙头企业 12 家。", [("省级龙头企业", 12, "家", "exactly", None)]),
        ("新建、改扩建城市口袋公园12个。", [("城市口袋公园", 12, "个", "exactly", None)]),
        ("新建、改造农村公路 300 公里", [("农村公路", 300, "公里", "exactly", None)]),
        ("组织开展业务骨干轮训不少于4期。", [("组织开展业务骨干轮训", 4, "期", "at_least", None)]),
        ("编印服务指南5000册。", [("编印服务指南", 5000, "册", "exactly", None)]),
        ("选派科技特派员不少于 200 名。", [("科技特派员", 200, "名", "at_least", None)]),
        ("组织两地干部交流挂职不少于3批次。", [("组织两地干部交流挂职", 3, "批次", "at_least", None)]),
        ("开通城乡公交线路 8 条。", [("城乡公交线路", 8, "条", "exactly", None)]),
    ],
)
def test_goal_verbs_new_prefixed_or_joined(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新创建绿色社区80个，示范街道5个。",
         [("绿色社区", 80, "个", "exactly", None), ("示范街道", 5, "个", "exactly", None)]),
        ("新创建绿色社区80个, 示范街道5个, 示范乡镇3个。",
         [("绿色社区", 80, "个", "exactly", None), ("示范街道", 5, "个", "exactly", None),
          ("示范乡镇", 3, "个", "exactly", None)]),
        ("改造老旧供水管网26公里、排水管网31公里。",
         [("老旧供水管网", 26, "公里", "exactly", None), ("排水管网", 31, "公里", "exactly", None)]),
        ("改造老旧供水管网 26 公里、排水管网 31 公里",
         [("老旧供水管网", 26, "公里", "exactly", None), ("排水管网", 31, "公里", "exactly", None)]),
        ("发布优秀治理案例15个、典型经验20篇。",
         [("优秀治理案例", 15, "个", "exactly", None), ("典型经验", 20, "篇", "exactly", None)]),
        ("新建污水管网20公里、雨水管网15公里、再生水管网5公里。",
         [("新建污水管网", 20, "公里", "exactly", None), ("雨水管网", 15, "公里", "exactly", None),
          ("再生水管网", 5, "公里", "exactly", None)]),
    ],
)
def test_a_list_of_objects_after_one_verb(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("泵站自动化改造64座。", [("泵站自动化改造", 64, "座", "exactly", None)]),
        ("农村危房改造1200户，农村厕所改造 3000 户。",
         [("农村危房改造", 1200, "户", "exactly", None), ("农村厕所改造", 3000, "户", "exactly", None)]),
        ("河道综合治理30公里。", [("河道综合治理", 30, "公里", "exactly", None)]),
        ("全年农村公路提档升级 150 公里", [("农村公路提档升级", 150, "公里", "exactly", None)]),
        ("完成困难老年人家庭适老化改造3000户。", [("困难老年人家庭适老化改造", 3000, "户", "exactly", None)]),
        ("县域节水型社会达标率达到95%。", [("县域节水型社会达标率", 95, "%", "exactly", None)]),
        ("政府性融资担保费率降至1%以下。", [("政府性融资担保费率", 1, "%", "at_most", None)]),
        # a verb that opens a time clause stays: 改造后
        ("改造后建筑能效提升30%。", [("改造后建筑能效", 30, "%", "increase_by", None)]),
        # before a comparator 改造 names the measure
        ("改造面积达到10万平方米。", [("改造面积", 10, "万平方米", "exactly", None)]),
    ],
)
def test_the_indicator_is_the_noun_phrase(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推广节能灶具3000台（套）。", [("节能灶具", 3000, "台（套）", "exactly", None)]),
        ("推广节能灶具 3000 台(套)", [("节能灶具", 3000, "台（套）", "exactly", None)]),
        ("新增充电桩1200个（处）以上。", [("新增充电桩", 1200, "个（处）", "at_least", None)]),
        ("更新公交车辆200辆（台）、出租车300辆。",
         [("更新公交车辆", 200, "辆（台）", "exactly", None), ("出租车", 300, "辆", "exactly", None)]),
    ],
)
def test_a_unit_with_its_alternative_in_brackets(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年底前每个乡镇至少建成2个示范村。", [("示范村", 2, "个", "at_least", None)]),
        ("每个县至少打造1个县级综合服务中心。", [("县级综合服务中心", 1, "个", "at_least", None)]),
        ("各区最多新建3个试点园区。", [("试点园区", 3, "个", "at_most", None)]),
        ("全年力争新建约 20 个社区食堂", [("社区食堂", 20, "个", "about", None)]),
    ],
)
def test_a_bound_before_the_goal_verb(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "编印服务指南。",
        "对符合条件的企业给予最高50万元奖励。",
        "目前已建成示范村30个。",
        "截至2023年底，全市已培育专精特新企业120家。",
        "公布第3批试点城市名单。",
        "深入实施“百人计划”。",
        "根据《关于做好2024年工作的通知》（江政办〔2024〕15号）要求。",
        "一期工程于2024年3月开工。",
        "启动新一轮改革。",
        "分三批次推进实施。",
        "本办法自2024年3月15日起施行。",
        "（三）推进示范创建。",
        "4.加强组织领导。",
        "发布第15期工作简报。",
        "建立一本账管理制度。",
        "项目总投资50亿元。",
        "今年以来已完成危房改造120户。",
        "对完成改造的每户补助5000元。",
        "本次共检查企业30家。",
    ],
)
def test_not_a_target(text):
    assert found(text) == []


def test_the_span_keeps_the_scope_before_a_time_word():
    text = "各区县每年至少举办2场专场招聘会。"
    (target,) = find_targets(text)
    assert (target.scope, target.indicator, target.comparator) == ("各区县", "专场招聘会", "at_least")
    assert text[target.start:target.end] == "各区县每年至少举办2场专场招聘会"
