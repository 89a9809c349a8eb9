"""Generated policy documents for the property and fuzz tests.

Fragments of the kinds a real 实施意见 is made of (headings 一、（一）1.,
assignment notes, dates, document numbers, 《》 titles, targets), put
together in random order and then damaged the way scraping and OCR damage
text: characters dropped or doubled, full-width punctuation turned
half-width, brackets lost, lines broken or joined, stray characters.

``invariants(source, doc)`` lists what the contract promises of every
extraction, whatever the input.
"""
from __future__ import annotations

import hashlib
import random

from jsontree import spans

from policykit.schema import validate

HEADINGS = [
    "一、总体要求", "二、主要任务", "三、保障措施", "四、组织实施", "十一、其他",
    "（一）加强组织领导", "（二）强化资金保障", "（十）完善考核机制", "(三)推进数字化改造",
    "1.加快农村宽带建设。", "2、推进5G网络向乡镇延伸", "3．建设智慧农业示范基地", "12.健全工作机制。",
    "（1）完善基础设施", "①开展试点示范", "第一章 总则", "第三条 本办法自印发之日起施行。", "附件1：重点任务分工表",
]
SENTENCES = [
    "推进5G网络向乡镇延伸，2025年底前实现乡镇全覆盖。",
    "到2025年，全市行政村5G网络通达率达到90%以上。",
    "力争到2027年，规模以上工业企业研发投入强度提高到2.5%，新增高新技术企业100家左右。",
    "全市有效发明专利拥有量达到300件左右，年均增长15%。",
    "建设10个左右智慧农业示范基地，长期坚持。",
    "每年开展一次专项检查，2024年6月底前完成。",
    "为贯彻落实《数字乡村发展战略纲要》（中办发〔2019〕19号）精神，结合实际，制定本方案。",
    "按照国发〔2014〕6号文件要求，执行《山西省知识产权优势企业培育工程实施方案（试行）》（晋科函〔201252）。",
    "严格执行GB/T 29490-2013标准。",
    "各县（区）人民政府，市人民政府各部门：",
    "青山市人民政府办公室",
    "2025年2月18日",
    "青政办发〔2025〕7号",
    "关于加快推进数字乡村建设的实施意见",
    "（此件公开发布）",
]
NOTES = [
    "（牵头单位：市工业和信息化局；配合单位：市财政局）",
    "（牵头单位：市科技局、市发展改革委，配合单位：各县区人民政府）",
    "（责任单位：市农业农村局）", "（市市场监管局牵头，市税务局、市公安局配合）",
    "由市教育局负责。", "（市财政局负责）", "责任单位：市住建局；完成时限：2025年12月底",
    "（牵头单位：市政府办公室 完成时限：长期坚持）",
]
FULL_TO_HALF = str.maketrans("，。；：（）！？、", ",.;:()!?,")
NOISE = ["\n", " ", "\u3000", "\t", "\ufeff", "\u200b", "\x0c", "《", "》", "（", "）", "〔", "〕", "号", "年", "%",
         "\r", "\r\n", "…", "—", "·", "𠀀", "é", "\u0301", "\ufffd", "\U0001f600"]


def fragments(rng: random.Random, size: int) -> list[str]:
    """``size`` pieces of a policy document, in a plausible-then-shuffled order."""
    out = []
    for _ in range(size):
        kind = rng.random()
        if kind < 0.3:
            out.append(rng.choice(HEADINGS) + "\n")
        elif kind < 0.75:
            out.append(rng.choice(SENTENCES))
        else:
            out.append(rng.choice(NOTES))
        if rng.random() < 0.3:
            out.append("\n")
    if rng.random() < 0.5:
        rng.shuffle(out)
    return out


def damage(rng: random.Random, text: str, rate: float) -> str:
    """``text`` with about ``rate`` of its characters dropped, doubled,
    made half-width, or with noise put in after them."""
    out = []
    for ch in text:
        roll = rng.random()
        if roll < rate / 4:
            continue                                    # lost
        if roll < rate / 2:
            out.append(ch + ch)                         # doubled
        elif roll < 3 * rate / 4:
            out.append(ch.translate(FULL_TO_HALF))      # half-width punctuation
        elif roll < rate:
            out.append(ch + rng.choice(NOISE))          # stray character
        else:
            out.append(ch)
    return "".join(out)


def policy_text(rng: random.Random, size: int | None = None, rate: float | None = None) -> str:
    size = rng.randint(0, 12) if size is None else size
    rate = rng.choice([0.0, 0.0, 0.01, 0.05, 0.2]) if rate is None else rate
    text = "".join(fragments(rng, size))
    if rng.random() < 0.2:
        text = text.replace("（", "").replace("）", "")   # brackets lost
    if rng.random() < 0.2:
        text = text.replace("\n", "")                    # one line
    return damage(rng, text, rate)


def source_of(text: str) -> str:
    """The source text ``extract_text(text)`` indexes: without a leading BOM."""
    return text[1:] if text.startswith("\ufeff") else text


def invariants(text: str, doc: dict) -> list[str]:
    """How an extraction of ``text`` breaks the contract; empty when it keeps it."""
    source = source_of(text)
    problems = [f"schema: {message}" for message in validate(doc)]
    for start, end in spans(doc):
        if not 0 <= start <= end <= len(source):
            problems.append(f"span {[start, end]} outside the source of {len(source)} characters")
    for kind in ("citations", "targets"):
        for item in doc[kind]:
            start, end = item["span"]
            if source[start:end] != item["text"]:
                problems.append(f"{item['id']}: text {item['text']!r} != source {source[start:end]!r}")
    for measure in doc["measures"]:
        deadline = measure["deadline"]
        if deadline:
            start, end = deadline["span"]
            if source[start:end] != deadline["text"]:
                problems.append(f"{measure['id']} deadline {deadline['text']!r} != source {source[start:end]!r}")
    if doc["source"]["chars"] != len(source):
        problems.append(f"source.chars {doc['source']['chars']} != {len(source)}")
    if doc["source"]["sha256"] != hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest():
        problems.append("source.sha256 is not the hash of the source text")
    return problems
