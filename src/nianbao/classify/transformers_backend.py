"""Optional backend: a local BERT-family encoder fine-tuned with two heads (boilerplate, topic).

Needs the ``transformer`` extra (torch, transformers, safetensors); everything is imported lazily so
that ``import nianbao.classify`` never pulls torch. No hub access: every checkpoint is a local folder.

Also holds the tiny character-BERT pre-training used by ``scripts/pretrain_char_bert.py``.

transformers 5.x note: ``BertTokenizerFast(vocab_file=...)`` silently ignores the file and yields a
tokenizer that maps everything to [UNK]; we always build the tokenizer from ``vocab=<dict>`` read from
``vocab.txt`` (see ``load_tokenizer``), and the tests check that real text is not [UNK].
"""

from __future__ import annotations

import json
import math
import random
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .base import TOPICS, Example, Prediction, by_split, part_per_text

WEIGHTS_FILE = "model.safetensors"
HEADS_FILE = "heads.json"
VOCAB_FILE = "vocab.txt"
SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
# The second text segment the transformer model was trained with: not vocab.PART_NAMES, because the shipped
# weights saw "行政复议行政诉讼情况" for review_litigation; change both together when retraining.
PART_NAMES_ZH = {
    "overview": "总体情况",
    "proactive": "主动公开政府信息情况",
    "requests": "收到和处理政府信息公开申请情况",
    "review_litigation": "行政复议行政诉讼情况",
    "problems": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
}


def _require():
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "transformers 后端需要安装可选依赖：pip install 'nianbao[transformer]'（torch、transformers、safetensors）"
        ) from e


# --------------------------------------------------------------------------- tokenizer


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def build_char_vocab(texts: Iterable[str], min_freq: int = 2, max_size: int = 8000) -> dict[str, int]:
    """Character vocabulary: specials, then characters by frequency (lower-cased, NFKC), then "##x"
    continuation pieces for ASCII letters and digits so that "2023" or "IPv6" stay known."""
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(_clean(t).lower())
    vocab: dict[str, int] = {s: i for i, s in enumerate(SPECIALS)}
    for ch, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < min_freq or len(vocab) >= max_size:
            break
        if ch not in vocab:
            vocab[ch] = len(vocab)
    for ch in "0123456789abcdefghijklmnopqrstuvwxyz":
        for piece in (ch, "##" + ch):
            if piece not in vocab:
                vocab[piece] = len(vocab)
    return vocab


def write_vocab(vocab: dict[str, int], directory: Path) -> None:
    items = sorted(vocab.items(), key=lambda kv: kv[1])
    (directory / VOCAB_FILE).write_text("".join(f"{tok}\n" for tok, _ in items), encoding="utf-8")


def read_vocab(directory: Path) -> dict[str, int]:
    lines = (directory / VOCAB_FILE).read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return {tok: i for i, tok in enumerate(lines)}


def make_tokenizer(vocab: dict[str, int]):
    from transformers import BertTokenizerFast

    # vocab= (a dict), never vocab_file=: the latter is ignored by transformers 5.x
    return BertTokenizerFast(vocab=dict(vocab), do_lower_case=True, tokenize_chinese_chars=True)


def load_tokenizer(directory: Path):
    directory = Path(directory)
    if (directory / VOCAB_FILE).is_file():
        return make_tokenizer(read_vocab(directory))
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(directory), local_files_only=True)


# --------------------------------------------------------------------------- model


def _heads_module(encoder, n_topics: int, dropout: float = 0.1):
    from torch import nn

    class ParagraphHeads(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            hidden = encoder.config.hidden_size
            self.dropout = nn.Dropout(dropout)
            self.boilerplate = nn.Linear(hidden, 1)
            self.topic = nn.Linear(hidden, n_topics)

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            out = self.encoder(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            h = out.last_hidden_state
            # mean of the token states (masked) plus the [CLS] state: steadier than [CLS] alone for a tiny model
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0) + h[:, 0]
            pooled = self.dropout(pooled)
            return self.boilerplate(pooled).squeeze(-1), self.topic(pooled)

    return ParagraphHeads()


def _encode(tokenizer, texts: list[str], parts: list[str | None], max_len: int):
    seconds = [PART_NAMES_ZH.get(p or "", "未知部分") for p in parts]
    return tokenizer([_clean(t) for t in texts], seconds, truncation="only_first", max_length=max_len,
                     padding=True, return_tensors="pt")


class TransformersParagraphClassifier:
    def __init__(self, model, tokenizer, heads: dict, card: dict | None = None, device: str = "cpu"):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.heads = heads
        self.card = card or {}
        self.name = str(heads.get("name", "paragraph-charbert"))
        self.version = str(heads.get("version", "0"))
        self.threshold = float(heads.get("threshold", 0.5))
        self.topics: list[str] = list(heads["topics"])
        self.max_len = int(heads.get("max_len", 160))
        self.device = device

    def predict(self, texts: list[str], parts: list[str | None] | None = None, batch_size: int = 64) -> list[Prediction]:
        import torch

        if not texts:
            return []
        parts = part_per_text(texts, parts)
        out: list[Prediction] = []
        with torch.inference_mode():
            for i in range(0, len(texts), batch_size):
                enc = _encode(self.tokenizer, texts[i : i + batch_size], list(parts[i : i + batch_size]), self.max_len)
                enc = {k: v.to(self.device) for k, v in enc.items()}
                bp_logit, topic_logits = self.model(**enc)
                p_bp = torch.sigmoid(bp_logit).cpu().tolist()
                p_t = torch.softmax(topic_logits, dim=-1).cpu()
                for j in range(len(p_bp)):
                    row = p_t[j].tolist()
                    best = max(range(len(row)), key=row.__getitem__)
                    out.append(Prediction(boilerplate=float(p_bp[j]), topic=self.topics[best],
                                          topic_proba={t: round(float(v), 6) for t, v in zip(self.topics, row, strict=True)}))
        return out


def _quiet():
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def load(model_dir: Path, device: str | None = None) -> TransformersParagraphClassifier:
    _require()
    import torch
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModel

    _quiet()
    model_dir = Path(model_dir)
    heads = json.loads((model_dir / HEADS_FILE).read_text(encoding="utf-8"))
    config = AutoConfig.from_pretrained(str(model_dir), local_files_only=True)
    encoder = AutoModel.from_config(config)
    model = _heads_module(encoder, len(heads["topics"]))
    model.load_state_dict(load_file(str(model_dir / WEIGHTS_FILE)))
    dev = device or ("cuda" if torch.cuda.is_available() else "cpu")
    model.to(dev)
    card_path = model_dir / "card.json"
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else None
    return TransformersParagraphClassifier(model, load_tokenizer(model_dir), heads, card, device=dev)


def _seed_all(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train(examples: list[Example], out_dir: Path, base_model: Path, seed: int = 0, small: bool = False,
          corpus_path: str | None = None, epochs: int = 2, lr: float = 5e-4, batch_size: int = 32,
          max_len: int = 128, max_steps: int | None = None) -> dict:
    """Fine-tune ``base_model`` (a local checkpoint folder) for both heads; threshold on validation."""
    _require()
    import torch
    from safetensors.torch import save_file
    from transformers import AutoModel

    from . import cards
    from .metrics import choose_threshold, score

    _quiet()
    _seed_all(seed)
    base_model = Path(base_model)
    if not base_model.is_dir():
        raise FileNotFoundError(f"找不到基础模型目录：{base_model}（可先运行 scripts/pretrain_char_bert.py 生成 models/char-bert-base）")
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer = load_tokenizer(base_model)
    encoder = AutoModel.from_pretrained(str(base_model), local_files_only=True)
    topics = list(TOPICS)
    model = _heads_module(encoder, len(topics)).to(dev)

    train_ex = by_split(examples, "train")
    if small:
        train_ex = train_ex[:200]
        max_steps = max_steps or 12
        max_len = min(max_len, 96)
    val_ex = by_split(examples, "validation") or train_ex
    test_ex = by_split(examples, "test")
    steps_per_epoch = math.ceil(len(train_ex) / batch_size)
    total = min(max_steps or epochs * steps_per_epoch, epochs * steps_per_epoch)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, total // 10)) * max(0.0, 1 - s / max(1, total))
    )
    bce = torch.nn.BCEWithLogitsLoss()
    ce = torch.nn.CrossEntropyLoss()
    t_index = {t: i for i, t in enumerate(topics)}
    rng = random.Random(seed)
    step = 0
    t0 = time.perf_counter()
    losses: list[float] = []
    model.train()
    while step < total:
        order = list(range(len(train_ex)))
        rng.shuffle(order)
        for b in range(0, len(order), batch_size):
            if step >= total:
                break
            batch = [train_ex[i] for i in order[b : b + batch_size]]
            enc = _encode(tokenizer, [e.text for e in batch], [e.part for e in batch], max_len)
            enc = {k: v.to(dev) for k, v in enc.items()}
            y_bp = torch.tensor([float(e.boilerplate) for e in batch], device=dev)
            y_t = torch.tensor([t_index[e.topic] for e in batch], device=dev)
            bp_logit, t_logits = model(**enc)
            loss = bce(bp_logit, y_bp) + ce(t_logits, y_t)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            losses.append(float(loss.detach()))
            step += 1
    fit_s = time.perf_counter() - t0

    version = time.strftime("%Y.%m.%d")
    heads = {"name": "paragraph-charbert", "version": version, "topics": topics, "threshold": 0.5,
             "max_len": max_len, "base_model": str(base_model)}
    clf = TransformersParagraphClassifier(model, tokenizer, heads, device=dev)
    val_pred = clf.predict([e.text for e in val_ex], [e.part for e in val_ex])
    thr = choose_threshold([e.boilerplate for e in val_ex], [p.boilerplate for p in val_pred])
    heads["threshold"] = clf.threshold = thr["threshold"]
    val_metrics = score(val_ex, val_pred, clf.threshold)
    test_metrics = score(test_ex, clf.predict([e.text for e in test_ex], [e.part for e in test_ex]), clf.threshold) \
        if test_ex else None

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(out_dir / WEIGHTS_FILE))
    encoder.config.to_json_file(str(out_dir / "config.json"))
    write_vocab(dict(tokenizer.get_vocab()), out_dir)
    (out_dir / HEADS_FILE).write_text(json.dumps(heads, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    card = cards.build_card(
        backend="transformers", name="paragraph-charbert", version=version, examples=examples, threshold=thr,
        validation=val_metrics, test=test_metrics, seed=seed, small=small, corpus_path=corpus_path,
        retrain="nianbao train --backend transformers --base-model models/char-bert-base "
        "--corpus corpora/paragraphs.jsonl --out models/paragraph-charbert",
        extra={"model_file": WEIGHTS_FILE, "model_bytes": (out_dir / WEIGHTS_FILE).stat().st_size,
               "fit_seconds": round(fit_s, 2), "steps": step, "device": dev, "base_model": str(base_model),
               "final_loss": round(sum(losses[-10:]) / max(1, len(losses[-10:])), 4) if losses else None,
               "hyperparameters": {"lr": lr, "batch_size": batch_size, "max_len": max_len, "epochs": epochs}},
    )
    cards.write_card(out_dir, card)
    return card


# --------------------------------------------------------------------------- char-BERT pre-training


def pretrain_char_bert(texts: list[str], out_dir: Path, steps: int = 400, batch_size: int = 32, max_len: int = 128,
                       lr: float = 1e-3, seed: int = 0, hidden: int = 128, layers: int = 2, heads: int = 2,
                       log_every: int = 50, progress: bool = False) -> dict:
    """Pre-train a tiny character BERT with masked-LM from scratch; save a local checkpoint folder."""
    _require()
    import torch
    from transformers import BertConfig, BertForMaskedLM

    _quiet()
    _seed_all(seed)
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    vocab = build_char_vocab(texts)
    tokenizer = make_tokenizer(vocab)
    config = BertConfig(vocab_size=len(vocab), hidden_size=hidden, num_hidden_layers=layers,
                        num_attention_heads=heads, intermediate_size=4 * hidden, max_position_embeddings=256,
                        type_vocab_size=2, pad_token_id=vocab["[PAD]"])
    model = BertForMaskedLM(config).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / max(1, steps // 10)) * max(0.05, 1 - s / steps))
    cleaned = [_clean(t) for t in texts if len(_clean(t)) >= 8]
    rng = random.Random(seed)
    special_ids = torch.tensor([vocab[s] for s in SPECIALS], device=dev)
    mask_id, n_vocab = vocab["[MASK]"], len(vocab)
    history: list[tuple[int, float]] = []
    t0 = time.perf_counter()
    model.train()
    running = 0.0
    for step in range(1, steps + 1):
        batch = [cleaned[rng.randrange(len(cleaned))] for _ in range(batch_size)]
        enc = tokenizer(batch, truncation=True, max_length=max_len, padding=True, return_tensors="pt")
        ids = enc["input_ids"].to(dev)
        labels = ids.clone()
        special = torch.isin(ids, special_ids)
        prob = torch.full(ids.shape, 0.15, device=dev).masked_fill(special, 0.0)
        chosen = torch.bernoulli(prob).bool()
        labels[~chosen] = -100
        r = torch.rand(ids.shape, device=dev)
        inputs = ids.clone()
        inputs[chosen & (r < 0.8)] = mask_id
        rand_tok = torch.randint(len(SPECIALS), n_vocab, ids.shape, device=dev)
        swap = chosen & (r >= 0.8) & (r < 0.9)
        inputs[swap] = rand_tok[swap]
        out = model(input_ids=inputs, attention_mask=enc["attention_mask"].to(dev), labels=labels)
        opt.zero_grad()
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        running += float(out.loss.detach())
        if step % log_every == 0 or step == steps:
            k = log_every if step % log_every == 0 else step % log_every
            history.append((step, round(running / k, 4)))
            if progress:
                print(f"step {step}/{steps} mlm loss {running / k:.4f} ({time.perf_counter() - t0:.0f} s)", flush=True)
            running = 0.0
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out_dir))
    write_vocab(vocab, out_dir)
    info = {"name": "char-bert-base", "kind": "tiny character BERT, masked-LM pre-trained from scratch",
            "vocab_size": len(vocab), "hidden": hidden, "layers": layers, "heads": heads, "steps": steps,
            "batch_size": batch_size, "max_len": max_len, "lr": lr, "seed": seed, "device": dev,
            "seconds": round(time.perf_counter() - t0, 1), "mlm_loss": history,
            "texts": len(cleaned)}
    (out_dir / "pretrain.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info
