#!/usr/bin/env python3
"""Writes Tests/TokenizersTests/SentencePieceExpectations.swift: a tiny ALBERT-style unigram
SentencePiece model (trained here on generated tweet-like lines, embedded as base64) and what
Hugging Face's AlbertTokenizer and the "slow" sentencepiece path produce for some test strings.

Usage (from the package root, in the project's venv):
    .venv/bin/pip install sentencepiece transformers
    .venv/bin/python scripts/make_sentencepiece_fixtures.py > Tests/TokenizersTests/SentencePieceExpectations.swift
Deterministic: fixed seed, single thread."""
import base64, io, json, random, sys, tempfile, os, unicodedata
import sentencepiece as spm
import transformers
from transformers import AlbertTokenizer

rng = random.Random(1234)
WORDS = ["the", "game", "tonight", "love", "this", "new", "music", "video", "happy", "birthday",
         "great", "win", "team", "city", "football", "watch", "live", "today", "thanks", "friends",
         "café", "Zoë", "naïve", "São", "Paulo", "München", "résumé", "crème", "brûlée", "Ångström"]
TAGS = ["#WorldCup", "#tbt", "#NBA", "#love", "#MusicMonday", "#2026"]
MENTIONS = ["@ESPN", "@MariaFernández", "@nytimes", "@user_42", "@BBCSport"]
EMOJI = ["😀", "👍", "🔥", "❤️", "🎉", "⚽"]

def line():
    parts = []
    for _ in range(rng.randint(4, 12)):
        r = rng.random()
        if r < 0.55: parts.append(rng.choice(WORDS))
        elif r < 0.65: parts.append(rng.choice(TAGS))
        elif r < 0.73: parts.append(rng.choice(MENTIONS))
        elif r < 0.8: parts.append(rng.choice(EMOJI))
        elif r < 0.88: parts.append(str(rng.randint(0, 2030)) + rng.choice(["", ",", ".", "%", "k"]))
        elif r < 0.93: parts.append("https://t.co/" + "".join(rng.choice("abcdefXYZ0123") for _ in range(6)))
        else: parts.append(rng.choice(["RT", "!", "?", ":", "...", "-", "\"", "'s"]))
    return " ".join(parts)

work = tempfile.mkdtemp()
corpus = os.path.join(work, "corpus.txt")
with open(corpus, "w", encoding="utf-8") as f:
    for _ in range(400):
        f.write(line() + "\n")
prefix = os.path.join(work, "spiece")
spm.SentencePieceTrainer.train(
    input=corpus, model_prefix=prefix, vocab_size=300, model_type="unigram",
    character_coverage=1.0, pad_id=0, unk_id=1, bos_id=-1, eos_id=-1,
    control_symbols=["[CLS]", "[SEP]"], user_defined_symbols=["[MASK]"],
    normalization_rule_name="nmt_nfkc", num_threads=1, seed_sentencepiece_size=100000,
    minloglevel=2)
model_path = prefix + ".model"
model_bytes = open(model_path, "rb").read()
sp = spm.SentencePieceProcessor(model_file=model_path)

hf_dir = tempfile.mkdtemp()
import shutil
shutil.copy(model_path, os.path.join(hf_dir, "spiece.model"))
hf = AlbertTokenizer.from_pretrained(hf_dir)  # transformers 5: converted to the Rust backend (needs protobuf)

def varint(buf, i):
    shift = value = 0
    while True:
        b = buf[i]; i += 1
        value |= (b & 0x7F) << shift; shift += 7
        if b < 0x80: return value, i

def encode_varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F; v >>= 7
        if v: out.append(b | 0x80)
        else: out.append(b); return bytes(out)

def fields(buf):
    i = 0
    while i < len(buf):
        start = i
        key, i = varint(buf, i)
        wire = key & 7
        if wire == 0: _, i = varint(buf, i)
        elif wire == 1: i += 8
        elif wire == 5: i += 4
        elif wire == 2:
            n, i = varint(buf, i); i += n
        else: raise ValueError(wire)
        yield key >> 3, wire, buf[start:i]

def payload(raw):
    _, i = varint(raw, 0); n, i = varint(raw, i); return raw[i:i + n]

def strip_charsmap(model):
    # The Swift reader does not use NormalizerSpec.precompiled_charsmap (~240 KB for nmt_nfkc),
    # so the embedded copy leaves it out; the expectations come from the full model.
    out = bytearray()
    for number, wire, raw in fields(model):
        if number == 3 and wire == 2:
            spec = b"".join(r for n, w, r in fields(payload(raw)) if n != 2)
            out += encode_varint((3 << 3) | 2) + encode_varint(len(spec)) + spec
        else:
            out += raw
    return bytes(out)

full_model_bytes = model_bytes
model_bytes = strip_charsmap(model_bytes)

def preprocess(text, do_lower_case=True, keep_accents=False):
    # transformers 4.x AlbertTokenizer.preprocess_text
    outputs = " ".join(text.strip().split())
    outputs = outputs.replace("``", '"').replace("''", '"')
    if not keep_accents:
        outputs = unicodedata.normalize("NFKD", outputs)
        outputs = "".join(c for c in outputs if not unicodedata.combining(c))
    if do_lower_case:
        outputs = outputs.lower()
    return outputs

def slow_tokenize(text):
    # transformers 4.x AlbertTokenizer._tokenize (without the added-token split)
    text = preprocess(text)
    pieces = sp.encode(text, out_type=str)
    new_pieces = []
    for piece in pieces:
        if len(piece) > 1 and piece[-1] == "," and piece[-2].isdigit():
            cur = sp.encode(piece[:-1].replace("\u2581", ""), out_type=str)
            if piece[0] != "\u2581" and cur[0][0] == "\u2581":
                if len(cur[0]) == 1: cur = cur[1:]
                else: cur[0] = cur[0][1:]
            cur.append(piece[-1])
            new_pieces.extend(cur)
        else:
            new_pieces.append(piece)
    return new_pieces

TEXTS = [
    "RT @ESPN: Messi scores tonight! #WorldCup",
    "Happy birthday @MariaFernández 🎉🎉 love this",
    "Zoë's café in São Paulo — crème brûlée",
    "watch live https://t.co/abc123 today",
    "  lots   of\tspaces\n\nhere  ",
    "The Game Tonight 2026 #NBA",
    "won 2,000 games, 12, 3,4",
    "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ ① ﬁne",
    "``quoted'' text",
    "Ωmega жук 東京 unknown",
    "ÅNGSTRÖM MÜNCHEN résumé naïve",
    "football 🔥🔥🔥 ⚽ ❤️",
    "see [MASK] here",
    "zero\u200bwidth and\u00a0nbsp and soft\u00adhyphen",
    "",
    "x",
]

print("// Generated by scripts/make_sentencepiece_fixtures.py; do not edit.")
print(f"// sentencepiece {spm.__version__}, transformers {transformers.__version__}.")
print("// Model: unigram, vocab 300, nmt_nfkc, pad 0, unk 1, [CLS]/[SEP] control, [MASK] user-defined.")
print("")
print("enum SentencePieceExpectations {")
print(f"    /// The trained `spiece.model` ({len(full_model_bytes)} bytes) without its precompiled charsmap ({len(model_bytes)} bytes), base64.")
b64 = base64.b64encode(model_bytes).decode()
print("    static let modelBase64 = \"\"\"")
for i in range(0, len(b64), 100):
    print("        " + b64[i:i + 100])
print("        \"\"\"")
print("")
print("    struct Case {")
print("        let text: String")
print("        /// Hugging Face AlbertTokenizer(...)(text)[\"input_ids\"] and their tokens.")
print("        let ids: [Int]")
print("        let tokens: [String]")
print("        /// The transformers-4 slow path: preprocess_text, sentencepiece encode, the digit-comma rule.")
print("        let slowPieces: [String]")
print("        let slowIds: [Int]")
print("    }")
print("")
def lit(s):
    return json.dumps(s, ensure_ascii=True).replace("\\u", "\\u{").replace("\\\\u{", "\\\\u") if False else swift_lit(s)
def swift_lit(s):
    out = '"'
    for ch in s:
        o = ord(ch)
        if ch == '"': out += '\\"'
        elif ch == '\\': out += '\\\\'
        elif 0x20 <= o < 0x7f: out += ch
        else: out += "\\u{%x}" % o
    return out + '"'
print("    static let cases: [Case] = [")
for text in TEXTS:
    ids = hf(text)["input_ids"]
    toks = hf.convert_ids_to_tokens(ids)
    slow = slow_tokenize(text)
    slow_ids = [sp.piece_to_id(p) for p in slow]
    print(f"        Case(text: {swift_lit(text)},")
    print(f"             ids: {ids},")
    print(f"             tokens: [{', '.join(swift_lit(t) for t in toks)}],")
    print(f"             slowPieces: [{', '.join(swift_lit(t) for t in slow)}],")
    print(f"             slowIds: {slow_ids}),")
print("    ]")
print("}")
