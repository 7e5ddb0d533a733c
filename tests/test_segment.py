"""The fast segmenter (bucketed, memory-mapped jieba dictionary) cuts exactly as plain jieba does."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest

from nianbao.classify import read_corpus, segment
from nianbao.textnorm import compact

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "paragraphs.jsonl"
FIXTURES = Path(__file__).parent / "fixtures" / "reports"


@pytest.fixture(scope="module")
def tokenizers(tmp_path_factory):
    jieba.setLogLevel(logging.WARNING)
    full = segment._full_tokenizer(jieba)
    full.domain_tags = dict(full.user_word_tag_tab)  # a POSTokenizer built on `full` consumes them
    path = tmp_path_factory.mktemp("segcache") / "freq.bin"
    segment.build_cache(path, full.FREQ, full.total, segment.pos_tags(full))
    freq, total, tags = segment.open_cache(path)
    lazy = jieba.Tokenizer()
    lazy.FREQ, lazy.total, lazy.initialized = freq, total, True
    lazy.nianbao_pos_tags = tags
    return full, lazy


def _texts() -> list[str]:
    texts = [e.text for e in read_corpus(CORPUS)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    return texts


def test_lazy_dictionary_segments_exactly_like_jieba(tokenizers):
    full, lazy = tokenizers
    texts = _texts()
    assert len(texts) > 2000
    for t in texts:
        s = compact(t)
        assert lazy.lcut(s, HMM=True) == full.lcut(s, HMM=True)
        assert lazy.lcut(s, HMM=False) == full.lcut(s, HMM=False)
    assert lazy.total == full.total
    # a domain-dictionary word and its prefixes are there, with the same frequencies
    for w in ("依申请公开", "政府信息公开", "政府信", "不存在的词语组合"):
        assert lazy.FREQ.get(w) == full.FREQ.get(w)
        assert (w in lazy.FREQ) == (w in full.FREQ)


def _reference_pos(full):
    """jieba.posseg's own POSTokenizer: the whole dictionary file's tags, then the domain dictionary's."""
    import jieba.posseg as pseg

    ref = pseg.POSTokenizer(full)
    ref.makesure_userdict_loaded()
    ref.word_tag_tab.update(full.domain_tags)
    return ref


def test_lazy_part_of_speech_tags_match_posseg(tokenizers):
    import jieba.posseg as pseg

    full, lazy = tokenizers
    ref = _reference_pos(full)
    fast = pseg.POSTokenizer.__new__(pseg.POSTokenizer)
    fast.tokenizer, fast.word_tag_tab = lazy, lazy.nianbao_pos_tags
    for t in _texts()[::7]:
        s = compact(t)
        assert [(w.word, w.flag) for w in fast.cut(s)] == [(w.word, w.flag) for w in ref.cut(s)]
    # a domain-dictionary word keeps the tag the domain dictionary gives it
    word, *rest = next(ln.split() for ln in open(segment.domain_dict_path(), encoding="utf-8") if len(ln.split()) == 3)
    assert fast.word_tag_tab.get(word) == ref.word_tag_tab.get(word) == rest[-1]


def test_get_tokenizer_builds_the_cache_once(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(segment, "_tokenizer", None)
    first = segment.get_tokenizer()  # builds the cache, answers with the full dictionary
    assert isinstance(first.FREQ, dict)
    assert len(list(tmp_path.glob("jieba-freq-*.bin"))) == 1
    monkeypatch.setattr(segment, "_tokenizer", None)
    second = segment.get_tokenizer()
    assert isinstance(second.FREQ, segment.LazyFreq)
    s = "本机关共收到政府信息公开申请46件，依申请公开工作平稳有序。"
    assert second.lcut(s) == first.lcut(s)


def test_damaged_cache_falls_back_to_plain_jieba(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(segment, "_tokenizer", None)
    segment.get_tokenizer()
    (path,) = tmp_path.glob("jieba-freq-*.bin")
    path.write_bytes(b"garbage")
    monkeypatch.setattr(segment, "_tokenizer", None)
    tok = segment.get_tokenizer()
    assert isinstance(tok.FREQ, dict)
    assert tok.lcut("依申请公开") == ["依申请公开"]


_POS_PROBE = """
import json, sys
from nianbao.classify.segment import get_pos_tokenizer
pt = get_pos_tokenizer()
texts = json.loads(sys.stdin.read())
import jieba.posseg
print(json.dumps({"cuts": [[[w.word, w.flag] for w in pt.cut(t)] for t in texts],
                  "default": [[w.word, w.flag] for w in jieba.posseg.cut(texts[0])]}))
"""


def test_pos_tokenizer_in_a_fresh_process_tags_like_posseg(tokenizers, tmp_path):
    """get_pos_tokenizer imports jieba.posseg with its tables unmarshalled from the cache and without the
    module-level tokenizer's dictionary read; the tags are the same, and jieba.posseg.cut still works."""
    import json
    import os
    import subprocess
    import sys

    import jieba.posseg as pseg

    full, _ = tokenizers
    ref = _reference_pos(full)
    texts = [compact(t) for t in _texts()[::50]]
    env = {**os.environ, "NIANBAO_CACHE_DIR": str(tmp_path),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for _ in range(2):  # the first run builds the caches, the second reads them
        res = subprocess.run([sys.executable, "-c", _POS_PROBE], input=json.dumps(texts), capture_output=True,
                             text=True, env=env, timeout=300, check=True)
        got = json.loads(res.stdout)
        assert got["cuts"] == [[[w.word, w.flag] for w in ref.cut(t)] for t in texts]
        assert got["default"] == [[w.word, w.flag] for w in pseg.POSTokenizer(jieba.Tokenizer()).cut(texts[0])]
    assert len(list(tmp_path.glob("jieba-posseg-*.bin"))) == 1
