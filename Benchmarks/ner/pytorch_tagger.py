"""What the PyTorch peers of `coatt bench tagger` and `coatt bench encoder` share: the tagger (an
encoder in Hugging Face layout + linear + pytorch-crf CRF), its tags, and their common arguments."""
import argparse
import sys
from pathlib import Path

import torch
from torchcrf import CRF
from transformers import AutoModel

# The shared reader of the MNER splits lives one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mner_posts import read_posts  # noqa: E402,F401  (re-exported for the benchmark scripts)

TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-OTHER", "I-OTHER"]


class Tagger(torch.nn.Module):
    """Encoder → linear emissions → CRF; the new layers are random (the work does not depend on them)."""

    def __init__(self, encoder_dir):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(encoder_dir)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(TAGS))
        self.crf = CRF(len(TAGS), batch_first=True)

    def emissions(self, batch):
        return self.head(self.encoder(**batch).last_hidden_state)


def argument_parser():
    """ENCODER_DIR, DATA_DIR and --threads; each script adds its own options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("encoder")
    parser.add_argument("data")
    parser.add_argument("--threads", type=int, default=2)
    return parser


def start(args, seed):
    """Sets the thread count and the seed before any layer is made."""
    torch.set_num_threads(args.threads)
    torch.manual_seed(seed)
