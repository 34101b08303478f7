"""The release artifacts as a user gets them. `python -m build` makes an sdist
and a wheel (from the sdist) with no packaging warning; `twine check` passes;
the wheel holds exactly the package, its templates, the theme and the
namespace plugin module, never tests, screenshots or the sample site; both
hold LICENSE. The wheel, installed (not editable) into a fresh virtual
environment, gives the `pullmarketing` command and builds a
`pelican-quickstart` blog."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from project_files import pyproject

import pelican_pullmarketing
from tests.conftest import skip_missing_tool
from tests.core.test_init import QUICKSTART_ANSWERS

ROOT = Path(__file__).resolve().parents[2]
VERSION = pelican_pullmarketing.__version__
DIST_INFO = f"pelican_pullmarketing-{VERSION}.dist-info"
# What a checkout holds besides the sources; the screenshots stay in the copy,
# so the test sees that the wheel leaves them out.
IGNORE = shutil.ignore_patterns(
    ".venv*",
    ".git",
    "node_modules",
    "output",
    "__pycache__",
    "*.egg-info",
    "build",
    "dist",
    "bench",
    "audit",
    ".pytest_cache",
    ".ruff_cache",
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def release_tools():
    """build and twine come with the release extra (make installs it)."""
    for module in ("build", "twine"):
        if importlib.util.find_spec(module) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{module} is not installed: pip install -e '.[release]'")
            skip_missing_tool(
                module, "the release artifacts", "pip install -e '.[release]'"
            )


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(
        [str(c) for c in cmd],
        capture_output=True,
        text=True,
        env={**env, **kwargs.pop("env", {})},
        **kwargs,
    )


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory):
    """(wheel, sdist, build log), built from a copy of the checkout."""
    tmp = tmp_path_factory.mktemp("artifacts")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE, symlinks=True)
    dist = tmp / "dist"
    proc = run([sys.executable, "-m", "build", "--outdir", dist, src], timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    return wheel, sdist, proc.stdout + proc.stderr


def package_files() -> set[str]:
    """Every file the wheel must hold outside its .dist-info folder."""
    files = {"pelican/plugins/pullmarketing/__init__.py"}
    package = ROOT / "pelican_pullmarketing"
    for folder, dirs, names in os.walk(package):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", "themes")]
        rel = Path(folder).relative_to(ROOT).as_posix()
        files |= {f"{rel}/{n}" for n in names if n.endswith(".py")}
    files |= {
        f"pelican_pullmarketing/templates/{p.name}"
        for p in (package / "templates").glob("*.html")
    }
    # The share cards' bundled font and its licence.
    files |= {
        f"pelican_pullmarketing/cards/fonts/{p.name}"
        for p in (package / "cards" / "fonts").iterdir()
    }
    # The catalogues: the .mo files gettext reads, their .po sources and
    # the .pot template (for a site translating into another language).
    files |= {
        p.relative_to(ROOT).as_posix()
        for p in (package / "i18n" / "locale").rglob("*")
        if p.suffix in (".mo", ".po", ".pot")
    }
    theme = ROOT / "themes" / "pullmarketing"
    for folder, dirs, names in os.walk(theme):
        dirs[:] = [d for d in dirs if d != "screenshots"]
        rel = Path(folder).relative_to(ROOT).as_posix()
        files |= {f"pelican_pullmarketing/{rel}/{n}" for n in names}
    return files


def test_the_build_prints_no_packaging_warning(artifacts):
    _, _, log = artifacts
    assert "would be ignored" not in log, log
    assert "deprecated" not in log.lower(), log
    assert "SetuptoolsWarning" not in log, log


def test_twine_check_passes(artifacts):
    wheel, sdist, _ = artifacts
    proc = run([sys.executable, "-m", "twine", "check", "--strict", wheel, sdist])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2


def test_the_wheel_holds_the_package_theme_and_namespace_module_only(artifacts):
    wheel, _, _ = artifacts
    names = set(zipfile.ZipFile(wheel).namelist())

    assert {n for n in names if not n.startswith(DIST_INFO)} == package_files()
    assert {
        n.removeprefix(DIST_INFO + "/") for n in names if n.startswith(DIST_INFO)
    } == {
        "METADATA",
        "WHEEL",
        "RECORD",
        "entry_points.txt",
        "top_level.txt",
        "licenses/LICENSE",
    }
    # The theme's link to ../themes became real files.
    base = "pelican_pullmarketing/themes/pullmarketing/templates/base.html"
    assert (
        zipfile.ZipFile(wheel).read(base)
        == (ROOT / "themes/pullmarketing/templates/base.html").read_bytes()
    )


def test_the_wheel_metadata_is_the_projects(artifacts):
    wheel, _, _ = artifacts
    with zipfile.ZipFile(wheel) as zf:
        meta = Parser().parsestr(zf.read(f"{DIST_INFO}/METADATA").decode())
    assert meta["Name"] == "pelican-pullmarketing"
    assert meta["Version"] == VERSION
    assert meta["License-Expression"] == "MIT"
    assert meta["License-File"] == "LICENSE"
    assert meta["Requires-Python"] == ">=3.10"
    assert not [c for c in meta.get_all("Classifier") if c.startswith("License ::")]
    runtime = [r for r in meta.get_all("Requires-Dist") if "extra ==" not in r]
    assert runtime == pyproject()["project"]["dependencies"]


def test_the_sdist_holds_the_license_and_changelog_and_no_tests(artifacts):
    wheel, sdist, _ = artifacts
    top = f"pelican_pullmarketing-{VERSION}/"
    with tarfile.open(sdist) as tf:
        names = {m.name.removeprefix(top) for m in tf.getmembers() if m.isfile()}
        license_text = tf.extractfile(top + "LICENSE").read()
    assert {
        "LICENSE",
        "CHANGELOG.md",
        "README.md",
        "pyproject.toml",
        "PKG-INFO",
    } <= names
    assert license_text == (ROOT / "LICENSE").read_bytes()
    assert b"MIT License" in license_text
    assert package_files() <= names
    unwanted = ("tests/", "sample_site/", "verify/", "benchmarks/", "docs/", ".ci/")
    assert not [n for n in names if n.startswith(unwanted) or "screenshots" in n]


# A fresh environment: the theme comes from site-packages, and with PLUGINS
# unset Pelican finds the namespace plugin pelican.plugins.pullmarketing.
NAMESPACE_CHECK = textwrap.dedent(
    """
    import os, sys
    import pelican_pullmarketing
    from pelican import Pelican
    from pelican.plugins._utils import get_namespace_plugins
    from pelican.settings import read_settings

    theme = pelican_pullmarketing.theme_path()
    assert os.path.isfile(os.path.join(theme, "templates", "base.html")), theme
    assert "site-packages" in theme, theme
    assert "pelican.plugins.pullmarketing" in get_namespace_plugins()

    site = sys.argv[1]
    os.makedirs(os.path.join(site, "content"))
    with open(os.path.join(site, "content", "post.md"), "w") as fh:
        fh.write("Title: Post\\nDate: 2024-01-01\\n\\nText.\\n")
    settings = read_settings(path=None, override={
        "PATH": os.path.join(site, "content"),
        "OUTPUT_PATH": os.path.join(site, "output"),
        "SITEURL": "https://example.com",
        "THEME": theme,
        "TIMEZONE": "UTC",
    })
    pelican = Pelican(settings)
    assert "pelican.plugins.pullmarketing" in settings["PLUGINS"], settings["PLUGINS"]
    pelican.run()
    assert os.path.isfile(os.path.join(site, "output", "sitemap.xml"))
    print("NAMESPACE-OK")
    """
)


def test_the_wheel_installed_in_a_fresh_venv_builds_a_quickstart_blog(
    artifacts, tmp_path
):
    wheel, _, _ = artifacts
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", venv]).returncode == 0
    bin_ = venv / "bin"
    pip = run([bin_ / "python", "-m", "pip", "install", "-q", wheel], timeout=600)
    assert pip.returncode == 0, pip.stdout + pip.stderr

    version = run([bin_ / "pullmarketing", "--version"], cwd=tmp_path)
    assert version.stdout.strip() == f"pullmarketing, version {VERSION}"
    where = run(
        [bin_ / "python", "-c", "import pelican_pullmarketing as p; print(p.__file__)"],
        cwd=tmp_path,
    )
    assert str(venv) in where.stdout and str(ROOT) not in where.stdout

    check = run(
        [bin_ / "python", "-c", NAMESPACE_CHECK, tmp_path / "plain"],
        cwd=tmp_path,
        timeout=300,
    )
    assert "NAMESPACE-OK" in check.stdout, check.stdout + check.stderr

    blog = tmp_path / "blog"
    answers = "\n".join(QUICKSTART_ANSWERS).format(path=blog) + "\n"
    quickstart = run(
        [bin_ / "pelican-quickstart"], input=answers, cwd=tmp_path, timeout=60
    )
    assert quickstart.returncode == 0, quickstart.stdout + quickstart.stderr
    (blog / "content" / "first-loaf.md").write_text(
        "Title: Our first loaf\nDate: 2024-05-01\nCategory: Bread\n\nSourdough.\n",
        encoding="utf-8",
    )
    init = run(
        [bin_ / "pullmarketing", "init", "--bundled-theme", blog],
        cwd=tmp_path,
        timeout=60,
    )
    assert init.returncode == 0, init.stdout + init.stderr

    out = tmp_path / "out"
    build = run(
        [bin_ / "pelican", "content", "-o", out, "-s", "publishconf.py"],
        cwd=blog,
        env={"SITEURL": "https://ann.github.io/bakery"},
        timeout=120,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    article = (out / "our-first-loaf.html").read_text(encoding="utf-8")
    assert (
        'property="og:url" content="https://ann.github.io/bakery/our-first-loaf.html"'
        in article
    )
    assert (out / "theme" / "css" / "tokens.css").is_file()  # the bundled theme
    assert (
        "https://ann.github.io/bakery/our-first-loaf.html"
        in (out / "sitemap.xml").read_text()
    )
