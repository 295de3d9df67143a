"""Plays the rendered `ci` overlay with `podman kube play`, the closest thing to a cluster CI
can have, and gives each Service's pods its name on the network.

What podman does not do, this does for it, and only this:
- Services: podman ignores them. Each Service's pods get a network alias equal to its name,
  so "postgres", "redis", "eventbus" and so on resolve as in a cluster.
- Kinds it does not play: a StatefulSet becomes a Deployment of one pod; Ingress,
  autoscalers, budgets, network policies and the namespace are left out.
- ConfigMaps and Secrets are written into the pods: values into `env`, files into host
  directories mounted where the ConfigMap volume would be; emptyDir and volume claims become
  host directories too.
- Ports: every containerPort would be bound on the host, so only the gateway keeps one, on
  a free port the tests pick.
- Probes: podman would turn them into health checks that nothing runs here; they are left out.
- Init containers: podman 4.3 fails a pod while removing one that has ended, so each
  container runs its pod's init commands (the migration) before its own.
Replicas are kept: posts runs as two pods.

Pods are named and labelled after this run, so that a run sees only its own pods, even beside
another run's or the leftovers of one that was stopped.
"""

from __future__ import annotations

import base64
import copy
import json
import shlex
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import requests
import yaml

from tests.support.kube import objects
from tests.support.processes import free_port

PLAYED = {"Deployment", "StatefulSet"}
RUN_LABEL = "tandem.test/run"
STORES = {"postgres", "redis"}


def _env_entries(values: dict[str, str]) -> list[dict]:
    return [{"name": name, "value": value} for name, value in values.items()]


class KubePlay:
    def __init__(self, workdir: Path, image: str):
        self.workdir = workdir
        self.image = image
        self.run = uuid.uuid4().hex[:6]
        self.network = f"tandem-kube-{self.run}"
        self.port = free_port()
        self.docs = objects("ci")
        self.file = workdir / "played.yaml"
        self.played: list[dict] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- turning the rendered overlay into what podman plays
    def _data(self) -> tuple[dict[str, dict], dict[str, dict]]:
        configmaps = {
            d["metadata"]["name"]: d.get("data", {}) for d in self.docs if d["kind"] == "ConfigMap"
        }
        secrets = {
            d["metadata"]["name"]: {
                k: base64.b64decode(v).decode() for k, v in d.get("data", {}).items()
            }
            for d in self.docs
            if d["kind"] == "Secret"
        }
        return configmaps, secrets

    def _container(self, container: dict, configmaps: dict, secrets: dict, gateway: bool) -> dict:
        container = copy.deepcopy(container)
        env: dict[str, str] = {}
        for source in container.pop("envFrom", []):
            if "configMapRef" in source:
                env.update(configmaps[source["configMapRef"]["name"]])
            if "secretRef" in source:
                env.update(secrets[source["secretRef"]["name"]])
        for entry in container.get("env", []):
            reference = entry.get("valueFrom", {})
            if "secretKeyRef" in reference:
                ref = reference["secretKeyRef"]
                env[entry["name"]] = secrets[ref["name"]][ref["key"]]
            elif "configMapKeyRef" in reference:
                ref = reference["configMapKeyRef"]
                env[entry["name"]] = configmaps[ref["name"]][ref["key"]]
            else:
                env[entry["name"]] = entry["value"]
        container["env"] = _env_entries(env)
        for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
            container.pop(probe, None)
        if gateway:
            container["ports"] = [
                {"containerPort": 8080, "hostPort": self.port, "hostIP": "127.0.0.1"}
            ]
        else:
            container.pop("ports", None)
        if container.get("image", "").split(":")[0].endswith("tandem"):
            container["image"] = self.image
        return container

    def _volumes(self, name: str, volumes: list[dict], configmaps: dict) -> list[dict]:
        played = []
        for volume in volumes:
            directory = self.workdir / "volumes" / name / volume["name"]
            directory.mkdir(parents=True, exist_ok=True)
            if "configMap" in volume:
                mode = volume["configMap"].get("defaultMode", 0o444)
                for key, text in configmaps[volume["configMap"]["name"]].items():
                    (directory / key).write_text(text)
                    (directory / key).chmod(mode)
            # Written by whatever uid the pod runs as.
            directory.chmod(0o777)
            played.append(
                {"name": volume["name"], "hostPath": {"path": str(directory), "type": "Directory"}}
            )
        return played

    def _workload(self, doc: dict, configmaps: dict, secrets: dict) -> dict:
        name = doc["metadata"]["name"]
        spec = copy.deepcopy(doc["spec"]["template"]["spec"])
        gateway = name == "gateway"
        spec["containers"] = [
            self._container(c, configmaps, secrets, gateway) for c in spec["containers"]
        ]
        # podman 4.3 runs an init container, then fails the pod trying to remove it while it
        # still counts it as running: each container runs its pod's init commands first.
        before = [shlex.join(c["command"]) for c in spec.pop("initContainers", [])]
        for container in spec["containers"]:
            if before:
                steps = [*before, f"exec {shlex.join(container['command'])}"]
                container["command"] = ["sh", "-c", " && ".join(steps)]
        claims = [
            {"name": t["metadata"]["name"]} for t in doc["spec"].get("volumeClaimTemplates", [])
        ]
        spec["volumes"] = self._volumes(name, spec.get("volumes", []) + claims, configmaps)
        spec.get("securityContext", {}).pop("seccompProfile", None)
        template_metadata = copy.deepcopy(doc["spec"]["template"]["metadata"])
        template_metadata.setdefault("labels", {})[RUN_LABEL] = self.run
        labels = {**doc["metadata"].get("labels", {}), RUN_LABEL: self.run}
        return {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": f"{name}-{self.run}", "labels": labels},
            "spec": {
                "replicas": doc["spec"].get("replicas", 1),
                "selector": doc["spec"]["selector"],
                "template": {"metadata": template_metadata, "spec": spec},
            },
        }

    def write(self) -> Path:
        configmaps, secrets = self._data()
        self.played = [
            self._workload(d, configmaps, secrets) for d in self.docs if d["kind"] in PLAYED
        ]
        self.file.write_text(yaml.safe_dump_all(self.played, sort_keys=False))
        return self.file

    # ---- running it
    def up(self) -> None:
        """Creates every pod without starting it, gives the Services' names, then starts the
        data stores and after them the rest. Names are given before anything runs: taking a
        running pod off the network to rename it would cut its open connections."""
        self.write()
        subprocess.run(
            ["podman", "network", "create", self.network], check=True, capture_output=True
        )
        played = subprocess.run(
            ["podman", "kube", "play", "--start=false", "--network", self.network, str(self.file)],
            capture_output=True,
            text=True,
        )
        if played.returncode != 0:
            raise RuntimeError(f"podman kube play failed:\n{played.stdout}\n{played.stderr}")
        self.alias_services()
        stores = [pod for name in STORES for pod in self.pods({"app.kubernetes.io/name": name})]
        everything = self.pods({"app.kubernetes.io/part-of": "tandem"})
        if len(everything) < len(self.played):
            raise RuntimeError(
                f"podman kube play made {len(everything)} pods of this run for "
                f"{len(self.played)} workloads:\n{played.stdout}\n{played.stderr}"
            )
        for pod in [*stores, *(p for p in everything if p not in stores)]:
            started = subprocess.run(
                ["podman", "pod", "start", pod], capture_output=True, text=True
            )
            if started.returncode != 0:
                raise RuntimeError(f"podman pod start {pod} failed:\n{started.stderr}")

    def pods(self, selector: dict) -> list[str]:
        """This run's pods that match the selector."""
        selector = {**selector, RUN_LABEL: self.run}
        filters = [
            arg for key, value in selector.items() for arg in ("--filter", f"label={key}={value}")
        ]
        listed = subprocess.run(
            ["podman", "pod", "ps", "-q", *filters], capture_output=True, text=True
        )
        if listed.returncode != 0:
            raise RuntimeError(f"podman pod ps failed: {listed.stderr}")
        return listed.stdout.split()

    def alias_services(self) -> None:
        """Each Service's name, as a network alias of every pod it selects."""
        for service in (d for d in self.docs if d["kind"] == "Service"):
            name = service["metadata"]["name"]
            for pod in self.pods(service["spec"]["selector"]):
                infra = subprocess.run(
                    ["podman", "pod", "inspect", pod, "--format", "{{.InfraContainerID}}"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.strip()
                subprocess.run(
                    ["podman", "network", "disconnect", self.network, infra], capture_output=True
                )
                subprocess.run(
                    ["podman", "network", "connect", "--alias", name, self.network, infra],
                    check=True,
                    capture_output=True,
                )

    def wait_until_answering(self, timeout: float = 240) -> None:
        """Until the gateway answers and every public service behind it is ready."""
        deadline = time.monotonic() + timeout
        paths = ["/health", "/users/signin", "/posts/1/comments"]
        last = "nothing yet"
        while time.monotonic() < deadline:
            try:
                answers = [
                    requests.get(f"{self.base_url}{path}", timeout=3).status_code for path in paths
                ]
                if answers[0] == 200 and all(code < 500 for code in answers):
                    return
                last = ", ".join(f"{p} {code}" for p, code in zip(paths, answers, strict=True))
            except requests.RequestException as exc:
                last = repr(exc)
            time.sleep(2)
        raise RuntimeError(
            f"the played stack did not answer within {timeout:.0f} s (last: {last}):\n"
            f"{self.describe()}"
        )

    def describe(self) -> str:
        """Each played container's state and the end of its logs (longer for one that
        stopped); what podman said if it could not list them, and the disk's free space (a
        full disk is the usual reason pods do not start)."""
        free = shutil.disk_usage(self.workdir).free / 2**30
        lines = [f"{free:.1f} GiB free where the pods' volumes are"]
        listed_pods = subprocess.run(
            ["podman", "pod", "ps", "--filter", f"label={RUN_LABEL}={self.run}"],
            capture_output=True,
            text=True,
        )
        lines.append(listed_pods.stdout + listed_pods.stderr)
        for pod in self.pods({"app.kubernetes.io/part-of": "tandem"}):
            listed = subprocess.run(
                ["podman", "ps", "-a", "--filter", f"pod={pod}", "--format", "json"],
                capture_output=True,
                text=True,
            )
            if listed.returncode != 0:
                lines.append(f"podman ps of pod {pod} failed: {listed.stderr}")
            for container in json.loads(listed.stdout or "[]"):
                if container.get("IsInfra"):
                    continue
                names = ",".join(container.get("Names", []))
                lines.append(f"{names}: {container.get('State')} {container.get('Status', '')}")
                tail = "5" if container.get("State") == "running" else "20"
                logs = subprocess.run(
                    ["podman", "logs", "--tail", tail, container["Id"]],
                    capture_output=True,
                    text=True,
                )
                lines.append(logs.stdout + logs.stderr)
        return "\n".join(lines)

    def logs(self, selector: dict) -> str:
        out = []
        for pod in self.pods(selector):
            containers = subprocess.run(
                ["podman", "ps", "-q", "--filter", f"pod={pod}"], capture_output=True, text=True
            ).stdout.split()
            for container in containers:
                logs = subprocess.run(["podman", "logs", container], capture_output=True, text=True)
                out.append(logs.stdout + logs.stderr)
        return "\n".join(out)

    def down(self) -> None:
        if self.file.exists():
            subprocess.run(["podman", "kube", "down", str(self.file)], capture_output=True)
        subprocess.run(["podman", "network", "rm", "-f", self.network], capture_output=True)
        shutil.rmtree(self.workdir / "volumes", ignore_errors=True)
