"""Check a release tag against the package and print its release notes.

    python .ci/release_notes.py v0.1.0 > release-notes.md

The tag must be ``v`` + ``pelican_pullmarketing.__version__`` (the one place
the version is written) and CHANGELOG.md must have a dated entry for it
(``## [0.1.0] - 2026-12-07``); the entry's text is printed. Anything wrong is
one line on stderr and exit status 1. Run by the release workflow before it
builds anything; reads the files, imports nothing."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def package_version(root: Path = ROOT) -> str:
    source = (root / "pelican_pullmarketing" / "__init__.py").read_text("utf-8")
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["__version__"]
            and isinstance(node.value, ast.Constant)
        ):
            return node.value.value
    raise ValueError("pelican_pullmarketing/__init__.py sets no __version__ string")


def changelog_entry(version: str, root: Path = ROOT) -> str:
    """The text under ``## [VERSION] - YYYY-MM-DD`` up to the next entry."""
    text = (root / "CHANGELOG.md").read_text("utf-8")
    heading = re.search(
        rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})[ \t]*$", text, re.M
    )
    if heading is None:
        raise ValueError(
            f"CHANGELOG.md has no entry '## [{version}] - YYYY-MM-DD' "
            "(move the Unreleased notes under it, dated the day of the release)"
        )
    rest = text[heading.end() :]
    following = re.search(r"^## \[", rest, re.M)
    body = rest[: following.start() if following else len(rest)].strip()
    if not body:
        raise ValueError(f"CHANGELOG.md's entry for {version} is empty")
    return body


def release_notes(tag: str, root: Path = ROOT) -> str:
    version = package_version(root)
    if tag != f"v{version}":
        raise ValueError(
            f"tag {tag!r} does not match the package version {version!r} "
            f"(pelican_pullmarketing/__init__.py): expected tag 'v{version}'"
        )
    return changelog_entry(version, root)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python .ci/release_notes.py vX.Y.Z", file=sys.stderr)
        return 2
    try:
        print(release_notes(argv[0]))
    except (OSError, ValueError) as exc:
        print(f"release: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
