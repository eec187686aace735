import re
import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())


def test_license_is_an_spdx_expression_so_setuptools_prints_no_deprecation_wall():
    assert PYPROJECT["project"]["license"] == "MIT"


def test_build_requires_a_setuptools_that_understands_spdx_license_strings():
    [requirement] = [r for r in PYPROJECT["build-system"]["requires"] if "setuptools" in r]
    floor = re.search(r">=\s*(\d+)", requirement)
    assert floor and int(floor.group(1)) >= 77, requirement
