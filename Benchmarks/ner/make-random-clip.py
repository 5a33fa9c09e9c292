"""A CLIP ViT-B/32 vision encoder with random weights, in Hugging Face layout, for timing
`coatt bench tagger --vision` (the work does not depend on the weights; no pretrained CLIP is
downloaded at run time). Usage: .venv/bin/python Benchmarks/ner/make-random-clip.py OUT_DIR"""
import sys

import torch
from transformers import CLIPVisionConfig, CLIPVisionModel

torch.manual_seed(0)
config = CLIPVisionConfig()  # the defaults are openai/clip-vit-base-patch32's vision tower: 224², patch 32, 12 layers, 768
CLIPVisionModel(config).save_pretrained(sys.argv[1])
print(f"wrote a random ViT-B/32 vision encoder to {sys.argv[1]}")
