"""Build hook: the wheel carries the shipped paragraph model.

The model is trained by scripts/train_classifier.py into models/paragraph-sklearn (the repository's
models/ folder stays the one place models live). Building a wheel copies it into the package as
nianbao/data/models/paragraph-sklearn, where nianbao.classify finds it once installed. A build without
the model fails: a wheel that silently audits without its classifier must never be published.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = {"paragraph-sklearn": "model.skops"}  # model folder -> the file that marks a trained model


class build_py_with_model(build_py):  # noqa: N801 - setuptools command naming
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads models/ in the checkout directly
        for name, marker in SHIPPED.items():
            src = Path(__file__).resolve().parent / "models" / name
            if not (src / marker).is_file():
                raise SystemExit(f"error: the shipped model {src / marker} is missing; train it first "
                                 "(python scripts/train_classifier.py)")
            dst = Path(self.build_lib) / "nianbao" / "data" / "models" / name
            shutil.copytree(src, dst, dirs_exist_ok=True)


setup(cmdclass={"build_py": build_py_with_model})
