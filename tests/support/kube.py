"""Renders the Kustomize overlays (k8s/) as the tests and scans see them: from a copy of
k8s/, with a secrets.env of new random values, since the real ones are never committed."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import yaml

from microservices.kube import secrets_env
from microservices.stack import load
from tests.support.processes import REPO_ROOT

KUBECTL = str(Path(sys.executable).with_name("kubectl"))
OVERLAYS = ("dev", "prod", "ci")


#: The project's version (pyproject.toml): the image tag the manifests name.
VERSION = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["version"]


def prepared_copy(workdir: Path) -> Path:
    """k8s/ copied under workdir, each overlay with a secrets.env, and an overlay that adds
    the optional KEDA component to dev (keda-check), so that it is rendered and checked too."""
    copy = workdir / "k8s"
    shutil.copytree(REPO_ROOT / "k8s", copy)
    for overlay in OVERLAYS:
        host = "postgres" if overlay != "prod" else "db.internal.example.com"
        (copy / "overlays" / overlay / "secrets.env").write_text(
            secrets_env(list(load()["services"]), host)
        )
    keda = copy / "overlays" / "keda-check"
    keda.mkdir()
    (keda / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "resources:\n  - ../dev\ncomponents:\n  - ../../components/keda\n"
    )
    return copy


@functools.cache
def render(overlay: str) -> str:
    """The overlay as `kubectl kustomize` renders it (once per run: the files do not change
    while the tests read them)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = prepared_copy(Path(tmp) / "render")
        result = subprocess.run(
            [KUBECTL, "kustomize", str(copy / "overlays" / overlay)],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {overlay} failed:\n{result.stderr}")
    return result.stdout


def objects(overlay: str) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(render(overlay)) if doc]


def main() -> None:
    """python -m tests.support.kube OUTDIR: every overlay rendered to OUTDIR/<overlay>.yaml,
    for the scans (make scan)."""
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for overlay in (*OVERLAYS, "keda-check"):
        (out / f"{overlay}.yaml").write_text(render(overlay))
        print(f"rendered {overlay}")


if __name__ == "__main__":
    main()
