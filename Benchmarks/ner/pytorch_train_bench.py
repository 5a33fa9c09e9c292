"""The peer of `coatt bench encoder` in PyTorch, to measure both in the same run: training steps of
MiniLM + linear + CRF (pytorch-crf likelihood) with AdamW (5e-5 for the encoder, 1e-3 for the new
layers), dropout on, batches of 32 Twitter-2015 train posts in file order. Reports real sub-words per
second (special tokens included, padding not), timing the forward, backward and optimiser step of 10
batches after one warm-up batch, tokenisation left out, as coatt's benchmark does.

Needs torch, transformers and pytorch-crf in .venv (the bootstrap does not install them). Usage:
  .venv/bin/python Benchmarks/ner/pytorch_train_bench.py ENCODER_DIR DATA_DIR [--threads 2]"""
import time

import torch
from transformers import AutoTokenizer

from pytorch_tagger import TAGS, Tagger, argument_parser, read_posts, start


def main():
    parser = argument_parser()
    parser.add_argument("--batches", type=int, default=10)
    args = parser.parse_args()
    start(args, seed=7)
    tokenizer = AutoTokenizer.from_pretrained(args.encoder)
    model = Tagger(args.encoder)
    optimizer = torch.optim.AdamW([{"params": model.encoder.parameters(), "lr": 5e-5},
                                   {"params": list(model.head.parameters()) + list(model.crf.parameters()), "lr": 1e-3}])
    model.train()
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
        loss = -model.crf(model.emissions(encoded), labels, mask=encoded["attention_mask"].bool(), reduction="mean")
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
