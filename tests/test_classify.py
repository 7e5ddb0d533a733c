"""Paragraph classifier, scikit-learn backend: shipped model, training, skops safety, metrics."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nianbao.classify import (
    ModelNotFoundError,
    Prediction,
    evaluate,
    find_model_dir,
    load_classifier,
    read_corpus,
    train,
)
from nianbao.classify.base import CorpusError
from nianbao.classify.features import FEATURE_NAMES, SpecificityFeatures, encode
from nianbao.classify.metrics import choose_threshold
from nianbao.classify.sklearn_backend import ALLOWED_TYPES, MODEL_FILE, UntrustedModelError

FIXTURE = Path(__file__).parent / "fixtures" / "paragraphs_small.jsonl"
REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "models" / "paragraph-sklearn"

GENERIC = (
    "我局始终坚持以公开为常态、不公开为例外，进一步提高思想认识，加强组织领导，不断拓展公开的广度和深度，"
    "切实保障人民群众的知情权、参与权和监督权，推动政务公开工作再上新台阶。"
)
CONCRETE = (
    "2023年，本机关共收到政府信息公开申请46件，其中自然人申请39件、法人或其他组织申请7件；"
    "予以公开28件，部分公开5件，平均答复时间为9个工作日。"
)


@pytest.fixture(scope="module")
def shipped():
    return load_classifier()


def test_shipped_model_is_found_and_small(shipped):
    assert find_model_dir("sklearn") == SHIPPED
    assert shipped.name == "paragraph-sklearn"
    assert (SHIPPED / MODEL_FILE).stat().st_size < 8_000_000
    card = json.loads((SHIPPED / "card.json").read_text(encoding="utf-8"))
    assert card["threshold"]["threshold"] == pytest.approx(shipped.threshold)
    assert 0.0 < shipped.threshold < 1.0
    assert card["metrics"]["test"]["boilerplate"]["f1"] >= 0.90
    assert card["metrics"]["test"]["topic"]["macro_f1"] >= 0.85


def test_shipped_model_clear_cases(shipped):
    preds = shipped.predict([GENERIC, CONCRETE], ["overview", "requests"])
    assert all(isinstance(p, Prediction) for p in preds)
    generic, concrete = preds
    assert generic.boilerplate > shipped.threshold
    assert concrete.boilerplate < shipped.threshold
    assert concrete.topic == "依申请公开"
    assert set(concrete.topic_proba) == {
        "主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "问题", "改进措施", "信息处理费", "其他",
    }
    assert sum(concrete.topic_proba.values()) == pytest.approx(1.0, abs=1e-3)


def test_shipped_model_topic_of_fee_and_plans(shipped):
    fee, plan = shipped.predict(
        ["2024年，本单位未收取政府信息公开信息处理费。",
         "针对上述问题，我局将采取以下改进措施：一是建立栏目更新责任清单，二是2025年3月底前完成答复文书模板修订。"],
        ["other", "problems"],
    )
    assert fee.topic == "信息处理费"
    assert plan.topic == "改进措施"


def test_predict_without_parts_and_empty(shipped):
    assert shipped.predict([]) == []
    (p,) = shipped.predict([CONCRETE])
    assert p.boilerplate < shipped.threshold
    with pytest.raises(ValueError):
        shipped.predict([CONCRETE], [None, None])


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("m") / "paragraph-sklearn"
    card = train("sklearn", FIXTURE, out, seed=0)
    return out, card


def test_train_on_fixture_writes_model_and_card(small_model):
    out, card = small_model
    assert (out / MODEL_FILE).is_file() and (out / "card.json").is_file() and (out / "README.md").is_file()
    on_disk = json.loads((out / "card.json").read_text(encoding="utf-8"))
    assert on_disk["threshold"] == card["threshold"]
    assert on_disk["data"]["splits"]["train"]["paragraphs"] == 80
    assert on_disk["data"]["splits"]["validation"]["reports"] == 2
    assert on_disk["data"]["splits"]["test"]["paragraphs"] == 20
    assert on_disk["threshold"]["rule"].startswith("max F1 subject to precision >= 0.9")
    assert "nianbao train --backend sklearn" in on_disk["retrain"]
    test = on_disk["metrics"]["test"]
    assert test["n"] == 20
    assert test["boilerplate"]["f1"] == 1.0
    assert test["topic"]["macro_f1"] == 1.0


def test_train_is_deterministic(small_model, tmp_path):
    out, card = small_model
    card2 = train("sklearn", FIXTURE, tmp_path / "again", seed=0)
    assert card2["threshold"] == card["threshold"]
    texts = [e.text for e in read_corpus(FIXTURE)[:10]]
    a = load_classifier("sklearn", out).predict(texts)
    b = load_classifier("sklearn", tmp_path / "again").predict(texts)
    assert [x.boilerplate for x in a] == [x.boilerplate for x in b]
    assert [x.topic for x in a] == [x.topic for x in b]


def test_evaluate_reports_per_label_metrics(small_model):
    out, _ = small_model
    res = evaluate("sklearn", FIXTURE, out, split="validation")
    assert res["split"] == "validation" and res["n"] == 20
    assert set(res["boilerplate"]["per_label"]) == {"0", "1"}
    assert np.asarray(res["boilerplate"]["confusion"]).sum() == 20
    tm = np.asarray(res["topic"]["confusion"])
    assert tm.shape == (len(res["topic"]["confusion_labels"]),) * 2 and tm.sum() == 20
    assert res["topic"]["macro_f1"] == 0.9407


def test_skops_load_refuses_untrusted_type(tmp_path):
    from fractions import Fraction  # harmless, but neither skops-trusted nor on our allow-list

    import skops.io as sio

    bad = tmp_path / "bad"
    bad.mkdir()
    sio.dump({"format": 1, "payload": Fraction(1, 3)}, bad / MODEL_FILE)
    assert sio.get_untrusted_types(file=bad / MODEL_FILE) == ["fractions.Fraction"]
    with pytest.raises(UntrustedModelError, match="不在白名单中的类型，已拒绝加载：fractions.Fraction"):
        load_classifier("sklearn", bad)


def test_shipped_model_types_are_all_on_the_allow_list():
    import skops.io as sio

    assert set(sio.get_untrusted_types(file=SHIPPED / MODEL_FILE)) <= ALLOWED_TYPES


def test_missing_model_gives_chinese_hint(tmp_path):
    with pytest.raises(ModelNotFoundError, match="请先训练模型：nianbao train --backend sklearn"):
        load_classifier("sklearn", tmp_path)
    with pytest.raises(ValueError, match="未知的分类器后端"):
        load_classifier("svm")


def test_specificity_features_exact():
    f = SpecificityFeatures(phrases=["不断拓展公开的广度和深度"], markers=[r"\d+件"]).fit([])
    row = f.transform([encode("2023年3月，我局印发《公开目录》（临政办〔2023〕12号），办理申请12件、28件。", "overview")])[0]
    vals = dict(zip(FEATURE_NAMES, row, strict=True))
    assert vals["log_figures"] == pytest.approx(np.log1p(6))  # 2023, 3, 2023, 12, 12, 28
    assert vals["log_docnums"] == pytest.approx(np.log1p(1))
    assert vals["log_quoted"] == pytest.approx(np.log1p(1))
    assert vals["log_units"] == pytest.approx(np.log1p(2))
    assert vals["log_markers"] == pytest.approx(np.log1p(2))
    assert vals["log_phrases"] == 0.0
    g = f.transform([encode(GENERIC, None)])[0]
    gvals = dict(zip(FEATURE_NAMES, g, strict=True))
    assert gvals["log_figures"] == 0.0 and gvals["has_figure"] == 0.0
    assert gvals["log_phrases"] == pytest.approx(np.log1p(1))


def test_choose_threshold_prefers_precision_floor():
    y = [0, 0, 0, 1, 0, 1, 1, 1]
    p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    thr = choose_threshold(y, p)
    # precision >= 0.9 first reached at 0.6 (3/3); the cut sits half-way to the next lower score 0.5
    assert thr["threshold"] == 0.55
    assert thr["precision"] == 1.0 and thr["recall"] == 0.75


def test_choose_threshold_takes_the_cut_nearest_half_among_near_equal_ones():
    # one positive scores 0.15 and all others 0.6: cutting at 0.15 is perfect (F1 1.0), cutting at 0.6 loses one of
    # 100 positives (F1 0.995, within F1_TOLERANCE) and is nearer the calibrated midpoint, so it is taken
    y = [0, 0, 1] + [1] * 99
    p = [0.05, 0.1, 0.15] + [0.6] * 99
    thr = choose_threshold(y, p)
    assert thr["threshold"] == 0.375  # half-way between 0.6 and the next lower score 0.15
    assert thr["precision"] == 1.0 and thr["recall"] == 0.99


def test_read_corpus_rejects_bad_topic(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"split": "train", "text": "x", "boilerplate": 1, "topic": "天气"}, ensure_ascii=False),
                 encoding="utf-8")
    with pytest.raises(CorpusError, match="topic"):
        read_corpus(p)


# --------------------------------------------------------------------------- numpy scorer (model.npz)


def test_murmurhash_matches_scikit_learn():
    from sklearn.utils import murmurhash3_32

    from nianbao.classify.numpy_backend import murmurhash3_32 as np_murmur

    keys = ["", "a", "政", "政府", "政府信息", "政府信息 公开", "§part=none", "0件", "x" * 13, "依申请公开 0"]
    assert np_murmur([k.encode() for k in keys]).tolist() == [murmurhash3_32(k.encode(), 0) for k in keys]


def test_shipped_numpy_export_matches_skops_model():
    from nianbao.classify.numpy_backend import NPZ_FILE, NumpyParagraphClassifier, file_sha256

    fast = load_classifier("sklearn")
    slow = load_classifier("sklearn", fast=False)
    assert isinstance(fast, NumpyParagraphClassifier) and not isinstance(slow, NumpyParagraphClassifier)
    # the export records the hash of the skops file it came from
    with np.load(SHIPPED / NPZ_FILE) as z:
        assert json.loads(str(z["meta"]))["skops_sha256"] == file_sha256(SHIPPED / MODEL_FILE)
    ex = read_corpus(FIXTURE)
    texts, parts = [e.text for e in ex] + [GENERIC, CONCRETE, ""], [e.part for e in ex] + ["overview", None, None]
    a, b = fast.predict(texts, parts), slow.predict(texts, parts)
    assert fast.threshold == slow.threshold and fast.topics == slow.topics
    assert [p.boilerplate for p in a] == pytest.approx([p.boilerplate for p in b], abs=1e-12)
    assert [p.topic for p in a] == [p.topic for p in b]
    for x, y in zip(a, b, strict=True):
        assert x.topic_proba == pytest.approx(y.topic_proba, abs=2e-6)


def test_training_writes_a_matching_numpy_export(small_model):
    from nianbao.classify.numpy_backend import NPZ_FILE, NumpyParagraphClassifier

    out, _ = small_model
    assert (out / NPZ_FILE).is_file()
    fast = load_classifier("sklearn", out)
    assert isinstance(fast, NumpyParagraphClassifier)
    texts = [e.text for e in read_corpus(FIXTURE)]
    a, b = fast.predict(texts), load_classifier("sklearn", out, fast=False).predict(texts)
    assert [p.boilerplate for p in a] == pytest.approx([p.boilerplate for p in b], abs=1e-12)
    assert [p.topic for p in a] == [p.topic for p in b]


def test_stale_numpy_export_falls_back_to_skops(small_model, tmp_path):
    import shutil

    from nianbao.classify.numpy_backend import NPZ_FILE, NumpyParagraphClassifier

    out, _ = small_model
    stale = tmp_path / "stale"
    shutil.copytree(out, stale)
    shutil.copy(SHIPPED / NPZ_FILE, stale / NPZ_FILE)  # an export of another skops file
    clf = load_classifier("sklearn", stale)
    assert not isinstance(clf, NumpyParagraphClassifier)
