"""The peer of `coatt bench encoder` in PyTorch, to measure both in the same run: training steps of
MiniLM + linear + CRF (pytorch-crf likelihood) with AdamW (5e-5 for the encoder, 1e-3 for the new
layers), dropout on, batches of 32 Twitter-2015 train posts in file order. Reports real sub-words per
second (special tokens included, padding not), timing the forward, backward and optimiser step of 10
batches after one warm-up batch, tokenisation left out, as coatt's benchmark does.

Needs torch, transformers and pytorch-crf in .venv (the bootstrap does not install them). Usage:
  .venv/bin/python Benchmarks/ner/pytorch_train_bench.py ENCODER_DIR DATA_DIR [--threads 2]"""
import argparse
import sys
import time
from pathlib import Path

import torch
from torchcrf import CRF
from transformers import AutoModel, AutoTokenizer

# The shared reader of the MNER splits lives one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mner_posts import read_posts  # noqa: E402

TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-OTHER", "I-OTHER"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("encoder")
    parser.add_argument("data")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    tokenizer = AutoTokenizer.from_pretrained(args.encoder)
    encoder = AutoModel.from_pretrained(args.encoder)
    head = torch.nn.Linear(encoder.config.hidden_size, len(TAGS))
    crf = CRF(len(TAGS), batch_first=True)
    optimizer = torch.optim.AdamW([{"params": encoder.parameters(), "lr": 5e-5},
                                   {"params": list(head.parameters()) + list(crf.parameters()), "lr": 1e-3}])
    encoder.train()
    train = read_posts(f"{args.data}/twitter2015/train.txt")

    def batch(index):
        chunk = train[index * 32:(index + 1) * 32]
        encoded = tokenizer([words for words, _ in chunk], is_split_into_words=True, padding=True, truncation=True,
                            max_length=512, return_tensors="pt")
        # Each word's tag on its first sub-word, O elsewhere (special tokens and continuations).
        labels = torch.zeros_like(encoded["input_ids"])
        for row, (_, tags) in enumerate(chunk):
            previous = None
            for position, word in enumerate(encoded.word_ids(row)):
                if word is not None and word != previous:
                    labels[row, position] = TAGS.index(tags[word])
                previous = word
        return encoded, labels

    subwords, seconds = 0, 0.0
    for index in range(args.batches + 1):
        encoded, labels = batch(index)
        started = time.perf_counter()
        emissions = head(encoder(**encoded).last_hidden_state)
        loss = -crf(emissions, labels, mask=encoded["attention_mask"].bool(), reduction="mean")
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        elapsed = time.perf_counter() - started
        if index > 0:  # the first batch warms caches and thread pools
            seconds += elapsed
            subwords += int(encoded["attention_mask"].sum())
    print(f"PyTorch {torch.__version__}, {args.threads} threads: {args.batches} batches of 32 posts, "
          f"{subwords} real sub-words in {seconds:.2f} s: {subwords / seconds:.0f} real sub-words/s")


if __name__ == "__main__":
    main()
