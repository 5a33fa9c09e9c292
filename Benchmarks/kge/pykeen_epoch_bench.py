"""The peer of `coatt kge train`'s epoch time in PyKEEN, to measure both in the same run: TransE on a
KG folder's train split with the issue's configuration (dimension 128, L1, self-adversarial
negative-sampling loss, 32 negatives per positive, Adam 0.01, batch 1,024), a few epochs timed one
by one; with --evaluate, then the filtered ranking of the test split (train and valid filtered), timed.

Needs pykeen in .venv (`.venv/bin/pip install "pykeen==1.11.*"`; the bootstrap does not install it).
Usage: .venv/bin/python Benchmarks/kge/pykeen_epoch_bench.py KG_DIR [--epochs 3] [--threads 2] [--evaluate]"""
import argparse
import statistics
import time

import torch
from pykeen.evaluation import RankBasedEvaluator
from pykeen.losses import NSSALoss
from pykeen.models import TransE
from pykeen.training import SLCWATrainingLoop
from pykeen.triples import TriplesFactory


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kg", help="a folder with train.txt (head TAB relation TAB tail)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--evaluate", action="store_true", help="also time the filtered ranking of the test split")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    triples = TriplesFactory.from_path(f"{args.kg}/train.txt")
    model = TransE(triples_factory=triples, embedding_dim=128, scoring_fct_norm=1, loss=NSSALoss(), random_seed=1)
    loop = SLCWATrainingLoop(model=model, triples_factory=triples,
                             optimizer=torch.optim.Adam(model.parameters(), lr=0.01),
                             negative_sampler="basic", negative_sampler_kwargs={"num_negs_per_pos": 32})
    seconds = []
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        # num_epochs is the total: each call trains one more epoch on the same optimiser state.
        loop.train(triples_factory=triples, num_epochs=epoch, batch_size=1024, use_tqdm=False,
                   continue_training=epoch > 1)
        seconds.append(time.perf_counter() - started)
    print(f"PyKEEN TransE on {args.kg} ({triples.num_triples} train triples), {args.threads} threads: "
          f"epochs {', '.join(f'{s:.1f}' for s in seconds)} s; median {statistics.median(seconds):.1f} s")
    if args.evaluate:
        def split(name):
            return TriplesFactory.from_path(f"{args.kg}/{name}.txt", entity_to_id=triples.entity_to_id,
                                            relation_to_id=triples.relation_to_id).mapped_triples
        test, valid = split("test"), split("valid")
        started = time.perf_counter()
        result = RankBasedEvaluator(filtered=True).evaluate(model, test, additional_filter_triples=[triples.mapped_triples, valid],
                                                            use_tqdm=False)
        print(f"filtered evaluation of {len(test)} test triples: {time.perf_counter() - started:.1f} s "
              f"(MRR {result.get_metric('both.realistic.inverse_harmonic_mean_rank'):.4f})")


if __name__ == "__main__":
    main()
