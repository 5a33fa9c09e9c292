"""POST /extract latency at concurrency 1 and 8 against a running `coatt serve --ner-model`:
each request is one post of a Twitter MNER split (its words joined by spaces), JSON in, JSON out,
not stored. Prints requests/s and p50/p99 latency per concurrency.
Usage: .venv/bin/python Benchmarks/extract/extract_bench.py URL SPLIT_FILE [--requests 200]"""
import argparse
import json
import statistics
import sys
import time
from pathlib import Path
import urllib.request
from concurrent.futures import ThreadPoolExecutor

# The shared reader of the MNER splits lives one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mner_posts import read_posts  # noqa: E402


def extract(url, text):
    request = urllib.request.Request(url, data=json.dumps({"text": text}).encode(),
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        assert response.status == 200, response.status
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url", help="the endpoint's /extract URL")
    parser.add_argument("split", help="a Twitter MNER file, e.g. ../shared/data/twitter2017/test.txt")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    texts = [" ".join(words) for words, _ in read_posts(args.split)][: args.requests]
    for text in texts[:8]:  # warm-up: every worker has run the tagger once
        extract(args.url, text)
    for concurrency in (1, 8):
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            latencies = sorted(pool.map(lambda t: extract(args.url, t), texts))
        elapsed = time.perf_counter() - started
        p99 = latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)]
        print(f"concurrency {concurrency}: {len(texts) / elapsed:.1f} posts/s, p50 {statistics.median(latencies):.1f} ms, "
              f"p99 {p99:.1f} ms over {len(texts)} posts", flush=True)


if __name__ == "__main__":
    main()
