"""Measures: the smallest numbered items that carry (or inherit) an assignment."""
import pytest

from policykit.extract.measures import find_measures
from policykit.normalize import normalize
from policykit.outline import parse
from policykit.pipeline import extract_text


def run(source):
    text = normalize(source).text
    found, warnings, notes = find_measures(text, parse(text))
    return text, found, warnings, notes


def measures(source):
    """(path, title, lead units, co units) of every measure."""
    _, found, _, _ = run(source)
    return [(m.node.path, m.title, m.lead, m.co) for m in found]


def bodies(source):
    text, found, _, _ = run(source)
    return [m.body(text) for m in found]


def warning_codes(source):
    _, _, warnings, _ = run(source)
    return [w.code for w in warnings]


# ---------------------------------------------------------------- one measure per note

TWO_ITEMS = (
    "二、工作重点\n"
    "（一）促进知识产权创造运用。\n"
    "1.推进知识产权优势企业发展。围绕支柱产业，培育一批优势企业。（牵头单位：市发改委、市经信委、市科技局）\n"
    "2.着力打造知名品牌。大力实施商标战略。（牵头单位：市工商局；配合单位：市质监局）\n"
)


def test_each_item_with_a_note_is_a_measure():
    assert measures(TWO_ITEMS) == [
        (["二", "一", "1"], "推进知识产权优势企业发展", ["市发改委", "市经信委", "市科技局"], []),
        (["二", "一", "2"], "着力打造知名品牌", ["市工商局"], ["市质监局"]),
    ]


def test_a_measure_text_is_the_body_after_its_title_without_the_note():
    assert bodies(TWO_ITEMS) == ["围绕支柱产业，培育一批优势企业。", "大力实施商标战略。"]


def test_a_measure_span_starts_at_its_number_and_ends_after_its_note():
    text, found, _, _ = run(TWO_ITEMS)
    assert text[found[1].start:found[1].end] == "2.着力打造知名品牌。大力实施商标战略。（牵头单位：市工商局；配合单位：市质监局）"


def test_every_note_belongs_to_exactly_one_measure():
    _, found, _, notes = run(TWO_ITEMS)
    owned = [id(note) for m in found for note in m.notes]
    assert sorted(owned) == sorted(id(note) for note in notes)


def test_a_measure_body_spans_several_paragraphs():
    source = "（三）加强财政支持。\n完善知识产权资助政策。\n加大对小微企业的支持力度。（牵头单位：市财政局）"
    assert bodies(source) == ["完善知识产权资助政策。加大对小微企业的支持力度。"]


def test_an_item_with_several_notes_is_split_at_each_note():
    source = (
        "一、重点任务\n"
        "（一）加强组织领导。建立知识产权联席会议制度。（市发改委负责）"
        "开展知识产权专项督查。（市政府督查室负责）\n"
    )
    # the second task goes on in the paragraph of the first: no heading phrase of its own
    assert measures(source) == [
        (["一", "一"], "加强组织领导", ["市发改委"], []),
        (["一", "一"], None, ["市政府督查室"], []),
    ]


def test_a_later_task_on_a_paragraph_of_its_own_takes_its_opening_phrase():
    source = (
        "一、重点任务\n"
        "（一）加强组织领导。建立知识产权联席会议制度。（市发改委负责）\n"
        "开展知识产权专项督查。定期通报督查结果。（市政府督查室负责）\n"
    )
    assert [title for _, title, _, _ in measures(source)] == ["加强组织领导", "开展知识产权专项督查"]


def test_each_part_of_a_split_item_has_its_own_text():
    source = (
        "一、重点任务\n"
        "（一）加强组织领导。建立知识产权联席会议制度。（市发改委负责）\n"
        "定期开展知识产权专项督查，通报督查结果。（市政府督查室负责）\n"
    )
    text, found, _, _ = run(source)
    assert [text[m.start:m.end] for m in found] == [
        "（一）加强组织领导。建立知识产权联席会议制度。（市发改委负责）",
        "定期开展知识产权专项督查，通报督查结果。（市政府督查室负责）",
    ]


def test_items_without_a_note_in_a_document_with_notes_are_no_measures():
    source = "一、重点任务\n（一）加强组织领导。建立联席会议制度。（市科技局负责）\n（二）强化宣传引导。开展宣传活动。"
    assert [path for path, *_ in measures(source)] == [["一", "一"]]


# ---------------------------------------------------------------- inherited assignments

INHERITED = (
    "一、重点任务\n"
    "（一）提升创新能力。（牵头单位：市科技局；配合单位：市财政局）\n"
    "1.建设创新平台。建设一批重点实验室。\n"
    "2.培育创新主体。培育一批高新技术企业。\n"
    "3.引进创新人才。引进一批高层次人才。（市委人才办负责）\n"
)


def test_a_heading_note_goes_to_the_items_under_it():
    assert measures(INHERITED)[:2] == [
        (["一", "一", "1"], "建设创新平台", ["市科技局"], ["市财政局"]),
        (["一", "一", "2"], "培育创新主体", ["市科技局"], ["市财政局"]),
    ]


def test_an_item_with_its_own_note_keeps_its_own_units():
    assert measures(INHERITED)[2] == (["一", "一", "3"], "引进创新人才", ["市委人才办"], [])


def test_the_heading_that_carries_the_note_is_no_measure_itself():
    assert ["一", "一"] not in [path for path, *_ in measures(INHERITED)]


# ---------------------------------------------------------------- documents without notes

NO_NOTES = (
    "一、总体要求\n"
    "（一）指导思想。以新发展理念为引领。\n"
    "（二）基本原则。\n"
    "1.坚持创新驱动。突出企业主体地位。\n"
    "2.坚持开放合作。深化区域协作。\n"
    "（三）主要目标。到2025年，全市高新技术企业达到100家。\n"
    "二、重点任务\n"
    "（一）加快平台建设。\n"
    "1.建设创新平台。建设一批重点实验室。\n"
    "2.培育创新主体。培育一批高新技术企业。\n"
    "（二）强化人才支撑。引进一批高层次人才。\n"
    "三、保障措施\n"
    "（一）加强组织领导。成立工作领导小组。\n"
    "（二）强化督促检查。定期开展专项督查。\n"
)


def test_without_notes_the_lowest_items_of_task_sections_are_the_measures():
    assert [(path, title) for path, title, *_ in measures(NO_NOTES)] == [
        (["二", "一", "1"], "建设创新平台"),
        (["二", "一", "2"], "培育创新主体"),
        (["二", "二"], "强化人才支撑"),
        (["三", "一"], "加强组织领导"),
        (["三", "二"], "强化督促检查"),
    ]


def test_without_notes_measures_have_no_units():
    assert all(lead == [] and co == [] for *_, lead, co in measures(NO_NOTES))


@pytest.mark.parametrize("goal", ["总体要求", "指导思想", "基本原则", "主要目标", "发展目标", "工作目标"])
def test_items_of_a_goal_section_are_no_measures(goal):
    source = f"一、{goal}\n（一）坚持创新驱动。正文。\n（二）坚持开放合作。正文。\n二、重点任务\n（一）加快平台建设。正文。"
    assert [path for path, *_ in measures(source)] == [["二", "一"]]


def test_an_item_of_a_goal_section_that_carries_a_note_is_a_measure():
    source = (
        "一、主要目标\n（一）到2025年，全市高新技术企业达到100家。（市科技局负责）\n"
        "二、重点任务\n（一）加快平台建设。建设一批重点实验室。（市发改委负责）"
    )
    assert [(path, lead) for path, _, lead, _ in measures(source)] == [
        (["一", "一"], ["市科技局"]),
        (["二", "一"], ["市发改委"]),
    ]


# ---------------------------------------------------------------- unnumbered paragraphs with their own notes


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # chapters and sections; each paragraph a task with its own note
        (
            "第三章 推进绿色转型\n第一节 筑牢绿色发展根基\n"
            "优化空间开发格局。构建生态环境分区管控体系。（牵头单位：江澜市自然资源局）\n"
            "完善绿色金融体系。推进绿色金融标准建设。\n支持企业发行绿色债券。（牵头单位：江澜市财政局）\n",
            [(["三", "一"], "优化空间开发格局", ["江澜市自然资源局"]), (["三", "一"], "完善绿色金融体系", ["江澜市财政局"])],
        ),
        # a section's introduction is no part of its first task
        (
            "二、主要任务\n（一）体制机制创新行动\n围绕减污降碳，破除制约创新的制度藩篱。\n"
            "强化规划衔接机制。将减污降碳要求融入各项规划。\n（责任单位：江澜市生态环境局）\n"
            "统筹目标考核机制。实施碳排放强度目标协同管理。（责任单位：江澜市委组织部）\n",
            [(["二", "一"], "强化规划衔接机制", ["江澜市生态环境局"]), (["二", "一"], "统筹目标考核机制", ["江澜市委组织部"])],
        ),
        # a paragraph broken over lines by a PDF keeps its opening phrase
        (
            "（一）深化陆源污染治理\n强化入海排污口整治。建立健全“近岸水体\n—入海排污口—污染源”治理体系。\n"
            "（江澜市生态环境局牵头）\n推动入海河流总氮控制。开展总氮来源排查。\n（江澜市水务局牵头）\n",
            [(["一"], "强化入海排污口整治", ["江澜市生态环境局"]), (["一"], "推动入海河流总氮控制", ["江澜市水务局"])],
        ),
        # the first paragraph has no heading phrase: the item's heading titles it
        (
            "（二）健全治理制度体系\n完善海洋生态环境标准体系，加快布局科学系统的标准。\n（江澜市生态环境局牵头）\n"
            "探索构建损害赔偿制度。依据鉴定评估标准依法索赔。\n（江澜市司法局牵头）\n",
            [(["二"], "健全治理制度体系", ["江澜市生态环境局"]), (["二"], "探索构建损害赔偿制度", ["江澜市司法局"])],
        ),
        # a sentence that opens with a subject or a modal is no heading phrase
        (
            "（一）加强组织领导\n各地要高度重视。建立工作推进机制。（江澜市发改委牵头）\n"
            "强化督促检查。定期通报进展。（江澜市政府督查室牵头）\n",
            [(["一"], "加强组织领导", ["江澜市发改委"]), (["一"], "强化督促检查", ["江澜市政府督查室"])],
        ),
        # one task under its heading: the heading is its title, whatever its first sentence
        (
            "（一）深化国际合作\n切实履行《生物多样性公约》。借助海洋中心城市建设契机开展合作。\n（江澜市生态环境局牵头）\n",
            [(["一"], "深化国际合作", ["江澜市生态环境局"])],
        ),
    ],
)
def test_unnumbered_paragraphs_with_their_own_notes(source, expected):
    assert [(path, title, lead) for path, title, lead, _ in measures(source)] == expected


def test_the_introduction_of_a_section_is_in_no_measure_body():
    source = (
        "（一）体制机制创新行动\n围绕减污降碳，破除制约创新的制度藩篱。\n"
        "强化规划衔接机制。将减污降碳要求融入各项规划。（责任单位：江澜市生态环境局）\n"
        "统筹目标考核机制。实施碳排放强度目标协同管理。（责任单位：江澜市委组织部）\n"
    )
    assert bodies(source) == ["将减污降碳要求融入各项规划。", "实施碳排放强度目标协同管理。"]


# ---------------------------------------------------------------- notes after numbered sub-steps (unseen-forms S6)

STEPS = "第一条 【文旅活动扶持】符合条件的活动，按下列标准给予补助：\n（一）鼓励举办节庆活动。\n{steps}\n（二）鼓励民宿提质。对评为精品民宿的，奖励5万元〔责任单位：江澜区农业局〕"


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        # the note on its own line after the last sub-step assigns the whole item
        (
            "1.对大型节庆活动按实际支出的30%给予补助。\n2.主办方在活动结束后一个月内提出申请，区文旅部门审核后拨付\n〔责任单位：江澜区文旅局〕",
            [(["一", "一"], "鼓励举办节庆活动", ["江澜区文旅局"])],
        ),
        (   # half-width brackets, a blank line before the note
            "1、对大型节庆活动给予补助。\n2、主办方提出申请。\n\n(责任单位：江澜区文旅局)",
            [(["一", "一"], "鼓励举办节庆活动", ["江澜区文旅局"])],
        ),
        (   # three sub-steps, a 牵头 note
            "（1）制定补助细则。\n（2）受理申请。\n（3）审核拨付。\n（江澜区文旅局牵头，江澜区财政局配合）",
            [(["一", "一"], "鼓励举办节庆活动", ["江澜区文旅局"])],
        ),
        # sub-steps with notes of their own are the measures
        (
            "1.制定补助细则。（江澜区文旅局负责）\n2.审核拨付补助资金。\n（江澜区财政局负责）",
            [(["一", "一", "1"], "制定补助细则", ["江澜区文旅局"]), (["一", "一", "2"], "审核拨付补助资金", ["江澜区财政局"])],
        ),
        # a note closing the last sub-step's own line stays with it
        (
            "1.制定补助细则。\n2.审核拨付补助资金。（江澜区财政局负责）",
            [(["一", "一", "2"], "审核拨付补助资金", ["江澜区财政局"])],
        ),
    ],
)
def test_a_note_after_numbered_sub_steps(steps, expected):
    found = measures(STEPS.format(steps=steps))
    assert [(path, title, lead) for path, title, lead, _ in found[:-1]] == expected
    assert found[-1][1:3] == ("鼓励民宿提质", ["江澜区农业局"])


NUMBERED_ITEMS = """一、优化准入服务
1.推行证照联办。实现餐饮店开办一次办结。
（牵头处室：登记注册处；配合单位：市政务服务中心）
2.压减审批时限。许可办理时限压缩一半。
（责任处室：行政审批处）
二、加强自身建设
3.加强队伍建设。开展执法人员轮训。
4.推进智慧监管。建设一体化监管平台。
（牵头处室：信息化处；配合单位：市信息中心）
"""


def test_in_a_document_whose_items_carry_their_own_notes_a_note_is_not_lifted_over_a_sibling():
    """Items numbered through the document each carry a note: an item without
    one (3.) is no sub-step of its section, and the note after 4. is 4.'s."""
    found = measures(NUMBERED_ITEMS)
    assert [(path, title, lead) for path, title, lead, _ in found] == [
        (["一", "1"], "推行证照联办", ["登记注册处"]),
        (["一", "2"], "压减审批时限", ["行政审批处"]),
        (["二", "4"], "推进智慧监管", ["信息化处"]),
    ]


def test_sub_steps_are_lifted_even_where_other_sub_steps_carry_notes_of_their_own():
    text = ("一、重点任务\n1.开展安全培训。\n（1）组织全员轮训。\n（2）考核不合格的重新培训。\n（责任科室：宣教科）\n"
            "2.严格执法检查。\n（1）制定年度检查计划。（责任科室：执法科）\n（2）推行执法加专家模式。（责任科室：法规科）\n")
    assert [(path, title, lead) for path, title, lead, _ in measures(text)] == [
        (["一", "1"], "开展安全培训", ["宣教科"]),
        (["一", "2", "1"], "制定年度检查计划", ["执法科"]),
        (["一", "2", "2"], "推行执法加专家模式", ["法规科"]),
    ]


def test_an_item_assigned_after_its_sub_steps_holds_them_in_its_text():
    (item, _) = bodies(STEPS.format(steps="1.对节庆活动给予补助。\n2.主办方提出申请。\n〔责任单位：江澜区文旅局〕"))
    assert item == "1.对节庆活动给予补助。2.主办方提出申请。"


# ---------------------------------------------------------------- guidance annexes and boxes


@pytest.mark.parametrize(
    "annex",
    [
        "附件\n江澜市数字乡村建设指引\n一、种植业\n（一）推广精准施肥。\n（二）推广智能灌溉。",
        "附件：1.智慧农机补贴机具种类范围\n附件1\n智慧农机补贴机具种类范围\n1.耕整地机械\n  1.1耕地机械\n2.收获机械",
        "附件：1.涉企经营许可事项改革清单\n2.数字乡村服务事项目录",
        "附件2：\n信息宣传联络员登记表\n1.填报单位\n2.联络员情况",
    ],
)
def test_a_guidance_annex_holds_no_measures(annex):
    source = f"一、重点任务\n（一）建设数字农业示范基地。正文。\n（二）推进智慧农机应用。正文。\n{annex}"
    assert [(path, title) for path, title, *_ in measures(source)] == [
        (["一", "一"], "建设数字农业示范基地"),
        (["一", "二"], "推进智慧农机应用"),
    ]


def test_an_annex_that_holds_the_plan_holds_its_measures():
    source = "附件\n江澜市数字乡村建设实施方案\n一、重点任务\n（一）建设示范基地。正文。\n（二）推进农机应用。正文。"
    assert [path for path, *_ in measures(source)] == [["一", "一"], ["一", "二"]]


BOX_IN_SECTION = "\n".join([
    "二、强化精准治污",
    "（一）深化陆源污染治理",
    "强化入海排污口整治。建立全链条治理体系。",
    "（江澜市生态环境局牵头，江澜市水务局参与）",
    "专栏 1：入海排污口分类整治",
    "1.入海排污口分类整治：（1）全面完成工业排污口整治。",
    "（2）推进城镇排污口整治。优先实施达标整治。",
    "2.入海排污口规范监管：新增排污口实行备案制管理。",
    "推动入海河流总氮控制。开展黄河干流总氮来源排查，加强汇水范围内总氮治理。",
    "（江澜市生态环境局牵头）",
    "（二）加强港口污染防治",
    "深化商港污染防治。推进港口环境综合整治。",
    "（江澜市交通局牵头）",
])


def test_a_box_holds_no_measures_and_the_tasks_around_it_keep_their_notes():
    assert [(path, lead, co) for path, _, lead, co in measures(BOX_IN_SECTION)] == [
        (["二", "一"], ["江澜市生态环境局"], ["江澜市水务局"]),
        (["二", "一"], ["江澜市生态环境局"], []),
        (["二", "二"], ["江澜市交通局"], []),
    ]


def test_the_task_after_a_box_takes_its_own_heading_phrase():
    assert measures(BOX_IN_SECTION)[1][1] == "推动入海河流总氮控制"


def test_the_text_of_a_box_is_in_no_measure_body():
    assert not any("排污口分类整治" in body or "备案制" in body for body in bodies(BOX_IN_SECTION))


def test_a_box_at_the_end_of_a_section_is_in_no_measure():
    source = BOX_IN_SECTION.replace("（二）加强港口污染防治", "专栏 2：港口污染防治工程\n（1）建设船舶污水接收设施；\n（二）加强港口污染防治")
    assert not any("船舶污水" in body for body in bodies(source))


# ---------------------------------------------------------------- documents without assignments


def paths(source):
    return [path for path, *_ in measures(source)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a notice of headed sections, each one paragraph: each section a measure, the closing one not
        (
            "一、认定范围\n本区困难老人认定条件按国家、省有关规定实施。\n二、认定程序\n镇人民政府受理申请后10日内完成审核。\n"
            "三、照料服务\n区民政部门应当按照照顾需求评估结果提供照料服务。\n四、其他事宜\n本通知自印发之日起施行，有效期5年。",
            [["一"], ["二"], ["三"]],
        ),
        (
            "一、指导思想\n以新发展理念为引领。\n二、加强服务保障\n各区要完善服务网络。\n三、附则\n本办法由市民政局负责解释。",
            [["二"]],
        ),
        # a prose section after numbered ones: one measure when its heading names tasks or safeguards
        (
            "一、总体要求\n坚持系统推进。\n二、重点任务\n（一）建设算力平台。正文。\n（二）培育应用场景。正文。\n"
            "三、保障措施：强化政策支持\n建立部门协同的工作推进机制，鼓励各区因地制宜制定配套政策。",
            [["二", "一"], ["二", "二"], ["三"]],
        ),
        (
            "一、重点任务\n（一）建设算力平台。正文。\n二、组织实施\n坚持把党的领导贯彻到工作全过程。",
            [["一", "一"], ["二"]],
        ),
        # … and none when it states who may apply or how support is paid
        (
            "一、支持对象\n在本区依法登记的企业。\n二、支持方式\n扶持资金采用补贴方式。\n三、支持标准\n"
            "1.对关闭高耗能企业给予奖励。\n2.对建设分布式光伏给予补贴。\n四、附则\n1.本办法自印发之日起实施。\n2.本办法由区发改委负责解释。",
            [["三", "1"], ["三", "2"]],
        ),
        # items of a principles section are no tasks
        (
            "一、招生原则\n（一）适龄优先。正文。\n（二）免试入园。正文。\n二、招生方式\n（一）公办园。正文。\n（二）民办园。正文。",
            [["二", "一"], ["二", "二"]],
        ),
    ],
)
def test_measures_of_a_document_without_assignments(source, expected):
    assert paths(source) == expected


def test_a_safeguard_heading_that_lost_its_line_break_is_a_measure_titled_by_its_phrase():
    # text from a spreadsheet cell: the heading runs straight into its body
    source = ("一、总体要求\n坚持市场主导。\n二、积极开拓应用市场\n（一）推进分布式光伏。正文。\n（二）有序建设光伏电站。正文。\n"
              "三、加强组织领导各有关部门要按照职责分工抓紧制定配套文件，确保各项政策落到实处。")
    assert [(path, title) for path, title, *_ in measures(source)][-1] == (["三"], "加强组织领导")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # procedure articles by their heading (unseen-forms S7)
        (
            "第一条（支持内容）\n一、对实施节水改造的企业，按每吨水2元补助。\n二、对获评节水标杆的企业，一次性奖励5万元。\n"
            "第二条（资金管理）\n一、市水务局负责编制年度资金预算。\n二、市财政局负责资金拨付。\n"
            "第三条（申报程序）\n一、申报。企业按指南提交材料。\n二、审核。主管部门进行形式审查。\n"
            "第四条【监督检查】\n一、对弄虚作假的企业追回资金。",
            [["一", "一"], ["一", "二"]],
        ),
        # purpose, scope, definitions and effect by their words; the rest are policy content
        (
            "第一章 总则\n第一条 为了加强海绵城市建设管理，根据有关规定，结合本市实际，制定本办法。\n"
            "第二条 本办法适用于本市行政区域内海绵城市的建设和管理。\n本办法所称海绵城市，是指……\n"
            "第三条 新建公共建筑应当按照海绵城市标准进行设计和建设。\n"
            "第二章 建设\n第四条 建设单位应当落实海绵城市设施与主体工程同步设计。\n"
            "第三章 附则\n第五条 本办法自2025年1月1日起施行。\n第六条 各县参照本办法执行。",
            [["一", "三"], ["二", "四"]],
        ),
        # most articles carry a heading: the untitled ones are general provisions
        (
            "第一条 为支持青年创新创业，制定本实施办法。\n第二条 本实施办法所称青年，是指35周岁以下的人员。\n"
            "第三条 载体建设。对认定的孵化载体给予50万元奖励。\n第四条 平台服务。每年安排最高100万元支持平台运营。\n"
            "第五条 租金补贴。对入驻企业给予租金补贴。\n第六条 符合本办法的同一事项按从高不重复原则享受。\n"
            "第七条 享受扶持的对象须遵守国家法律法规。",
            [["三"], ["四"], ["五"]],
        ),
    ],
)
def test_articles_of_a_measure_document_without_assignments(source, expected):
    assert paths(source) == expected


# ---------------------------------------------------------------- titles

LOST_STOPS = (
    "（一）促进知识产权创造运用。\n"
    "1推进知识产权优势企业发展围绕我市煤炭、电力、新型材料、装备制造等支柱产业和特色产业，"
    "以高新技术企业为依托，培育一批知识产权优势企业。（牵头单位：市发改委、市经信委、市科技局）\n"
    "2培育知识产权创新创业主体。贯彻落实有关政策，支持小微企业创业创新。（牵头单位：市科技局）\n"
    "3促进专利技术向现实生产力转化。贯彻落实专利实施和保护条例。（牵头单位：市科技局）\n"
)


def test_a_heading_phrase_that_lost_its_full_stop_is_cut_before_the_body():
    assert measures(LOST_STOPS)[0][1] == "推进知识产权优势企业发展"


def test_the_body_after_a_repaired_title_starts_with_the_body():
    assert bodies(LOST_STOPS)[0].startswith("围绕我市煤炭")


def test_a_lost_full_stop_is_reported():
    text, _, warnings, _ = run(LOST_STOPS)
    (warning,) = warnings
    assert (warning.code, text[warning.span[0]:warning.span[1]]) == ("repaired_heading_stop", "推进知识产权优势企业发展")


def test_no_title_is_guessed_when_the_siblings_have_no_titles():
    source = (
        "一、重点任务\n"
        "1.围绕我市煤炭、电力、新型材料、装备制造等支柱产业和特色产业，以高新技术企业为依托，培育一批优势企业。（市科技局负责）\n"
        "2.按照国家统一部署，深入开展打击侵犯知识产权和制售假冒伪劣商品专项行动，切实维护市场秩序。（市工商局负责）\n"
    )
    assert [title for _, title, *_ in measures(source)] == [None, None]
    assert "repaired_heading_stop" not in warning_codes(source)


def test_an_item_without_a_heading_phrase_keeps_all_its_text_as_body():
    source = "一、重点任务\n1.按照国家统一部署，深入开展打击侵犯知识产权和制售假冒伪劣商品专项行动，切实维护市场秩序。（市工商局负责）"
    assert bodies(source) == ["按照国家统一部署，深入开展打击侵犯知识产权和制售假冒伪劣商品专项行动，切实维护市场秩序。"]


def test_a_heading_line_of_its_own_is_the_title_and_the_next_lines_the_body():
    source = "一、重点任务\n（一）加强财政支持\n完善知识产权资助政策。（牵头单位：市财政局）"
    assert (measures(source)[0][1], bodies(source)) == ("加强财政支持", ["完善知识产权资助政策。"])


def test_a_lost_full_stop_is_repaired_before_a_short_first_sentence():
    source = (
        "（一）促进知识产权创造运用。\n"
        "1推进知识产权优势企业发展围绕支柱产业，培育优势企业。（牵头单位：市科技局）\n"
        "2培育知识产权创新创业主体。贯彻落实有关政策。（牵头单位：市科技局）\n"
        "3促进专利技术转化。贯彻落实专利条例。（牵头单位：市科技局）\n"
    )
    assert measures(source)[0][1] == "推进知识产权优势企业发展"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # two short verb phrases joined by a comma are a heading, when the siblings are headed too
        (
            ["加强领导，明确分工。各级农业部门要建立联合监管机制。", "优化服务，提升效能。依托办理系统动态分析进度。",
             "公开信息，接受监督。各级部门要加大政策宣传力度。"],
            ["加强领导，明确分工", "优化服务，提升效能", "公开信息，接受监督"],
        ),
        (
            ["强化顶层设计引领，发挥政府宏观指导作用。建立指标体系。", "实施工业绿色生产，推动固体废物贮存总量趋零增长。全面实施绿色开采。"],
            ["强化顶层设计引领，发挥政府宏观指导作用", "实施工业绿色生产，推动固体废物贮存总量趋零增长"],
        ),
        # a comma heading alone on its line, the body below
        (
            ["发展绿色金融，落实绿色认证制度。\n引导银行加强绿色金融产品创新。", "推进工业绿色生产。\n全面构建绿色制造体系。"],
            ["发展绿色金融，落实绿色认证制度", "推进工业绿色生产"],
        ),
        # sentences: a subject, a preposition, a modal, three clauses, or no body after them
        (
            ["各区要加快改造，确保居民满意。年底前完成。", "对符合条件的企业，给予一次性奖励。具体标准另定。",
             "强化财政信息公开，优化公开内容，提高可读性。深化政府信息公开。", "推广绿色电力证书交易，推进需求侧管理。"],
            [None, None, None, None],
        ),
    ],
)
def test_comma_headings(items, expected):
    source = "一、重点任务\n" + "".join(f"（{n}）{item}\n" for n, item in zip("一二三四", items))
    assert [title for _, title, *_ in measures(source)] == expected


@pytest.mark.parametrize(
    ("line", "title"),
    [
        # an item alone at its level that lost the full stop after its heading (unseen-forms H1)
        ("（一）制定数字乡村发展规划研究编制我市数字乡村发展规划，明确发展目标和重点任务。", "制定数字乡村发展规划"),
        ("（一）推进智慧农机应用按照统一部署，开展智慧农机示范推广。", "推进智慧农机应用"),
        # … but a subject is no heading
        ("（一）市农业农村局加强农机安全监管，定期开展专项检查。", None),
        ("（一）各县区要按照统一部署开展示范推广，确保取得实效。", None),
    ],
)
def test_a_lone_item_that_lost_its_full_stop(line, title):
    source = f"一、主要举措\n{line}\n牵头单位：江澜市农业农村委\n"
    assert measures(source)[0][1] == title


@pytest.mark.parametrize(
    ("line", "title", "body"),
    [
        # article headings in 【】 or （） (unseen-forms H2)
        ("第二条 【人才支撑】对引进的高层次人才给予安家补贴，最高20万元（责任单位：江澜市人社局）",
         "人才支撑", "对引进的高层次人才给予安家补贴，最高20万元"),
        ("第二条【认证奖励】企业开展服务质量认证的，给予奖励（责任单位：江澜市监局）", "认证奖励", "企业开展服务质量认证的，给予奖励"),
        ("第二条（安家补贴）对引进人才给予安家补贴。（责任单位：江澜市人社局）", "安家补贴", "对引进人才给予安家补贴。"),
    ],
)
def test_an_article_heading_in_brackets_is_its_title(line, title, body):
    source = f"第一条 为集聚数字乡村人才，制定本措施。\n{line}\n"
    (found,) = [(t, b) for (_, t, *_), b in zip(measures(source), bodies(source))]
    assert found == (title, body)


def pipeline_titles(source):
    """(title, first characters of the text) of every measure, through the whole pipeline."""
    return [(m.title, m.text[:6]) for m in extract_text(source).measures]


_TASKS = "一、重点任务\n"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # no separator: the body opens with a verb (加快/统筹/遴选…) in a document that titles its items
        (["1.推进农村光网提速扩面加快行政村千兆光网覆盖，推动光纤向自然村延伸。（市通信管理局负责）",
          "2.扩大移动网络覆盖。新建基站300个。（市工信局负责）", "3.提升宽带服务质量。开展网络质量抽测。（市通信管理局负责）"],
         [("推进农村光网提速扩面", "加快行政村千"), ("扩大移动网络覆盖", "新建基站30"), ("提升宽带服务质量", "开展网络质量")]),
        # a verb of the heading's object (支持力度) is no cut; the body opens at the next verb
        (["（一）强化组织领导。成立工作专班。（市发改委负责）", "（二）完善工作机制。建立月调度制度。（市发改委负责）",
          "（三）加大财政金融支持力度统筹用好专项资金，引导金融机构加大信贷投放。（市财政局负责）"],
         [("强化组织领导", "成立工作专班"), ("完善工作机制", "建立月调度制"), ("加大财政金融支持力度", "统筹用好专项")]),
        # a verb with a quantity (遴选一批) opens the body, not a later opener (经营规范)
        (["2.培育共同配送市场主体遴选一批经营规范的企业开展试点，给予补助。（市商务局负责）",
          "3.完善配送网络布局。建设一批公共配送中心。（市商务局负责）", "4.推广标准化载具。推动企业使用标准托盘。（市商务局负责）"],
         [("培育共同配送市场主体", "遴选一批经营"), ("完善配送网络布局", "建设一批公共"), ("推广标准化载具", "推动企业使用")]),
        # a title with a verb in its middle (加快推进…建设) is kept whole
        (["1.加快推进城乡供水一体化建设实施农村供水保障工程，提高自来水普及率。（市水利局负责）",
          "2.加强水源保护。划定水源保护区。（市生态环境局负责）", "3.完善供水设施。改造老旧管网。（市水利局负责）"],
         [("加快推进城乡供水一体化建设", "实施农村供水"), ("加强水源保护", "划定水源保护"), ("完善供水设施", "改造老旧管网")]),
        # one plain sentence among titled siblings has no title; neither has a long first clause with a comma
        (["1.加强组织领导。成立工作专班。（市发改委负责）", "2.强化督导考核。定期通报进展。（市督查室负责）",
          "3.各地要加强组织领导。（各区政府负责）",
          "4.推动公共领域车辆电动化，加快城市公交、出租车辆更新，力争年底前完成。（市交通局负责）"],
         [("加强组织领导", "成立工作专班"), ("强化督导考核", "定期通报进展"), (None, "各地要加强组"), (None, "推动公共领域")]),
        # a one-sentence item among "X。正文" siblings: its heading phrase lost its stop before the body's verb;
        # a heading whose last word only is an opener (万众创新) keeps it
        (["1.扩大移动网络覆盖。新建基站300个。（市工信局负责）", "2.提升宽带服务质量开展网络质量抽测。（市通信管理局负责）",
          "3.推进大众创业万众创新。（市科技局负责）", "4.完善配送网络布局。建设一批公共配送中心。（市商务局负责）"],
         [("扩大移动网络覆盖", "新建基站30"), ("提升宽带服务质量", "开展网络质量"), ("推进大众创业万众创新", ""),
          ("完善配送网络布局", "建设一批公共")]),
        # a pivot verb's object (支持企业|开展…, 鼓励有条件的园区|探索…) is no heading phrase
        (["1.加强规划引领。编制专项规划。（市发改委负责）", "2.完善设施网络。新建充电桩500个。（市发改委负责）",
          "3.支持企业开展设备更新改造，给予贴息。（市工信局负责）",
          "4.鼓励有条件的园区探索建设共享储能，降低用能成本。（市发改委负责）"],
         [("加强规划引领", "编制专项规划"), ("完善设施网络", "新建充电桩5"), (None, "支持企业开展"), (None, "鼓励有条件的")]),
    ],
)
def test_heading_phrases_that_ran_into_their_bodies_among_titled_siblings(items, expected):
    assert pipeline_titles(_TASKS + "\n".join(items) + "\n") == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # a space (half- or full-width) ends the heading phrase; the number has no dot
        (["1优化企业开办服务 推行“一表填报、一窗受理”，压缩办理时间。（市市场监管局负责）",
          "2简化注销办理流程\u3000推行简易注销，公示期缩短至20日。（市市场监管局负责）"],
         [("优化企业开办服务", "推行“一表填"), ("简化注销办理流程", "推行简易注销")]),
        # … also when no sibling has a title
        (["（一）优化企业开办服务 推行“一表填报、一窗受理”，压缩办理时间。（市市场监管局负责）",
          "（二）各区要加快落实，确保年底前完成。（各区政府负责）"],
         [("优化企业开办服务", "推行“一表填"), (None, "各区要加快落")]),
        # a space after a subject, a preposition or a comma clause is no heading's end
        (["1.各区要抓紧 制定实施细则，确保落地。（各区政府负责）", "2.对符合条件的企业 给予一次性奖励。（市财政局负责）",
          "3.加快建设，力争 年底前完成改造。（市住建局负责）"],
         [(None, "各区要抓紧制"), (None, "对符合条件的"), (None, "加快建设，力")]),
        # a space a PDF put inside a phrase: the text after it does not open a clause
        (["1.推进农村公路 建设，加快通村道路改造。（市交通局负责）", "2.推进城乡供水 一体化发展，改造老旧管网。（市水利局负责）"],
         [(None, "推进农村公路"), (None, "推进城乡供水")]),
    ],
)
def test_a_space_ends_a_heading_phrase(items, expected):
    assert pipeline_titles(_TASKS + "\n".join(items) + "\n") == expected


def test_a_heading_phrase_ended_by_a_space_is_reported_with_its_span_in_the_source():
    source = _TASKS + "1优化企业开办服务 推行“一表填报”，压缩办理时间。（市市场监管局负责）\n"
    doc = extract_text(source)
    (warning,) = [w for w in doc.warnings if w.code == "repaired_heading_stop"]
    assert source[warning.span[0]:warning.span[1]] == "优化企业开办服务"
    assert source[slice(*doc.measures[0].span)].startswith("1优化企业开办服务 推行")


# ---------------------------------------------------------------- duty sections and prose


DUTY = (
    "一、主要任务\n"
    "（一）加强平台建设。建设一批重点实验室。（市科技局负责）\n"
    "五、责任分工\n"
    "市发展改革委牵头负责统筹协调，会同市财政局落实资金。\n"
    "市教育局负责学校建设。\n"
)


def test_paragraphs_of_a_duty_section_are_measures():
    assert measures(DUTY) == [
        (["一", "一"], "加强平台建设", ["市科技局"], []),
        (["五"], None, ["市发展改革委"], ["市财政局"]),
        (["五"], None, ["市教育局"], []),
    ]


def test_a_duty_paragraph_is_its_own_text():
    assert bodies(DUTY)[1:] == ["市发展改革委牵头负责统筹协调，会同市财政局落实资金。", "市教育局负责学校建设。"]


def test_a_duty_paragraph_naming_no_unit_is_no_measure():
    source = "一、责任分工\n市教育局负责学校建设。\n要加强统筹协调，形成工作合力。"
    assert [lead for _, _, lead, _ in measures(source)] == [["市教育局"]]


def test_an_item_assigned_in_its_running_text_is_a_measure_in_a_document_with_notes():
    source = (
        "一、重点任务\n"
        "（一）加快老旧小区改造。\n住房城乡建设厅牵头研究制定改造标准。\n"
        "（二）强化服务保障。完善社区服务设施。（市民政局负责）"
    )
    assert measures(source) == [
        (["一", "一"], "加快老旧小区改造", ["住房城乡建设厅"], []),
        (["一", "二"], "强化服务保障", ["市民政局"], []),
    ]


# ---------------------------------------------------------------- warnings


def test_an_unclosed_note_is_read_and_reported():
    source = "三、保障措施\n（三）加强财政支持。完善资助政策。（牵头单位：市财政局\n（四）营造社会氛围。加强宣传。（牵头单位：市委宣传部）"
    assert [lead for _, _, lead, _ in measures(source)] == [["市财政局"], ["市委宣传部"]]
    assert warning_codes(source) == ["unclosed_assignment_note"]


def test_a_note_outside_any_item_is_reported_and_not_attached():
    source = "（市科技局负责）\n一、重点任务\n（一）加强平台建设。建设一批重点实验室。（市财政局负责）"
    assert measures(source) == [(["一", "一"], "加强平台建设", ["市财政局"], [])]
    assert warning_codes(source) == ["assignment_outside_items"]


def test_no_headings_no_measures():
    assert measures("各县（市、区）人民政府：\n现将有关事项通知如下。") == []


# ---------------------------------------------------------------- a note is a measure boundary (unseen-forms S2–S4, S8)


def extracted(source):
    """(title, lead, co, deadline text) of every measure, through the whole pipeline."""
    doc = extract_text(source)
    return [(m.title, m.lead_units, m.co_units, m.deadline.text if m.deadline else None) for m in doc.measures]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a note naming only vague assignees keeps its item a measure, with its deadline
        (
            "江澜市停车管理方案\n一、主要举措\n（一）规范收费管理。清理不合理收费项目。（各相关单位负责，长期坚持）\n"
            "（二）建设诱导系统。建设停车诱导屏。（市交通局负责，2024年9月底前完成）\n",
            [("规范收费管理", [], [], "长期坚持"), ("建设诱导系统", ["市交通局"], [], "2024年9月底前")],
        ),
        # the second note of an item is vague: the item still splits there, each part with its own deadline
        (
            "江澜市停车管理方案\n一、主要举措\n（一）优化停车诱导。建设停车诱导屏。（市交通局负责，2024年9月底前完成）"
            "推动机关停车场错时开放。（有关部门按职责负责，11月30日前办结）\n",
            [("优化停车诱导", ["市交通局"], [], "2024年9月底前"), (None, [], [], "11月30日前")],
        ),
        # 会同X协同办理 in every note of a two-note item
        (
            "江澜市政务协同方案\n一、主要举措\n（一）深化异地结算。扩大定点医院覆盖面。（市医保局牵头，会同甲省医保服务中心协同办理，"
            "2024年9月30日前办结）推动门诊费用直接结算。（市卫健委牵头，会同丁市医保局协同办理，12月20日前办结）\n",
            [("深化异地结算", ["市医保局"], ["甲省医保服务中心"], "2024年9月30日前"),
             (None, ["市卫健委"], ["丁市医保局"], "12月20日前")],
        ),
        # damaged: half-width brackets and colons, unknown labels, no full stop after the notes
        (
            "江澜市档案局工作安排\n一、重点工作\n(一)开展档案安全检查。组织库房安全检查(责任处室:安全监管处,完成期限:6月底前)"
            "推进档案数字化(责任部门:信息处,完成期限:长期坚持)\n",
            [("开展档案安全检查", ["安全监管处"], [], "6月底前"), (None, ["信息处"], [], "长期坚持")],
        ),
    ],
)
def test_every_note_bounds_a_measure(source, expected):
    assert extracted(source) == expected


def test_a_measure_text_after_a_note_that_splits_a_sentence_pair_holds_no_note():
    source = "一、重点工作\n（一）开展档案检查。组织库房检查（责任处室：安全监管处）。推进档案数字化（责任部门：信息处）。\n"
    assert bodies(source) == ["组织库房检查", "推进档案数字化。"]


REMARK_ONLY = (
    "江澜市技能提升方案\n一、主要举措\n"
    "（一）扩大培训规模。开展技能培训，探索建立培训券制度{remark}，鼓励企业自主培训。\n"
    "（二）建设实训基地。支持院校与企业共建实训基地。\n"
    "（三）完善评价体系。推行职业技能等级认定。\n"
)


@pytest.mark.parametrize("remark", ["（培训券的发放由人社部门负责）", "（由市人社局负责）", "(培训券由人社部门负责)"])
def test_a_role_remark_inside_a_sentence_leaves_a_document_without_assignments(remark):
    assert measures(REMARK_ONLY.format(remark=remark)) == [
        (["一", "一"], "扩大培训规模", [], []),
        (["一", "二"], "建设实训基地", [], []),
        (["一", "三"], "完善评价体系", [], []),
    ]


LONE_NOTE = (
    "一、主要举措\n"
    "（一）扩大培训规模。开展技能培训。（市人社局负责）\n"
    "（二）建设实训基地。支持院校与企业共建实训基地。\n"
    "（三）完善评价体系。推行职业技能等级认定。\n"
)


def test_one_note_does_not_drop_the_items_without_notes():
    assert measures(LONE_NOTE) == [
        (["一", "一"], "扩大培训规模", ["市人社局"], []),
        (["一", "二"], "建设实训基地", [], []),
        (["一", "三"], "完善评价体系", [], []),
    ]


def test_a_lone_note_is_reported():
    assert "lone_assignment_note" in warning_codes(LONE_NOTE)


def test_two_notes_make_a_document_with_assignments():
    source = LONE_NOTE.replace("推行职业技能等级认定。", "推行职业技能等级认定。（市人社局负责）")
    assert [path for path, *_ in measures(source)] == [["一", "一"], ["一", "三"]]


# ---------------------------------------------------------------- heading phrases run into their bodies


ONE_LINE_ITEMS = [
    "一、建设社区食堂推动各街道利用闲置用房开设老年食堂，完善配餐服务。（区民政局牵头，区市场监管局配合）",
    "二、扩大助浴服务覆盖支持养老机构上门提供助浴服务。（区民政局负责）",
    "三、优化适老出行环境增设公交站台休息座椅，改造无障碍坡道。（区交通局牵头）",
]


def titles(lines, run_together):
    text = normalize("\n".join(lines)).text
    found, _, _ = find_measures(text, parse(text), run_together)
    return [m.title for m in found]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # every item's heading phrase ran into its body (unseen-forms S1)
        (ONE_LINE_ITEMS, ["建设社区食堂", "扩大助浴服务覆盖", "优化适老出行环境"]),
        # one item kept its full stop: its title as written
        ([ONE_LINE_ITEMS[0], "二、扩大助浴服务覆盖。支持养老机构上门提供助浴服务。（区民政局负责）", ONE_LINE_ITEMS[2]],
         ["建设社区食堂", "扩大助浴服务覆盖", "优化适老出行环境"]),
        # sentences with a subject or a preposition first are no heading phrases there either
        (["一、各街道要利用闲置用房开设老年食堂，完善配餐服务。（区民政局负责）",
          "二、对上门助浴的养老机构给予补贴，按服务人次结算。（区民政局负责）"], [None, None]),
    ],
)
def test_heading_phrases_in_a_document_that_lost_its_line_breaks(lines, expected):
    assert titles(lines, run_together=True) == expected


def test_sentences_that_open_with_a_verb_keep_no_title_when_the_document_kept_its_line_breaks():
    lines = ["一、支持社区食堂引入社会力量运营，推动配餐服务向农村延伸。（区民政局负责）",
             "二、允许养老机构在社区设置服务站点，开展上门助浴服务。（区民政局负责）",
             "三、鼓励物业企业参与居家养老服务，提供助餐助洁服务。（区住建局负责）"]
    assert titles(lines, run_together=False) == [None, None, None]


def test_a_cut_title_is_reported():
    text = normalize("\n".join(ONE_LINE_ITEMS)).text
    _, warnings, _ = find_measures(text, parse(text), True)
    assert [text[w.span[0]:w.span[1]] for w in warnings if w.code == "repaired_heading_stop"] == [
        "建设社区食堂", "扩大助浴服务覆盖", "优化适老出行环境"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # article headings on lines of their own, items below (unseen-forms S7)
        (
            "第一条 支持内容\n一、对新开业的社区书店，给予一次性补助5万元。\n二、对举办阅读活动的企业，按实际投入的20%补助。\n"
            "第二条 资金管理\n一、区财政局负责资金拨付。\n二、区文旅局负责项目审核。\n"
            "第三条 申报与审核\n一、企业按年度通知提交材料。\n第四条 监督检查\n一、对虚报项目的企业追回补助。",
            [["一", "一"], ["一", "二"]],
        ),
        # chapters of procedure: their articles are no measures
        (
            "第一章 支持标准\n第一条 对新引进的博士，给予每月3000元租房补贴。\n第二条 对新引进的硕士，给予每月1500元租房补贴。\n"
            "第二章 申报程序\n第三条 申请人通过人才服务平台提交申请。\n第四条 区人社局对申请材料进行初审。\n"
            "第三章 资金拨付\n第五条 补贴资金按季度拨付至申请人账户。\n第四章 附则\n第六条 本细则自发布之日起施行。",
            [["一", "一"], ["一", "二"]],
        ),
        # 【】 headings of evaluation and credit articles
        (
            "第一条【奖励内容】\n（一）对研发投入增长20%以上的企业，给予10万元奖励。\n（二）对新认定的研发中心，给予20万元奖励。\n"
            "第二条【绩效评价】\n（一）区科技局每年对奖励资金使用情况开展绩效评价。\n"
            "第三条【信用管理】\n（一）对骗取奖励资金的企业，纳入失信名单。",
            [["一", "一"], ["一", "二"]],
        ),
    ],
)
def test_procedure_parts_of_a_measure_document(source, expected):
    assert paths(source) == expected


PROSE_ASSIGNED = """一、重点任务
（一）建立服务清单。制定基本服务清单并动态调整。由区民政局负责。
（二）开展能力评估。统一评估标准，结果部门互认。由区卫健局负责组织实施，各街道办事处配合。
（三）推进机构改造。新增护理型床位300张。区民政局会同区住建局推进，2026年底前完成。
（四）发展银发经济。培育市场主体，支持发展老年用品产业。
二、保障措施
（一）加强组织领导。联席会议要定期研究解决重大问题。
（二）强化资金保障。将所需资金纳入预算。
"""


def test_a_document_whose_items_assign_in_prose_keeps_only_the_items_that_name_units():
    """Without notes, items that mostly say who does them in prose make the
    document one that assigns its tasks: an item naming no unit is no task."""
    assert [(path, title, lead, co) for path, title, lead, co in measures(PROSE_ASSIGNED)] == [
        (["一", "一"], "建立服务清单", ["区民政局"], []),
        (["一", "二"], "开展能力评估", ["区卫健局"], ["各街道办事处"]),
        (["一", "三"], "推进机构改造", ["区民政局"], ["区住建局"]),
    ]


def test_a_document_where_few_items_name_units_in_prose_keeps_every_task_item():
    text = PROSE_ASSIGNED.replace("由区民政局负责。", "").replace("由区卫健局负责组织实施，各街道办事处配合。", "")
    found = measures(text)
    assert [title for _, title, _, _ in found][:4] == ["建立服务清单", "开展能力评估", "推进机构改造", "发展银发经济"]


RECTIFICATION = """二、整改任务清单
问题1：城区污水管网雨污混接问题突出。
整改措施：开展排水管网排查，完成混接点改造。
责任领导：副县长 张明
责任单位：县住房和城乡建设局（牵头），县水利局
整改时限：2025年12月底前
问题2：危险废物贮存不规范。
整改措施：逐一开展规范化检查。
责任领导：副县长 李华
责任单位：县生态环境分局
整改时限：立行立改，长期坚持
"""


def test_the_numbered_problems_of_a_rectification_list_are_its_items():
    """问题1：/问题2： entries are items: each keeps its own 整改时限."""
    import policykit

    doc = policykit.extract_text(RECTIFICATION).to_dict()
    got = [(m["path"], m["lead_units"], m["co_units"], (m["deadline"] or {}).get("text")) for m in doc["measures"]]
    assert got == [(["二", "1"], ["县住房和城乡建设局"], ["县水利局"], "2025年12月底前"),
                   (["二", "2"], ["县生态环境分局"], [], "立行立改")]


ASSESSMENT = """青禾市人民政府办公室关于印发青禾市乡镇高质量发展{kind}的通知
各乡镇人民政府，市政府各部门：
现将《青禾市乡镇高质量发展{kind}》印发给你们，请认真执行。
青禾市人民政府办公室
2025年3月1日
青禾市乡镇高质量发展{kind}
第一条 为推动乡镇高质量发展，制定本办法。
第二条 考核内容实行百分制。
（一）经济发展（40分）。包括地区生产总值增速、固定资产投资增速。
（二）民生保障（30分）。包括城镇新增就业、基本养老保险参保率。
第三条 对获得省级表彰的乡镇加2分。
第四条 考核结果分为优秀、良好、一般、较差四个等次。
第五条 本办法自印发之日起施行。
"""


@pytest.mark.parametrize(("kind", "measures_expected"), [
    ("考核办法", 0), ("考核办法（试行）", 0), ("考评实施细则", 0),
    ("扶持办法", None),   # another 办法: its policy articles stay measures
])
def test_an_assessment_rule_without_assignments_has_no_tasks(kind, measures_expected):
    import policykit

    doc = policykit.extract_text(ASSESSMENT.format(kind=kind)).to_dict()
    if measures_expected is None:
        assert doc["measures"]
    else:
        assert len(doc["measures"]) == measures_expected


def test_an_assessment_rule_keeps_the_tasks_it_assigns():
    import policykit

    text = ASSESSMENT.format(kind="考核办法").replace(
        "第三条 对获得省级表彰的乡镇加2分。", "第三条 建立考核数据平台。（市统计局牵头，市数据局配合）")
    doc = policykit.extract_text(text).to_dict()
    assert (["市统计局"], ["市数据局"]) in [(m["lead_units"], m["co_units"]) for m in doc["measures"]]
