"""Build step: the default rules/ and the bundled seeds/ become package data of the wheel (factcheck/_bundled/).

Everything else is declared in pyproject.toml. In a source checkout and an editable install the two
folders are read where they are (factcheck.settings finds either place).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("rules", "seeds")


class BuildWithBundledData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "factcheck" / "_bundled"
        for name in BUNDLED:
            shutil.copytree(
                ROOT / name, target / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
            )


setup(cmdclass={"build_py": BuildWithBundledData})
