#!/usr/bin/env python3
"""Makes a DeBERTa-shaped model folder for a smoke run of `./sweep train` without any download.

It copies a shared reference fixture's config.json and model.safetensors (transformers'
DebertaV2Model weights, vocabulary 1000) and writes a word-level tokenizer.json whose vocabulary
is the most frequent words of a CSV column (ids 4..999; [PAD] 0, [CLS] 1, [SEP] 2, [UNK] 3, as
DeBERTa-v3 numbers them). The model is random, so the run checks plumbing, not accuracy.

usage: bench/deberta-fixture-folder.py FIXTURE_DIR CSV COLUMN OUT_DIR
  e.g. bench/deberta-fixture-folder.py worker/src/test/resources/reference-fixtures/deberta-v3-tiny examples/data/essays-tiny.csv \\
       full_text runs/deberta-v3-tiny
"""
import collections
import csv
import json
import pathlib
import re
import shutil
import sys


def tokenizer(words):
    special = ["[PAD]", "[CLS]", "[SEP]", "[UNK]"]
    vocab = {t: i for i, t in enumerate(special)}
    for w in words:
        vocab.setdefault(w, len(vocab))
    tok = lambda t, type_id: {"SpecialToken": {"id": t, "type_id": type_id}}
    seq = lambda s, type_id: {"Sequence": {"id": s, "type_id": type_id}}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, t in enumerate(special)],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [tok("[CLS]", 0), seq("A", 0), tok("[SEP]", 0)],
            "pair": [tok("[CLS]", 0), seq("A", 0), tok("[SEP]", 0), seq("B", 1), tok("[SEP]", 1)],
            "special_tokens": {t: {"id": t, "ids": [special.index(t)], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"},
    }


def main(fixture, csv_path, column, out):
    fixture, out = pathlib.Path(fixture), pathlib.Path(out)
    vocab_size = json.loads((fixture / "config.json").read_text())["vocab_size"]
    counts = collections.Counter()
    with open(csv_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts.update(re.findall(r"\w+|[^\w\s]+", row[column].lower()))
    words = [w for w, _ in counts.most_common(vocab_size - 4)]
    out.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "model.safetensors"):
        shutil.copyfile(fixture / name, out / name)
    (out / "tokenizer.json").write_text(json.dumps(tokenizer(words)))
    print(f"{out}: {fixture.name} weights, tokenizer.json with {len(words)} words")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
