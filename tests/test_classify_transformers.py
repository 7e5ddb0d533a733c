"""Paragraph classifier, transformers backend: char vocab/tokenizer and a tiny end-to-end run (needs torch)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from nianbao.classify import load_classifier, read_corpus, train  # noqa: E402
from nianbao.classify import transformers_backend as tb  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "paragraphs_small.jsonl"
REPO = Path(__file__).resolve().parents[1]


def test_char_vocab_tokenizer_is_not_unk(tmp_path):
    vocab = tb.build_char_vocab(["我镇公开政府信息12条", "我镇公开政府信息", "办理申请"], min_freq=2)
    assert list(vocab)[:5] == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    assert "办" not in vocab  # seen once, below min_freq
    tb.write_vocab(vocab, tmp_path)
    tok = tb.load_tokenizer(tmp_path)
    # 年 was never seen, so it (and only it) is unknown
    assert tok.tokenize("2023年我镇公开信息IPv6") == ["2", "##0", "##2", "##3", "[UNK]", "我", "镇", "公", "开", "信", "息",
                                                      "i", "##p", "##v", "##6"]
    ids = tok("我镇公开政府信息")["input_ids"]
    assert tok.unk_token_id not in ids
    assert ids == [vocab["[CLS]"], *(vocab[c] for c in "我镇公开政府信息"), vocab["[SEP]"]]


def test_shipped_char_bert_base_tokenizer_if_present():
    base = REPO / "models" / "char-bert-base"
    if not (base / "vocab.txt").is_file():
        pytest.skip("models/char-bert-base not built")
    tok = tb.load_tokenizer(base)
    ids = tok("本机关全年主动公开政府信息1213条")["input_ids"]
    assert tok.unk_token_id not in ids
    assert len(ids) == 2 + len("本机关全年主动公开政府信息") + 4 + 1  # [CLS] [SEP], 13 chars, 1/##2/##1/##3, 条


def test_tiny_end_to_end_on_fixture(tmp_path):
    texts = [e.text for e in read_corpus(FIXTURE) if e.split == "train"]
    info = tb.pretrain_char_bert(texts, tmp_path / "base", steps=4, batch_size=8, max_len=64, seed=0)
    assert info["steps"] == 4 and len(info["mlm_loss"]) == 1
    for name in ("config.json", "model.safetensors", "vocab.txt", "pretrain.json"):
        assert (tmp_path / "base" / name).is_file()
    card = train("transformers", FIXTURE, tmp_path / "ft", base_model=tmp_path / "base", seed=0, small=True)
    assert card["steps"] == 6 and card["backend"] == "transformers"  # 80 train paragraphs: 3 batches x 2 epochs
    assert card["metrics"]["test"]["n"] == 20
    heads = json.loads((tmp_path / "ft" / "heads.json").read_text(encoding="utf-8"))
    assert heads["topics"][0] == "主动公开" and heads["threshold"] == card["threshold"]["threshold"]
    clf = load_classifier("transformers", tmp_path / "ft")
    preds = clf.predict(["我镇无其他需要报告的事项。", "全年收到申请12件。"], ["other", None])
    assert len(preds) == 2
    assert all(0.0 <= p.boilerplate <= 1.0 and p.topic in heads["topics"] for p in preds)
    assert sum(preds[0].topic_proba.values()) == pytest.approx(1.0, abs=1e-4)
    # the same weights give the same numbers after a reload
    again = load_classifier("transformers", tmp_path / "ft").predict(["我镇无其他需要报告的事项。"], ["other"])
    assert again[0].boilerplate == pytest.approx(preds[0].boilerplate, abs=1e-6)


def test_transformers_train_requires_base_model():
    with pytest.raises(ValueError, match="--base-model"):
        train("transformers", FIXTURE, "/tmp/never-written")
