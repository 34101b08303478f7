"""The project's own files as the project tests read them: pyproject.toml,
the workflows, the lowest-pins constraints."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
LOWEST = ROOT / "constraints" / "lowest.txt"


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def dependencies() -> list[Requirement]:
    return [Requirement(line) for line in pyproject()["project"]["dependencies"]]


def workflow(name: str) -> dict:
    """A workflow as YAML reads it (YAML 1.1 reads the key `on` as True)."""
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def lowest_pins() -> dict[str, str]:
    """Name (normalised) -> version of each `name==version` line."""
    pins = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", line
            pins[normalise(req.name)] = spec.version
    return pins


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")
