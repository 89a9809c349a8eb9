"""Assignment notes: who leads and who supports a measure."""
import pytest

from policykit.extract.assignments import (find_assignments, is_duty_section, is_unit, read_prose, resolve_roles,
                                           split_units, unread_names)
from policykit.normalize import normalize


def roles(text):
    """(note as written, lead units, co units) of every note in a sentence."""
    text = normalize(text).text
    return [(text[a.start:a.end], *resolve_roles(a, a.first_is_lead)) for a in find_assignments(text)]


def only_roles(text):
    (note,) = roles(text)
    return note[1], note[2]


# ---------------------------------------------------------------- the forms of a note


@pytest.mark.parametrize(
    ("text", "lead", "co"),
    [
        # Labelled notes
        ("推进知识产权优势企业发展。（牵头单位：市发改委、市经信委、市科技局）", ["市发改委", "市经信委", "市科技局"], []),
        (
            "推进绿色制造。（牵头单位：市生态环境局；配合单位：市应急局、市交通运输局）",
            ["市生态环境局"],
            ["市应急局", "市交通运输局"],
        ),
        (
            "加强流域治理。（责任单位：省生态环境厅，配合单位：省经济和信息化厅、省住房城乡建设厅等）",
            ["省生态环境厅"],
            ["省经济和信息化厅", "省住房城乡建设厅"],
        ),
        ("推进适老化改造。（牵头单位：住房城乡建设厅、民政厅；配合单位：省发展改革委）", ["住房城乡建设厅", "民政厅"], ["省发展改革委"]),
        ("推进农村供水保障。（主责单位：市水务局；协办单位：市农业农村局）", ["市水务局"], ["市农业农村局"]),
        ("开展集中整治。（牵头部门：市交通局；配合部门：市公安局）", ["市交通局"], ["市公安局"]),
        ("扩大跨境贸易。（负责部门：人民银行、外交部、商务部）", ["人民银行", "外交部", "商务部"], []),
        # A 责任单位 leads unless a 牵头单位 is named too; then it supports
        ("推进工业节能。（责任单位：市公安局、市生态环境局）", ["市公安局", "市生态环境局"], []),
        (
            "推进工业节能。（牵头单位：市经信局；责任单位：市发改委、市生态环境局、市政府国资委）",
            ["市经信局"],
            ["市发改委", "市生态环境局", "市政府国资委"],
        ),
        # Square brackets of scraped text
        ("建设创新平台。【牵头单位：市科技局】", ["市科技局"], []),
        # Notes written as a sentence
        ("推进海洋牧场建设。（省财政厅牵头，省发展改革委、省生态环境厅等参与）", ["省财政厅"], ["省发展改革委", "省生态环境厅"]),
        ("严厉打击侵权假冒。（市市场监管局牵头，市公安局配合）", ["市市场监管局"], ["市公安局"]),
        ("发展冰雪运动。（体育总局、民政部负责）", ["体育总局", "民政部"], []),
        ("做好督查工作。（国务院办公厅负责）", ["国务院办公厅"], []),
        ("统筹城乡教育。（由市教育局负责）", ["市教育局"], []),
        ("统筹城乡教育。（市教育局牵头负责）", ["市教育局"], []),
        ("落实退役军人优待。（市退役军人局负责落实，完成时限：2024年10月）", ["市退役军人局"], []),
        (
            "推动重点行业节能。（国家发展改革委、科技部、工业和信息化部等按职责分工负责）",
            ["国家发展改革委", "科技部", "工业和信息化部"],
            [],
        ),
        # After a named lead, the units that share the work support it
        (
            "完善统计体系。（国家发展改革委牵头，国家统计局、国家能源局等按职责分工负责）",
            ["国家发展改革委"],
            ["国家统计局", "国家能源局"],
        ),
        ("完善救助制度。（市民政局会同市财政局负责）", ["市民政局"], ["市财政局"]),
        # A ministry that 指导 leads; the units that carry it out support
        ("建立回收体系。（水利部、农业农村部指导）", ["水利部", "农业农村部"], []),
        ("推进示范创建。（省商务厅指导，试点县人民政府负责落实）", ["省商务厅"], ["试点县人民政府"]),
        ("发展再生资源市场。（商务部指导，供销合作总社参与）", ["商务部"], ["供销合作总社"]),
        ("完善救助制度。（市民政局牵头会同市财政局负责）", ["市民政局"], ["市财政局"]),
        ("推进城市更新。（市发展改革委牵头，各区人民政府负责落实）", ["市发展改革委"], ["各区人民政府"]),
        # Unit-only clauses take the role of the clause after them
        (
            "推进绿色金融。（省地方金融监管局牵头，省发展改革委、财政厅，人民银行广州分行、广东银保监局配合）",
            ["省地方金融监管局"],
            ["省发展改革委", "财政厅", "人民银行广州分行", "广东银保监局"],
        ),
    ],
)
def test_note_forms(text, lead, co):
    assert only_roles(text) == (lead, co)


def test_a_note_span_covers_its_brackets():
    text = "加强财政支持。（牵头单位：市财政局）"
    assert roles(text)[0][0] == "（牵头单位：市财政局）"


def test_every_note_of_a_passage_is_found_in_order():
    text = "加强宣传引导。（市委宣传部负责）\n建设数据平台。（市大数据局负责）"
    assert roles(text) == [
        ("（市委宣传部负责）", ["市委宣传部"], []),
        ("（市大数据局负责）", ["市大数据局"], []),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "制定《知识产权优势企业培育工程实施方案（试行）》。",
        "推进老旧小区改造（2020年底前完成）。",
        "覆盖全部市场主体（含个体工商户）。",
        "按照有关要求（见附件）抓好落实。",
        "各县（市、区）要加强组织领导。",
        "加强部门协作（市科技局、市财政局联合）。",
    ],
)
def test_brackets_that_name_no_role_are_no_notes(text):
    assert roles(text) == []


# ---------------------------------------------------------------- first unit leads


def test_a_first_is_lead_note_is_recognised():
    text = normalize("推进通关便利化。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）").text
    (note,) = find_assignments(text)
    assert note.first_is_lead


def test_under_a_first_is_lead_note_the_first_unit_leads_and_the_rest_support():
    assert only_roles("推进通关便利化。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）") == (
        ["税务总局"],
        ["财政部", "海关总署"],
    )


def test_a_first_is_lead_note_applies_to_later_lists():
    text = normalize("推进简政放权。（商务部、海关总署负责）").text
    (note,) = find_assignments(text)
    assert not note.first_is_lead
    assert resolve_roles(note, first_is_lead=True) == (["商务部"], ["海关总署"])


def test_a_named_lead_is_not_overridden_by_a_first_is_lead_note():
    text = normalize("完善统计体系。（国家发展改革委牵头，国家统计局、国家能源局等按职责分工负责）").text
    (note,) = find_assignments(text)
    assert resolve_roles(note, first_is_lead=True) == (["国家发展改革委"], ["国家统计局", "国家能源局"])


# ---------------------------------------------------------------- unit names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市发改委、市经信委、市科技局", ["市发改委", "市经信委", "市科技局"]),
        # 等 tails and vague units are dropped
        ("市科技局等", ["市科技局"]),
        ("市发展改革委、市财政局等有关部门", ["市发展改革委", "市财政局"]),
        ("市教育局、有关部门", ["市教育局"]),
        ("有关部门", []),
        ("相关单位", []),
        ("各有关部门", []),
        ("市政府有关部门", []),
        # Collective and bracketed names stay whole
        ("各县（市、区）人民政府", ["各县（市、区）人民政府"]),
        ("市、区残联", ["市、区残联"]),
        ("市、县两级政府", ["市、县两级政府"]),
        ("市卫生健康委（市中医药局）", ["市卫生健康委（市中医药局）"]),
        ("各区政府", ["各区政府"]),
        # Names with 和 inside are one unit; 和 or 等和 before a full name joins two
        ("工业和信息化部", ["工业和信息化部"]),
        ("住房和城乡建设部", ["住房和城乡建设部"]),
        ("市教育局和各区人民政府", ["市教育局", "各区人民政府"]),
        (
            "中央宣传部、农业农村部等和各有关省级人民政府",
            ["中央宣传部", "农业农村部", "各有关省级人民政府"],
        ),
        # Separators, leading words and asides
        ("市财政局；市税务局", ["市财政局", "市税务局"]),
        ("市发改委/市统计局", ["市发改委", "市统计局"]),
        ("由市财政局", ["市财政局"]),
        ("以及市商务局", ["市商务局"]),
        ("市教育局（含县级）", ["市教育局"]),
        ("“市科技局”", ["市科技局"]),
        # No unit at all
        ("加强管理", []),
        ("省、市、县三级", []),
        ("", []),
    ],
)
def test_split_units(text, expected):
    assert split_units(text) == expected


# ---------------------------------------------------------------- unit names: tails, modifiers, shared heads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A vague tail after 等, however long, is no part of the last name
        ("县林业局、县水利局等有关单位和部门", ["县林业局", "县水利局"]),
        ("区卫健委等有关部门和单位", ["区卫健委"]),
        ("省粮食局、省供销社等省直有关部门", ["省粮食局", "省供销社"]),
        ("区城管局等区级部门", ["区城管局"]),
        ("市气象局等市有关部门、各单位", ["市气象局"]),
        ("州民宗委等州相关职能部门", ["州民宗委"]),
        ("县档案馆等", ["县档案馆"]),
        # A bare 单位/部门 item names nobody
        ("县农业农村局、各单位", ["县农业农村局"]),
        ("各部门", []),
        ("单位", []),
        # Vague heads after any place or organ, or with a word between
        ("丁县有关部门", []),
        ("市直相关单位", []),
        ("相关涉事部门", []),
        ("有关国有企业", []),
        # …while a named collective keeps its name
        ("区政府各部门", ["区政府各部门"]),
        ("各有关开发区管委会", ["各有关开发区管委会"]),
        ("各街道牵头部门和配合部门", ["各街道牵头部门和配合部门"]),
    ],
)
def test_vague_tails_and_items(text, expected):
    assert split_units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Wording between the last unit and the role verb is stripped, never the unit
        ("县教育局、县体育局按分管领域", ["县教育局", "县体育局"]),
        ("各乡镇按照属地管理原则", ["各乡镇"]),
        ("区科技局、区统计局分别", ["区科技局", "区统计局"]),
        ("市档案局、市史志办按各自职责", ["市档案局", "市史志办"]),
        ("县民政局依职能", ["县民政局"]),
        ("区住建局等按照职责分工", ["区住建局"]),
        ("区商务局、区文旅局根据工作实际", ["区商务局", "区文旅局"]),
        # …but a name that holds such a word stays whole
        ("市委依法治市办", ["市委依法治市办"]),
    ],
)
def test_wording_before_the_role_verb(text, expected):
    assert split_units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One vague head after a list of places: the departments of those places, unnamed
        ("戊市、己市相关部门", []),
        ("甲县、乙县、丙县有关单位", []),
        ("市、区相关部门", []),
        ("各区、各县相关部门", []),
        # …a named unit before the list keeps its place
        ("市港航局、戊市、己市有关部门", ["市港航局"]),
        # a place list sharing a government is one collective name
        ("各区、市政府", ["各区、市政府"]),
        ("有关市、县人民政府", ["有关市、县人民政府"]),
        ("各县、市（区）人民政府等", ["各县、市（区）人民政府"]),
        ("市州、县市区人民政府", ["市州、县市区人民政府"]),
        # a bare place before a place's government shares it; it stays as written
        ("杭州、宁波市人民政府", ["杭州", "宁波市人民政府"]),
        ("省商务厅，苏州、无锡市政府", ["省商务厅", "苏州", "无锡市政府"]),
        # …a word that names no place is no unit
        ("财务、宁波市人民政府", ["宁波市人民政府"]),
        # …but not when the unit after it has a name of its own
        ("各县、市文旅局", ["各县", "市文旅局"]),
        ("各县区、江澜经开区管委会", ["各县区", "江澜经开区管委会"]),
    ],
)
def test_vague_head_shared_by_places(text, expected):
    assert split_units(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Plants, mines, farms, organs: unit suffixes
        ("县能源局、东岭水泥厂、北山煤矿", ["县能源局", "东岭水泥厂", "北山煤矿"]),
        ("国有青松林场、红旗农场", ["国有青松林场", "红旗农场"]),
        ("县纪委监委机关", ["县纪委监委机关"]),
        # 和 between a unit and a named unit without a level prefix
        ("县水务局、3镇和青山工业园区", ["县水务局", "3镇", "青山工业园区"]),
        ("江澜日报社和江澜广播电视台", ["江澜日报社", "江澜广播电视台"]),
        # …not inside a name, nor before a kind of organ
        ("市自然资源和规划局", ["市自然资源和规划局"]),
        ("各级党委和政府", ["各级党委和政府"]),
        ("各场景牵头部门和配合部门", ["各场景牵头部门和配合部门"]),
    ],
)
def test_unit_suffixes_and_conjunctions(text, expected):
    assert split_units(text) == expected


@pytest.mark.parametrize(
    ("text", "lead", "co"),
    [
        ("开展河湖清障。（县水利局、县农业农村局按分管领域负责）", ["县水利局", "县农业农村局"], []),
        ("推进社区改造。（区住建局牵头，各社区按分管领域负责）", ["区住建局"], ["各社区"]),
        ("完善统计监测。（区统计局、区发改局分别牵头，区财政局配合）", ["区统计局", "区发改局"], ["区财政局"]),
        ("做好舆情引导。（县委网信办、县融媒体中心按各自职责负责）", ["县委网信办", "县融媒体中心"], []),
        ("整治噪声扰民。（区生态环境分局、区城管局等按照职责分工负责）", ["区生态环境分局", "区城管局"], []),
        ("建设智慧校园。（县教育局、县科技局等有关单位和部门负责）", ["县教育局", "县科技局"], []),
        ("改造老旧管网。（牵头单位：区水务局，配合单位：区住建局、区财政局等区有关部门、各单位）",
         ["区水务局"], ["区住建局", "区财政局"]),
        ("培育冰雪产业。（县文旅局牵头，县体育局等县级部门配合）", ["县文旅局"], ["县体育局"]),
        ("推进异地就医。（区医保局牵头，戊市、己市相关部门配合）", ["区医保局"], []),
        ("保障冬季供热。〔责任单位：县发改局、南郊热电厂、西河供热站〕", ["县发改局", "南郊热电厂", "西河供热站"], []),
        ("建设充电设施。（责任单位：区能源局、5镇和临江经开区）", ["区能源局", "5镇", "临江经开区"], []),
        # damaged: half-width brackets and punctuation
        ("推进垃圾分类(区城管局,区商务局按分管领域负责)", ["区城管局", "区商务局"], []),
    ],
)
def test_unit_name_forms_in_notes(text, lead, co):
    assert only_roles(text) == (lead, co)


def test_a_unit_named_twice_is_listed_once():
    assert split_units("市科技局、市财政局、市科技局") == ["市科技局", "市财政局"]


def test_vague_units_of_every_region_are_dropped():
    assert split_units("各地区相关部门、各有关部门") == []


@pytest.mark.parametrize("vague", ["市有关部门", "省相关单位", "市政府有关部门", "国家有关部门", "区各相关部门"])
def test_vague_units_of_one_level_of_government_are_dropped(vague):
    assert split_units(f"市司法局、{vague}") == ["市司法局"]


def test_a_collective_government_named_with_related_is_kept():
    assert split_units("各相关区人民政府") == ["各相关区人民政府"]


# ---------------------------------------------------------------- damaged and line notes


def test_a_note_that_lost_its_closing_bracket_runs_to_the_end_of_its_line():
    text = normalize("加强财政支持。（牵头单位：市财政局\n（四）营造社会氛围。").text
    (note,) = find_assignments(text)
    assert (text[note.start:note.end], note.lead, note.unclosed) == ("（牵头单位：市财政局", ["市财政局"], True)


def test_a_closed_note_is_not_unclosed():
    text = normalize("加强财政支持。（牵头单位：市财政局）").text
    (note,) = find_assignments(text)
    assert not note.unclosed


def test_an_unclosed_bracket_before_a_sentence_is_no_note():
    assert roles("（由市财政局统筹安排资金。各地要加强配合。") == []


def test_a_label_closing_a_paragraph_is_a_note():
    text = "完善知识产权政策的融入和衔接机制。 牵头单位:市科技局"
    assert roles(text) == [("牵头单位：市科技局", ["市科技局"], [])]


def test_label_lines_form_one_note():
    text = normalize("建立工作台账。\n牵头单位：市林业局\n配合单位：市水务局、市自然资源局\n完成时限：2025年12月31日").text
    (note,) = find_assignments(text)
    assert text[note.start:note.end] == "牵头单位：市林业局\n配合单位：市水务局、市自然资源局"
    assert resolve_roles(note, False) == (["市林业局"], ["市水务局", "市自然资源局"])


def test_an_addressee_line_is_no_note():
    assert roles("各县（市、区）人民政府，市人民政府各委、局、办：") == []


def test_a_responsible_list_in_two_parts_keeps_both_parts():
    lead, co = only_roles(
        "协同开发油气资源。（责任单位：重庆市能源局、市经济信息委；四川省能源局、经济和信息化厅；两省市列首位的为牵头单位，下同）"
    )
    assert set(lead + co) == {"重庆市能源局", "市经济信息委", "四川省能源局", "经济和信息化厅"}


def test_a_responsible_label_followed_by_a_sharing_clause_keeps_every_unit():
    lead, co = only_roles("优化营商环境。（责任单位：市商务局，各县区政府、辽源高新区管委会按职责分工负责）")
    assert set(lead + co) == {"市商务局", "各县区政府", "辽源高新区管委会"}


def test_a_participating_departments_label_names_co_units():
    assert only_roles("开展集中整治。（牵头部门：市交通局；参与部门：市公安局）") == (["市交通局"], ["市公安局"])


# ---------------------------------------------------------------- prose


@pytest.mark.parametrize(
    ("paragraph", "lead", "co"),
    [
        ("市民政局牵头会同市财政局拟订实施细则。", ["市民政局"], ["市财政局"]),
        ("住房城乡建设厅牵头研究制定改造标准。", ["住房城乡建设厅"], []),
        ("市发展改革委牵头负责统筹协调，会同市财政局落实资金。", ["市发展改革委"], ["市财政局"]),
        ("市教育局负责学校建设。", ["市教育局"], []),
        ("各区政府要加强组织领导。", ["各区政府"], []),
        ("要加强组织领导，强化督促检查。", [], []),
        # 由X牵头 and a time clause before the subject
        ("由市民政局、市财政局牵头组建工作专班，办公室设在市民政局。", ["市民政局", "市财政局"], []),
        ("2025年6月底前，市统计局牵头完成数据核算。", ["市统计局"], []),
        ("由于资金紧张，要加强统筹。", [], []),
        ("建立和完善部门联席会议制度，强化部门协作能力。", [], []),
    ],
)
def test_read_prose(paragraph, lead, co):
    assert read_prose(paragraph) == (lead, co)


def test_a_spaced_date_before_the_subject_of_damaged_text():
    text = normalize("2025 年 6 月底之前，市统计局牵头完成数据核算").text
    assert read_prose(text, ("牵头",)) == (["市统计局"], [])


def test_read_prose_can_be_limited_to_some_verbs():
    assert read_prose("各区政府要加强组织领导。", ("牵头",)) == ([], [])
    assert read_prose("住房城乡建设厅牵头研究制定改造标准。", ("牵头",)) == (["住房城乡建设厅"], [])


@pytest.mark.parametrize(
    ("paragraph", "lead", "co"),
    [
        # 由X负责, also after 该项工作 and with a deadline clause after it
        ("由区住建局负责，组织各街道开展排查。", ["区住建局"], []),
        ("新建社区服务设施12处。由区民政局负责。", ["区民政局"], []),
        ("开展质量回访。由区质量监督站负责，长期坚持。", ["区质量监督站"], []),
        ("该项工作由区资源局会同区住建局、区民政局负责组织实施，各街道办事处具体落实。",
         ["区资源局"], ["区住建局", "区民政局", "各街道办事处"]),
        # a subject whose 负责 ends the clause, or is followed by 组织实施
        ("优先使用绿色建材。区住建局、区环境分局按职责分工负责。", ["区住建局", "区环境分局"], []),
        ("市交通局负责组织实施，市公安局配合。", ["市交通局"], ["市公安局"]),
        # a standing duty, a duty of a kind of body, and a remark inside a sentence are no assignment
        ("市教育局负责全市学校建设的统筹协调工作。", [], []),
        ("各地区可根据本地区发展需要，编制实施相关规划。", [], []),
        ("由主管部门确认的创新产品不占用资金规模指标。", [], []),
        ("开展院校评估（其中技工学校部分由市人社局负责），形成评估报告。", [], []),
    ],
)
def test_an_item_reads_only_the_prose_that_assigns_it(paragraph, lead, co):
    assert read_prose(paragraph, ("牵头",)) == (lead, co)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("政策法规科", True), ("市医保局价格招采科", True), ("危险化学品安全监督管理科", True), ("县教育局基础教育股", True),
     ("市人民医院儿科", True), ("科", False), ("学科", False), ("跨学科", False), ("高职专科", False), ("文旅控股", False)],
)
def test_internal_divisions_are_units(name, expected):
    assert is_unit(name) is expected


def test_notes_naming_internal_divisions_are_read():
    assert only_roles("开展专项检查。（责任科室：政策法规科，配合科室：安全生产基础科；完成时限：2025年3月底前）") == (
        ["政策法规科"], ["安全生产基础科"])
    assert only_roles("开展联合检查。（市医保局基金监管科、市医保基金监管支队按各自职责负责）") == (
        ["市医保局基金监管科", "市医保基金监管支队"], [])


@pytest.mark.parametrize(
    ("title", "expected"),
    [("责任分工", True), ("任务分工", True), ("部门职责", True), ("明确职责分工", True),
     ("保障措施", False), ("重点任务", False), (None, False)],
)
def test_is_duty_section(title, expected):
    assert is_duty_section(title) is expected


# ---------------------------------------------------------------- a note read clause by clause (unseen-forms 4.1)


def note_of(text):
    """The one note of a passage (the Assignment itself)."""
    norm = normalize(text).text
    (note,) = find_assignments(norm)
    return note


@pytest.mark.parametrize(
    "text",
    [
        # only vague assignees: still a note, naming no unit (unseen-forms S2)
        "清理违规收费项目。（各相关单位负责，长期坚持）",
        "推动停车场错时开放。（有关部门按职责负责，9月30日前办结）",
        "开展消防安全排查。（相关部门、各有关单位按职责分工负责）",
        # damaged: half-width brackets and commas
        "开展消防安全排查。(有关单位负责,持续推进)",
    ],
)
def test_a_note_naming_only_vague_assignees_is_a_note_without_units(text):
    note = note_of(text)
    assert note.assigns
    assert resolve_roles(note, False) == ([], [])


@pytest.mark.parametrize(
    ("text", "lead", "co"),
    [
        # a vague first assignee is skipped; the first named unit leads (S2)
        ("加强宣传引导。（其他有关部门，各县政府负责，持续推进）", ["各县政府"], []),
        ("加强宣传引导。（有关单位、甲县人民政府，乙县人民政府负责）", ["甲县人民政府", "乙县人民政府"], []),
        # 会同X whatever verb follows names X as a supporting unit (S3)
        ("推进跨省通办。（市林业局牵头，会同乙县自然资源局协同推进，2025年3月底前完成）", ["市林业局"], ["乙县自然资源局"]),
        ("推进跨省通办。（区教育局牵头，会同区财政局共同办理）", ["区教育局"], ["区财政局"]),
        ("推进跨省通办。（市水务局会同市城管局配合推进）", ["市水务局"], ["市城管局"]),
        # a clause the reader does not know costs that clause only
        ("开展数据统计。（市发改委牵头，资金从专项经费中列支，市财政局配合）", ["市发改委"], ["市财政局"]),
        # units and a deadline without a verb
        ("开展数据统计。（市统计局，2025年6月底前）", ["市统计局"], []),
        # 指导 notes name lead units; units that carry the work out after them support
        ("开展试点示范。（省农业农村厅、省林业局指导）", ["省农业农村厅", "省林业局"], []),
        ("开展试点示范。（市生态环境局指导，各区政府负责落实）", ["市生态环境局"], ["各区政府"]),
        # a role word the verb list does not end on, then a few more words
        ("推进旧城改造。（市住建局牵头实施，市财政局配合推进）", ["市住建局"], ["市财政局"]),
        ("推进旧城改造。（市住建局主责，甲区政府、乙区政府负责落实）", ["市住建局"], ["甲区政府", "乙区政府"]),
        # a role in brackets after a unit of the list
        ("推进旧城改造。（市住建局（牵头）、市财政局、市自然资源局）", ["市住建局"], ["市财政局", "市自然资源局"]),
        # 由 after an adverb or the task itself, and the 由 of a name, are no remark
        ("开展入学体检。（具体由市财政局负责）", ["市财政局"], []),
        ("开展入学体检。（注：本项由市卫健委负责）", ["市卫健委"], []),
        ("开展制度创新。（中国（江澜）自由贸易试验区管委会负责）", ["中国（江澜）自由贸易试验区管委会"], []),
    ],
)
def test_each_clause_of_a_note_is_read_on_its_own(text, lead, co):
    assert only_roles(text) == (lead, co)


@pytest.mark.parametrize(
    ("text", "lead", "co"),
    [
        # labels no list names and a deadline label in the same bracket (S4)
        ("开展安全检查（责任处室：安全监管处，完成期限：10月底前）。", ["安全监管处"], []),
        ("开展安全检查(责任科室:办公室,完成时限:长期坚持)", ["办公室"], []),
        ("编制年度计划（牵头处室：规划处；配合处室：财务处）", ["规划处"], ["财务处"]),
        # a deadline word never takes the unit names before it (the comma was lost)
        ("做好宣传工作（责任部门：宣传处长期坚持）", ["宣传处"], []),
        # a role in brackets after a unit of a label's list
        ("推进旧城改造（责任单位：市住建局（牵头）、市财政局、市税务局）", ["市住建局"], ["市财政局", "市税务局"]),
        # roles inside a label segment (U4)
        ("完善价格监测（责任单位：市场处、价格处牵头，办公室配合）", ["市场处", "价格处"], ["办公室"]),
        # a sharing clause inside a 责任单位 list does not demote its units
        ("推进园区改造。（责任单位：市商务局，甲县政府、乙县政府按职责分工负责）", ["市商务局", "甲县政府", "乙县政府"], []),
    ],
)
def test_labelled_notes(text, lead, co):
    assert only_roles(text) == (lead, co)


def test_a_first_is_lead_note_in_brackets_after_the_last_unit():
    # U7: the document's note is glued to the last unit of a label line
    text = normalize("建立调度机制。\n责任单位：甲县商务局、甲县财政局、甲县供销社（排名首位者为牵头部门，其余配合）").text
    note = find_assignments(text)[0]
    assert text[note.start:note.end].startswith("责任单位：")
    assert note.first_is_lead
    assert resolve_roles(note, note.first_is_lead) == (["甲县商务局"], ["甲县财政局", "甲县供销社"])


def test_a_declaration_clause_names_no_unit():
    lead, co = only_roles("共建油气管网。（责任单位：甲省能源局、甲省财政厅；乙省能源局；两省列首位的为牵头单位）")
    assert "两省" not in lead + co


@pytest.mark.parametrize(
    "text",
    [
        # a role remark inside a running sentence (unseen-forms S8)
        "探索建立电子证照制度（证照的归集由市数据局负责），方便群众办事。",
        "推进电子证照应用（由市数据局负责），方便群众办事。",
        # a noun phrase before 由 names who handles one part of the work
        "开展学校体检工作（其中中小学部分由区卫健委负责）。",
        "完善资金保障机制（市级资金由市财政局负责）。",
        # 会同 followed by a whole sentence is no note
        "推进建设。（由市财政局会同市税务局另行制定具体的管理办法）",
    ],
)
def test_remarks_are_no_notes(text):
    assert roles(text) == []


def test_a_remark_after_the_assignment_keeps_the_note():
    assert only_roles("推进职业教育。（市教育局牵头，其中中职部分由市人社局负责）") == (["市教育局"], [])


def test_a_remark_inside_a_unit_bracket_keeps_the_note():
    lead, _ = only_roles("推进职业教育。（责任单位：市教育局（其中中职部分由市人社局负责））")
    assert len(lead) == 1 and lead[0].startswith("市教育局")


@pytest.mark.parametrize(
    ("note", "read", "expected"),
    [
        # a list item without a unit ending is reported, not lost silently
        ("（区商务局、工业和信息、区财政局按职责分工负责）", ["区商务局", "区财政局"], ["工业和信息"]),
        ("（牵头单位：县文旅局；配合单位：县体育局、县城投）", ["县文旅局", "县体育局"], ["县城投"]),
        # vague items, deadlines, remarks and shared levels are no lost units
        ("（县文旅局牵头，县体育局等有关部门配合，2025年底前完成）", ["县文旅局", "县体育局"], []),
        ("（区民政局负责，以下均需各街道落实，不再列出）", ["区民政局"], []),
        ("（市、区残联负责，长期坚持）", ["市、区残联"], []),
        ("（戊市、己市相关部门配合）", [], []),
        # a unit read before wording the verb list does not know; "the rest" of a first-is-lead note
        ("（区医保局牵头，会同丙县医保中心协同办理）", ["区医保局", "丙县医保中心"], []),
        ("（排名首位者为牵头部门，其余配合）", [], []),
    ],
)
def test_unread_names(note, read, expected):
    assert unread_names(note, read) == expected


def test_an_unread_list_item_is_reported_on_its_note():
    import policykit

    source = "一、重点任务\n（一）推进数据共享。打通部门数据。（区数据局、工业和信息、区财政局按职责分工负责）\n"
    doc = policykit.extract_text(source).to_dict()
    (warning,) = [w for w in doc["warnings"] if w["code"] == "unit_not_read"]
    assert "工业和信息" in warning["message"]
    assert source[warning["span"][0]:warning["span"][1]].startswith("（区数据局")
    assert doc["measures"][0]["lead_units"] == ["区数据局", "区财政局"]


@pytest.mark.parametrize(
    ("paragraph", "lead", "co"),
    [
        # supporters in a later clause or a later sentence of the item: Y配合, Y配合做好…, Y做好…
        ("建设公共充电桩。由区住建局负责监督落实，区供电公司配合做好电力接入。", ["区住建局"], ["区供电公司"]),
        ("制定融资支持办法，引导社会资本参与。由区发改局负责。区财政局、区金融办配合。",
         ["区发改局"], ["区财政局", "区金融办"]),
        ("开展学生体质监测。由区教育局负责组织实施，各街道办事处配合做好宣传动员。", ["区教育局"], ["各街道办事处"]),
        ("推行社区食堂。由区商务局负责，区市场监管局做好食品安全检查。", ["区商务局"], ["区市场监管局"]),
        ("整治景区秩序。由区市场监管局负责，区公安分局、区文化和旅游局做好配合。",
         ["区市场监管局"], ["区公安分局", "区文化和旅游局"]),
        # X会同Y and a verb: X leads, Y supports; after 由 too
        ("新增日间照料中心12个。区民政局会同区卫健局推进，2026年底前完成。", ["区民政局"], ["区卫健局"]),
        ("区规划局会同区城管局、区交警大队负责，2025年底前完成。", ["区规划局"], ["区城管局", "区交警大队"]),
        # X会同Y and what X does: how X works, no assignment
        ("区规划局会同区城管局编制停车专项规划，报区政府批准后实施。", [], []),
        ("区财政局会同区农业农村局按照有关规定做好资金分配工作。", [], []),
        ("由区水务局会同区农业农村局组织实施。", ["区水务局"], ["区农业农村局"]),
        # no unit before 会同 or 配合: no assignment
        ("支持企业会同高校开展订单培训，鼓励行业协会配合做好对接。", [], []),
        ("各地要会同有关部门做好摸底工作。", [], []),
        ("市发改委牵头，做好规划衔接，主动配合省里开展评估。", ["市发改委"], []),
    ],
)
def test_an_item_reads_supporters_written_around_its_lead(paragraph, lead, co):
    assert read_prose(paragraph, ("牵头",)) == (lead, co)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bracket of unit names only, closing a sentence or a line, is a note without a role word
        ("推进结对帮扶。（甲州市教育局、乙州市教育局）", [["甲州市教育局", "乙州市教育局"]]),
        ("共建产业园区。（乙州市工信局、甲州市工信局、乙州高新区管委会）\n",
         [["乙州市工信局", "甲州市工信局", "乙州高新区管委会"]]),
        ("推进同城通办。（有关部门、甲州市数据局、乙州市数据局）", [["甲州市数据局", "乙州市数据局"]]),
        ("建设城际铁路（甲州市发展改革委）。", [["甲州市发展改革委"]]),
        # inside a sentence, or naming anything but units: text
        ("推进试点（示范）工作（甲州市教育局），加快建设。", []),
        ("完成主体工程（含附属设施）。", []),
        ("建设数据中心（一期）。", []),
        ("深化“放管服”改革（国务院令第722号）。", []),
    ],
)
def test_a_bracket_of_unit_names_is_a_note(text, expected):
    text = normalize(text).text
    assert [a.responsible for a in find_assignments(text)] == expected


def test_a_declaration_in_the_running_text_makes_the_first_unit_of_every_list_lead():
    import policykit

    body = ("一、重点任务\n（一）共建产业园区。建立利益分享机制。（乙州市工信局、甲州市工信局）\n"
            "（二）推进结对帮扶。开展教师交流。（甲州市教育局、乙州市教育局）\n")
    said = "各项任务责任单位中排名第一的为牵头单位，其他为配合单位。\n" + body
    got = [(m["lead_units"], m["co_units"]) for m in policykit.extract_text(said).to_dict()["measures"]]
    assert got == [(["乙州市工信局"], ["甲州市工信局"]), (["甲州市教育局"], ["乙州市教育局"])]
    got = [(m["lead_units"], m["co_units"]) for m in policykit.extract_text(body).to_dict()["measures"]]
    assert got == [(["乙州市工信局", "甲州市工信局"], []), (["甲州市教育局", "乙州市教育局"], [])]


@pytest.mark.parametrize(("name", "expected"), [
    # works, stores and schools that take tasks are units
    ("北郊生活垃圾填埋场", True), ("西山煤炭储备场", True), ("城东粮库", True), ("市粮食储备库", True),
    ("青澜第一中学", True), ("江澜实验小学", True), ("市机关幼儿园", True), ("市青少年宫", True),
    # a market is no body
    ("统一大市场", False), ("农贸市场", False),
])
def test_works_stores_and_schools_are_units(name, expected):
    assert is_unit(name) is expected
    if expected:
        assert split_units(f"市发展改革委、{name}") == ["市发展改革委", name]


@pytest.mark.parametrize(("text", "lead", "co"), [
    # bare role labels
    ("建设邻里中心。（主办：区民政局；协办：区住建局）", ["区民政局"], ["区住建局"]),
    ("建设邻里中心。（主责：区民政局；配合：区住建局、区财政局）", ["区民政局"], ["区住建局", "区财政局"]),
    ("建设邻里中心。（承办：区民政局；参与：区住建局）", ["区民政局"], ["区住建局"]),
    # a line of labels opened by one that names a person
    ("建设邻里中心。\n责任领导：张明；牵头单位：区民政局；责任人：李华", ["区民政局"], []),
    ("建设邻里中心。\n分管领导：赵六 责任单位：区民政局", ["区民政局"], []),
])
def test_notes_in_further_forms(text, lead, co):
    assert only_roles(text) == (lead, co)


@pytest.mark.parametrize("declaration", [
    "各项任务第一个单位为牵头单位。", "责任单位中排名第一的为牵头单位。", "列首位的单位是牵头单位。", "排在第一位的为牵头部门。",
])
def test_first_is_lead_declarations_in_their_wordings(declaration):
    import policykit

    text = declaration + "\n一、重点任务\n1.建设邻里中心。在每个街道建设。（区民政局，区住建局）\n"
    (m,) = policykit.extract_text(text).to_dict()["measures"]
    assert (m["lead_units"], m["co_units"]) == (["区民政局"], ["区住建局"])


@pytest.mark.parametrize(("note", "lead", "co"), [
    ("——区民政局牵头，区住建局配合", ["区民政局"], ["区住建局"]),
    ("—区民政局、区卫健委负责", ["区民政局", "区卫健委"], []),
])
def test_an_assignment_after_a_dash_closing_the_item(note, lead, co):
    import policykit

    text = f"一、重点任务\n（一）建设邻里中心。在每个街道建设一处邻里中心。{note}\n（二）完善养老服务。推广家庭养老床位。（区卫健委负责）\n"
    first = policykit.extract_text(text).to_dict()["measures"][0]
    assert (first["lead_units"], first["co_units"]) == (lead, co)


def test_in_a_document_that_assigns_in_prose_x_with_y_and_any_verb_assigns():
    from policykit.extract.assignments import read_prose as rp

    sentence = "完善交通网络。区交通运输局会同区文化和旅游局推进旅游公路建设，力争新改建旅游公路120公里。"
    assert rp(sentence, ("牵头",)) == ([], [])
    assert rp(sentence, ("牵头",), True) == (["区交通运输局"], ["区文化和旅游局"])
    assert rp("加强培训。支持企业会同高校开展订单培训。", ("牵头",), True) == ([], [])
    assert rp("推进改造。全区会同各街道推进改造。", ("牵头",), True) == ([], [])


@pytest.mark.parametrize(("text", "lead", "co"), [
    # units that guide lead beside the units that carry the work out
    ("建设社区食堂。（各区政府负责，市民政局、市商务局指导）", ["各区政府", "市民政局", "市商务局"], []),
    ("建设社区食堂。（市财政局、市发改委负责，市民政局指导）", ["市财政局", "市发改委", "市民政局"], []),
    ("建设社区食堂。（市民政局指导）", ["市民政局"], []),
    # a 牵头 unit still makes the 负责 units its supporters
    ("建设社区食堂。（市民政局牵头，各区政府负责，市商务局指导）", ["市民政局", "市商务局"], ["各区政府"]),
])
def test_guiding_units_lead_beside_the_responsible_ones(text, lead, co):
    assert only_roles(text) == (lead, co)
