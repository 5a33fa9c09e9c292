"""A small test image set for the visual path of `coatt ner train --fusion concat` (issue 6).

The images of Twitter-2015/2017 are not available here, so this makes stand-ins: for the first N
posts of a Twitter MNER split file it writes `<IMGID>.jpg` into OUT, each a different crop of the
CC BY 2.0 fixture photo (../shared/fixtures/clip-vit-tiny/preprocess/photo.jpg), flipped or not and
rescaled, chosen deterministically from the IMGID (the same command always writes the same bytes).
Two of them are broken on purpose, as real image folders are: one corrupt JPEG and one PNG named
.jpg; the training report must count both as unreadable. ATTRIBUTION.txt carries the photo's licence.

Usage: .venv/bin/python scripts/make-test-images.py twitter2015/train.txt out/test-images [--count 200]
       [--data ../shared/data] [--photo PATH]
SPLIT is read under --data unless it is an absolute path; --data defaults to $COATT_DATA, else
../shared/data from the package root.
"""
import argparse
import hashlib
import io
import os
import random
import sys
from pathlib import Path

from PIL import Image, ImageOps

PACKAGE = Path(__file__).resolve().parent.parent
ATTRIBUTION = """\
The images in this folder are crops, mirror images and rescalings of one photo, made by
scripts/make-test-images.py of CoAttKG for testing only; they are not the images of the posts.

Photo: scikit-learn's sample image china.jpg, re-encoded once with Pillow 13.0.0 at quality 90
(../shared/fixtures/clip-vit-tiny/preprocess/photo.jpg).
License: CC BY 2.0 (https://creativecommons.org/licenses/by/2.0/), photo by danielbuechele
(https://www.flickr.com/photos/danielbuechele/6061409035/).
Changes: re-encoded; here also cropped, flipped, rescaled and re-encoded as JPEG. {corrupt} is a
deliberately corrupted JPEG and {png} a PNG named .jpg.
"""


def image_ids(split, count):
    """The IMGIDs of the first `count` posts of a Twitter MNER file, in file order."""
    ids = []
    with open(split, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("IMGID:"):
                ids.append(line[len("IMGID:"):].strip())
                if len(ids) == count:
                    break
    return ids


def variant(photo, image_id):
    """A crop of `photo` (40–100 % of each side), maybe mirrored, scaled so the shortest side is
    96–400 pixels: enough variety in size and aspect for the resize path, from the IMGID alone."""
    rng = random.Random(hashlib.sha256(image_id.encode()).digest())
    width, height = photo.size
    crop_w, crop_h = int(width * rng.uniform(0.4, 1)), int(height * rng.uniform(0.4, 1))
    left, top = rng.randint(0, width - crop_w), rng.randint(0, height - crop_h)
    image = photo.crop((left, top, left + crop_w, top + crop_h))
    if rng.random() < 0.5:
        image = ImageOps.mirror(image)
    shortest = rng.randint(96, 400)
    scale = shortest / min(image.size)
    image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.BICUBIC)
    return image, rng.randint(80, 95)


def jpeg_bytes(image, quality):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def corrupted(jpeg):
    """The header and the first third of the scan kept, the rest replaced by bytes that are not
    entropy-coded data and no end marker: a decoder must refuse it rather than invent pixels."""
    rng = random.Random(0)
    keep = len(jpeg) // 3
    return jpeg[:keep] + bytes(rng.choice([0xFF, 0xD0, 0x00, 0x37]) for _ in range(len(jpeg) - keep))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", help="a Twitter MNER file, e.g. twitter2015/train.txt (under --data)")
    parser.add_argument("out", help="the image folder to write")
    parser.add_argument("--count", type=int, default=200, help="how many posts get an image (200)")
    parser.add_argument("--data", default=os.environ.get("COATT_DATA") or str(PACKAGE / "../shared/data"),
                        help="the benchmark data folder ($COATT_DATA, else ../shared/data)")
    parser.add_argument("--photo", help="the source photo (default: DATA/../fixtures/clip-vit-tiny/preprocess/photo.jpg)")
    args = parser.parse_args()

    data = Path(args.data)
    split = Path(args.split) if Path(args.split).is_absolute() else data / args.split
    photo_path = Path(args.photo) if args.photo else data / "../fixtures/clip-vit-tiny/preprocess/photo.jpg"
    for needed in (split, photo_path):
        if not needed.is_file():
            sys.exit(f"make-test-images: {needed} not found")
    ids = image_ids(split, args.count)
    if len(ids) < 3:
        sys.exit(f"make-test-images: {split} has {len(ids)} posts; at least 3 are needed (2 broken images)")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    photo = Image.open(photo_path).convert("RGB")
    # The broken two sit inside the set, not at its ends, so batches mix them with good images.
    corrupt_id, png_id = ids[len(ids) // 3], ids[2 * len(ids) // 3]
    for image_id in ids:
        image, quality = variant(photo, image_id)
        if image_id == png_id:
            buffer = io.BytesIO()
            image.save(buffer, "PNG")
            content = buffer.getvalue()
        else:
            content = jpeg_bytes(image, quality)
            if image_id == corrupt_id:
                content = corrupted(content)
        (out / f"{image_id}.jpg").write_bytes(content)
    (out / "ATTRIBUTION.txt").write_text(ATTRIBUTION.format(corrupt=f"{corrupt_id}.jpg", png=f"{png_id}.jpg"))
    print(f"wrote {len(ids)} images for the first {len(ids)} posts of {split} to {out} "
          f"({corrupt_id}.jpg corrupt, {png_id}.jpg a PNG)")


if __name__ == "__main__":
    main()
