"""The peer of `coatt bench tagger` in PyTorch, to measure both in the same run: MiniLM + linear +
CRF (pytorch-crf Viterbi) tagging Twitter-2015 test posts, posts/s at batch 32 (the first 640 posts)
and the p50/p99 latency of one post (the first 200), text only, tokenisation included.

PyTorch does less per post than `coatt bench tagger`: it decodes, while coatt also computes every
span's CRF confidence. The tagger's new layers are random (the work does not depend on them).

Needs torch, transformers and pytorch-crf in .venv (`.venv/bin/pip install torch transformers
pytorch-crf`; the bootstrap does not install them). Usage:
  .venv/bin/python Benchmarks/ner/pytorch_tagger_bench.py ENCODER_DIR DATA_DIR [--threads 2]"""
import statistics
import time

import torch
from transformers import AutoTokenizer

from pytorch_tagger import Tagger, argument_parser, read_posts, start


def main():
    parser = argument_parser()
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    start(args, seed=1)
    tokenizer = AutoTokenizer.from_pretrained(args.encoder)
    model = Tagger(args.encoder).eval()
    test = [words for words, _ in read_posts(f"{args.data}/twitter2015/test.txt")]

    def tag(chunk):
        batch = tokenizer(chunk, is_split_into_words=True, padding=True, truncation=True, max_length=512,
                          return_tensors="pt")
        return model.crf.decode(model.emissions(batch), mask=batch["attention_mask"].bool())

    with torch.inference_mode():
        tag(test[:args.batch_size])  # warm-up
        chunks = [test[i:i + args.batch_size] for i in range(0, 20 * args.batch_size, args.batch_size)]
        started = time.perf_counter()
        for chunk in chunks:
            tag(chunk)
        throughput = sum(map(len, chunks)) / (time.perf_counter() - started)
        latencies = []
        for post in test[:200]:
            begin = time.perf_counter()
            tag([post])
            latencies.append((time.perf_counter() - begin) * 1000)
    latencies.sort()
    print(f"PyTorch {torch.__version__}, {args.threads} threads: {throughput:.0f} posts/s at batch {args.batch_size}; "
          f"one post p50 {statistics.median(latencies):.2f} ms, p99 {latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)]:.2f} ms")


if __name__ == "__main__":
    main()
