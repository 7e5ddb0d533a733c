"""Team-made scans: our own fixture PDFs printed to images, as a township office's scanner would.

Each page is rendered at ``dpi``, turned by ``skew`` degrees, given scanner noise (grain and specks, drawn
from ``seed``) and saved as an image-only PDF (no text layer), or as a PNG of one page. Used by
tests/test_ocr.py and scripts/bench_ocr.py, which measure several angles and seeds so that the OCR is not
fitted to one image; nothing it makes is committed.

    python scripts/make_scans.py tests/fixtures/formats/county_bureau_2023.pdf out.pdf --dpi 150 --skew 0.8 --noise --seed 1
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np


def scan_pages(pdf: Path, dpi: int = 200, skew: float = 0.0, noise: bool = False, seed: int = 0,
               pages: list[int] | None = None) -> list:
    """PIL images (grey) of the pages of ``pdf`` (numbered from 1; all when None) as scanned."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    try:
        for i in [p - 1 for p in pages] if pages else range(len(doc)):
            img = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if skew:
                img = img.rotate(skew, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
            if noise:
                a = np.asarray(img, dtype=np.float32)
                a += rng.normal(0, 12, a.shape)  # grain
                specks = rng.random(a.shape) < 0.0008  # dust
                a[specks] = rng.integers(0, 90, int(specks.sum()))
                img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
            out.append(img)
    finally:
        doc.close()
    return out


def make_scan(pdf: Path, out: Path, dpi: int = 200, skew: float = 0.0, noise: bool = False, seed: int = 0,
              pages: list[int] | None = None) -> Path:
    """An image-only PDF of ``pdf``'s pages as scanned (or a PNG of the first of them when ``out`` ends in .png)."""
    images = scan_pages(pdf, dpi, skew, noise, seed, pages)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".png":
        images[0].save(out, dpi=(dpi, dpi))
    else:
        images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--skew", type=float, default=0.0, help="degrees")
    ap.add_argument("--noise", action="store_true")
    ap.add_argument("--seed", type=int, default=0, help="noise seed")
    ap.add_argument("--pages", type=int, nargs="+", help="the pages to scan (from 1; all by default)")
    a = ap.parse_args()
    print(make_scan(a.pdf, a.out, a.dpi, a.skew, a.noise, a.seed, a.pages))


if __name__ == "__main__":
    main()
