"""Whether a blog's requirements file can install together with this package.

What the package needs is read from the installed distributions' metadata
(``importlib.metadata``): its own requirements and, through the installed
packages, theirs (``pelican`` needs ``blinker``, ...). A line of the blog's
file conflicts when no version satisfies both it and what we need, e.g.
``pelican==4.8.0`` against ``pelican>=4.9``. ``upgraded`` rewrites such a
line: an exact pin becomes a pin of the version installed here (which
satisfies everything, since it is installed), anything else our lower bound.
"""

from __future__ import annotations

import importlib.metadata as metadata
from dataclasses import dataclass

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

DISTRIBUTION = "pelican-pullmarketing"


@dataclass(frozen=True)
class Need:
    """What some installed package requires of ``name``."""

    name: str
    specifier: SpecifierSet
    by: str  # "pelican-pullmarketing" or "pelican 4.12.0 (installed here)"


@dataclass(frozen=True)
class Conflict:
    line_number: int  # 1-based
    line: str
    requirement: Requirement
    needs: tuple[Need, ...]

    def describe(self, filename: str) -> str:
        wanted = "; ".join(
            f"{n.name}{n.specifier} (needed by {n.by})" for n in self.needs
        )
        return f"{filename}:{self.line_number}: {self.line.strip()} cannot install with {wanted}"


def _applies(req: Requirement) -> bool:
    if req.marker is None:
        return True
    env = dict(default_environment(), extra="")
    return req.marker.evaluate(env)


def _installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def package_needs(distribution: str = DISTRIBUTION) -> dict[str, list[Need]]:
    """Every requirement of ``distribution`` and, through the installed
    packages, of its dependencies (extras left out), by canonical name.
    Empty when the distribution is not installed."""
    needs: dict[str, list[Need]] = {}
    seen: set[str] = set()
    queue = [(distribution, DISTRIBUTION)]
    while queue:
        name, by = queue.pop(0)
        key = canonicalize_name(name)
        if key in seen:
            continue
        seen.add(key)
        try:
            lines = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in lines:
            try:
                req = Requirement(text)
            except InvalidRequirement:
                continue
            if not _applies(req):
                continue
            req_key = canonicalize_name(req.name)
            needs.setdefault(req_key, []).append(Need(req.name, req.specifier, by))
            version = _installed_version(req.name)
            if version:
                queue.append((req.name, f"{req.name} {version}, installed here"))
    return needs


def _versions_in(specifier: SpecifierSet) -> list[Version]:
    found = []
    for spec in specifier:
        try:
            found.append(Version(spec.version.rstrip(".*")))
        except InvalidVersion:
            continue
    return found


def compatible(theirs: SpecifierSet, ours: SpecifierSet) -> bool:
    """True when some version satisfies both sets. The versions each set
    names are the edges of its ranges: if none of them, nor the next release
    after each (for ``>4.9``), fits both, the ranges cannot meet
    (``==4.8.0`` and ``>=4.9``, ``<4.9`` and ``>=4.9``)."""
    if not str(theirs) or not str(ours):
        return True
    for version in _versions_in(theirs) + _versions_in(ours):
        major, minor, micro = (list(version.release) + [0, 0])[:3]
        near = [
            version,
            Version(f"{major}.{minor}.{micro + 1}"),
            Version(f"{major}.{minor + 1}.0"),
            Version(f"{major + 1}.0.0"),
        ]
        if any(theirs.contains(v, True) and ours.contains(v, True) for v in near):
            return True
    return False


def parse_line(line: str) -> Requirement | None:
    """The requirement on a requirements-file line; None for comments, blank
    lines, options (``-r``, ``-e``, ``--index-url``) and what pip alone reads."""
    text = line.split(" #", 1)[0].strip()
    if not text or text.startswith(("#", "-")):
        return None
    try:
        return Requirement(text)
    except InvalidRequirement:
        return None


def conflicts(lines: list[str], needs: dict[str, list[Need]]) -> list[Conflict]:
    found = []
    for number, line in enumerate(lines, 1):
        req = parse_line(line)
        if req is None or req.url:
            continue
        against = tuple(
            need
            for need in needs.get(canonicalize_name(req.name), ())
            if not compatible(req.specifier, need.specifier)
        )
        if against:
            found.append(Conflict(number, line, req, against))
    return found


def upgraded(conflict: Conflict) -> str:
    """The line that replaces a conflicting one (extras, markers and a
    trailing comment kept)."""
    req = conflict.requirement
    installed = _installed_version(req.name)
    exact = any(s.operator in ("==", "===") for s in req.specifier)
    if exact and installed:
        spec = f"=={installed}"
    else:
        lower = [
            f"{s.operator}{s.version}"
            for need in conflict.needs
            for s in need.specifier
            if s.operator in (">=", ">", "~=")
        ]
        spec = ",".join(sorted(set(lower))) or (f">={installed}" if installed else "")
    extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
    marker = f"; {req.marker}" if req.marker else ""
    comment = ""
    if " #" in conflict.line:
        comment = "  #" + conflict.line.split(" #", 1)[1].rstrip("\n")
    return f"{req.name}{extras}{spec}{marker}{comment}"
