"""Shared types of the paragraph classifier: labels, predictions, the classifier protocol, corpus I/O."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

TOPICS: tuple[str, ...] = (
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "平台建设",
    "监督保障",
    "问题",
    "改进措施",
    "信息处理费",
    "其他",
)
SPLITS: tuple[str, ...] = ("train", "validation", "test")


@dataclass
class Prediction:
    """Classifier output for one paragraph.

    ``boilerplate`` is the calibrated probability that the paragraph is boilerplate (label 1);
    compare it with the classifier's ``threshold``.
    """

    boilerplate: float
    topic: str
    topic_proba: dict[str, float] = field(default_factory=dict)

    def is_boilerplate(self, threshold: float) -> bool:
        return self.boilerplate >= threshold


def part_per_text(texts: list[str], parts: list[str | None] | None) -> list[str | None]:
    """The part of each text (None throughout when not given); a list of another length is an error."""
    if parts is None:
        return [None] * len(texts)
    if len(parts) != len(texts):
        raise ValueError("texts and parts must have the same length")
    return list(parts)


def predictions(p_bp, p_topic, topics: tuple[str, ...] | list[str]) -> list[Prediction]:
    """One Prediction per row: ``p_bp[i]`` the boilerplate probability, ``p_topic[i]`` the topic
    probabilities in the order of ``topics`` (numpy arrays; the numpy and sklearn backends share this)."""
    import numpy as np

    out = []
    for i in range(len(p_topic)):
        row = p_topic[i]
        proba = {t: round(float(v), 6) for t, v in zip(topics, row, strict=True)}
        out.append(Prediction(boilerplate=float(p_bp[i]), topic=topics[int(np.argmax(row))], topic_proba=proba))
    return out


@runtime_checkable
class ParagraphClassifier(Protocol):
    name: str
    version: str
    threshold: float  # calibrated boilerplate decision threshold (chosen on the validation split)

    def predict(self, texts: list[str], parts: list[str | None] | None = None) -> list[Prediction]: ...


@dataclass
class Example:
    id: str
    report_id: str
    split: str
    part: str | None
    heading: str | None
    text: str
    boilerplate: int
    topic: str
    hard_case: str | None = None


class CorpusError(ValueError):
    pass


def read_corpus(path: str | Path) -> list[Example]:
    """Read a paragraphs JSONL corpus (one object per line). Blank lines are skipped."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"找不到语料文件：{path}")
    out: list[Example] = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                d = json.loads(line)
                ex = Example(
                    id=str(d.get("id", f"line{lineno}")),
                    report_id=str(d.get("report_id", "")),
                    split=str(d["split"]),
                    part=d.get("part"),
                    heading=d.get("heading"),
                    text=str(d["text"]),
                    boilerplate=int(d["boilerplate"]),
                    topic=str(d["topic"]),
                    hard_case=d.get("hard_case"),
                )
            except (KeyError, TypeError, ValueError) as e:
                raise CorpusError(f"语料第 {lineno} 行格式错误：{e}") from e
            if ex.split not in SPLITS:
                raise CorpusError(f"语料第 {lineno} 行 split 取值无效：{ex.split!r}")
            if ex.topic not in TOPICS:
                raise CorpusError(f"语料第 {lineno} 行 topic 取值无效：{ex.topic!r}")
            if ex.boilerplate not in (0, 1):
                raise CorpusError(f"语料第 {lineno} 行 boilerplate 必须为 0 或 1")
            out.append(ex)
    if not out:
        raise CorpusError(f"语料文件为空：{path}")
    return out


def by_split(examples: Iterable[Example], split: str) -> list[Example]:
    return [e for e in examples if e.split == split]
