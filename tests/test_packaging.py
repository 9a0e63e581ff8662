"""The install is reproducible: what pyproject.toml asks for is what requirements.lock pins."""
import re
import tomllib
from pathlib import Path


def test_the_lock_file_pins_every_direct_dependency_at_the_version_pyproject_asks_for():
    """`make` installs requirements.lock exactly; pyproject.toml must agree with it."""
    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    lock = {}
    for line in (root / "requirements.lock").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        lock[re.sub(r"[-_.]+", "-", name).lower()] = version
    for requirement in wanted:
        name, _, version = requirement.partition("==")
        assert lock.get(re.sub(r"[-_.]+", "-", name).lower()) == version, requirement
