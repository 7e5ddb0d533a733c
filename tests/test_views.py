"""The report's cached text views: one sentence end, predictions tied to their paragraphs, caches built once."""

from __future__ import annotations

import pickle

import pytest

from nianbao.audit import load_report
from nianbao.classify.base import Prediction
from nianbao.views import PredictionMismatch, split_sentences, walk_headings

TEXT = """云岭镇人民政府2023年政府信息公开工作年度报告
一、总体情况
（一）主动公开
2023年，我镇主动公开政府信息386条；其中财政信息12条。是否全部公开? 是的!
二、主动公开政府信息情况
本年度未制发规范性文件。
"""


def test_one_sentence_end_for_full_and_half_width_marks():
    text = "甲。乙；丙? 丁!戊\n己"
    assert [text[a:b] for a, b in split_sentences(text)] == ["甲。", "乙；", "丙?", " 丁!", "戊", "己"]


def test_sentences_carry_offsets_part_and_body():
    r = load_report(TEXT)
    got = [(s.text, s.part, s.body - s.start) for s in r.views.sentences]
    assert got == [("2023年，我镇主动公开政府信息386条；", "overview", 0), ("其中财政信息12条。", "overview", 0),
                   ("是否全部公开?", "overview", 0), (" 是的!", "overview", 1),  # the body starts after the blank
                   ("本年度未制发规范性文件。", "proactive", 0)]
    for s in r.views.sentences:
        assert r.text[s.start:s.end] == s.text and s.start <= s.body <= s.end


def test_views_are_built_once():
    r = load_report(TEXT)
    assert r.views is r.views and r.paragraphs() is r.paragraphs() and r.views.sentences is r.views.sentences
    assert r.views.spans() is r.views.spans()
    assert [h.title for _, h in r.views.headings] == [h.title for p in r.parts for h in walk_headings(p.headings)]


def test_predictions_belong_to_their_paragraphs_or_fail_loudly():
    r = load_report(TEXT)
    paras = r.paragraphs()
    preds = [Prediction(boilerplate=i / 10, topic="其他") for i in range(len(paras))]
    r.views.attach_predictions(preds)
    assert [r.views.prediction(p).boilerplate for p in paras] == [p.boilerplate for p in preds]
    with pytest.raises(PredictionMismatch):
        r.views.attach_predictions(preds[:-1])


def test_a_pickled_report_carries_no_caches():
    r = load_report(TEXT)
    r.views.attach_predictions([Prediction(boilerplate=0.1, topic="其他") for _ in r.paragraphs()])
    r2 = pickle.loads(pickle.dumps(r))
    assert not r2.views.has_predictions
    assert [p.text for p in r2.paragraphs()] == [p.text for p in r.paragraphs()]
