"""The split stack's Kubernetes objects, written from the same process table as everything
else (stack.toml), so that a cluster runs exactly the processes compose and the local runner
run.

    python -m microservices.kube            # rewrites k8s/base/services/*.yaml
    python -m microservices.kube --check    # fails if they differ from what it would write
    python -m microservices.kube secrets k8s/overlays/dev/secrets.env   # new random secrets

Per service: a ClusterIP Service and a Deployment for its web process, a Deployment per
worker, each pod migrating its database first (an init container running
`migrate_locked`, so replicas take turns).
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

import yaml

from common.auth.keys import new_pair
from microservices.stack import REPO_ROOT, load

OUT_DIR = REPO_ROOT / "k8s" / "base" / "services"
HEADER = (
    "# Written by `python -m microservices.kube` from microservices/stack.toml: change those\n"
    "# and run it again rather than editing this file.\n"
)
IMAGE = "tandem"
PORT = 8000
UID = 10001
SECRET = "tandem-secrets"
CONFIG = "tandem-config"

#: Replicas of each web process; the seed asks for two copies of posts.
WEB_REPLICAS = {"posts": 2}


def resources(cpu: str, memory: str, cpu_limit: str, memory_limit: str) -> dict:
    return {
        "requests": {"cpu": cpu, "memory": memory},
        "limits": {"cpu": cpu_limit, "memory": memory_limit},
    }


RESOURCES = {
    "web": resources("100m", "192Mi", "1", "384Mi"),
    "worker": resources("50m", "256Mi", "1", "512Mi"),
    "migrate": resources("50m", "128Mi", "500m", "256Mi"),
}


def labels(service: str, component: str) -> dict:
    return {
        "app.kubernetes.io/part-of": "tandem",
        "app.kubernetes.io/name": service,
        "app.kubernetes.io/component": component,
    }


def command(service: str, process: str) -> list[str]:
    """A worker's port places its metrics: PORT plus stack.toml's offset."""
    extra = [] if process == "migrate" else ["--host=0.0.0.0", f"--port={PORT}"]
    return ["python", "-m", "microservices.stack", "run", service, process, *extra]


def metrics_port(process: str) -> int:
    return PORT + load()["defaults"]["metrics_port_offset"].get(process, 0)


def scrape_annotations(process: str) -> dict:
    """The annotations most Prometheus set-ups for Kubernetes look for to scrape a pod."""
    return {
        "prometheus.io/scrape": "true",
        "prometheus.io/port": str(metrics_port(process)),
        "prometheus.io/path": "/metrics",
    }


def env(service: str) -> list[dict]:
    def secret(name: str, key: str) -> dict:
        return {"name": name, "valueFrom": {"secretKeyRef": {"name": SECRET, "key": key}}}

    return [
        {"name": "DJANGO_SETTINGS_MODULE", "value": f"microservices.{service}.settings"},
        {"name": "TANDEM_SERVICE_NAME", "value": service},
        secret("DATABASE_URL", f"{service.upper()}_DATABASE_URL"),
        secret("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY"),
        secret("TANDEM_TOKEN_PUBLIC_KEYS", "TANDEM_TOKEN_PUBLIC_KEYS"),
        secret("TANDEM_BROKER_URL", "TANDEM_BROKER_URL"),
        # Only the users feature signs tokens; no other container holds the key.
        *(
            [secret("TANDEM_TOKEN_SIGNING_KEY", "TANDEM_TOKEN_SIGNING_KEY")]
            if service == "users"
            else []
        ),
    ]


def container_security() -> dict:
    return {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "runAsNonRoot": True,
        "runAsUser": UID,
        "runAsGroup": UID,
        "capabilities": {"drop": ["ALL"]},
    }


def probes(process: str) -> dict:
    if process == "web":
        return {
            # Ready when its database answers; alive while the process answers at all.
            "readinessProbe": {
                "httpGet": {"path": "/health", "port": PORT},
                "periodSeconds": 10,
                "timeoutSeconds": 3,
                "failureThreshold": 3,
            },
            "livenessProbe": {
                "httpGet": {"path": "/health/live", "port": PORT},
                "periodSeconds": 10,
                "timeoutSeconds": 3,
                "failureThreshold": 6,
            },
        }
    if process == "worker":
        # A worker that answers a ping by its own name on the broker is consuming.
        check = {
            "exec": {
                "command": [
                    "sh",
                    "-c",
                    "celery -A common.events.celery_app inspect ping --timeout=5 "
                    "-d ${TANDEM_SERVICE_NAME}@$(hostname) >/dev/null",
                ]
            },
            "periodSeconds": 30,
            "timeoutSeconds": 20,
            "failureThreshold": 3,
        }
        return {"readinessProbe": check, "livenessProbe": {**check, "initialDelaySeconds": 30}}
    raise ValueError(f"stack.toml has a process Kubernetes cannot probe: {process}")


def deployment(service: str, process: str) -> dict:
    name = service if process == "web" else f"{service}-{process}"
    container = {
        "name": process,
        "image": IMAGE,
        "imagePullPolicy": "IfNotPresent",
        "command": command(service, process),
        "envFrom": [{"configMapRef": {"name": CONFIG}}],
        "env": env(service),
        "ports": [
            {"name": "http", "containerPort": PORT}
            if process == "web"
            else {"name": "metrics", "containerPort": metrics_port(process)}
        ],
        **probes(process),
        "resources": RESOURCES[process],
        "securityContext": container_security(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    migrate = {
        "name": "migrate",
        "image": IMAGE,
        "imagePullPolicy": "IfNotPresent",
        "command": command(service, "migrate"),
        "envFrom": [{"configMapRef": {"name": CONFIG}}],
        "env": env(service),
        "resources": RESOURCES["migrate"],
        "securityContext": container_security(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": labels(service, process)},
        "spec": {
            "replicas": WEB_REPLICAS.get(service, 1) if process == "web" else 1,
            "selector": {"matchLabels": labels(service, process)},
            "template": {
                "metadata": {
                    "labels": labels(service, process),
                    "annotations": scrape_annotations(process),
                },
                "spec": {
                    "automountServiceAccountToken": False,
                    "securityContext": {
                        "runAsNonRoot": True,
                        "runAsUser": UID,
                        "runAsGroup": UID,
                        "fsGroup": UID,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "initContainers": [migrate],
                    "containers": [container],
                    "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}],
                },
            },
        },
    }


def service_object(service: str) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": service, "labels": labels(service, "web")},
        "spec": {
            "type": "ClusterIP",
            "selector": labels(service, "web"),
            "ports": [{"name": "http", "port": PORT, "targetPort": PORT}],
        },
    }


def documents(service: str, processes: list[str]) -> list[dict]:
    docs = [service_object(service)]
    docs += [deployment(service, process) for process in processes]
    return docs


def render() -> dict[Path, str]:
    stack = load()
    files = {}
    for service, spec in stack["services"].items():
        text = yaml.safe_dump_all(documents(service, spec["processes"]), sort_keys=False, width=100)
        files[OUT_DIR / f"{service}.yaml"] = HEADER + text
    return files


def secrets_env(services: list[str], database_host: str, broker_host: str = "redis") -> str:
    """The tandem-secrets Secret's contents, with new random values: Django's key, the token
    signing key (read by the users service alone) and its public key, the superuser's
    password (PostgreSQL in the cluster), Redis's password and the broker URL with it, and
    per service its role's password and the URL it connects with."""
    redis_password = secrets.token_hex(16)
    signing, public = new_pair()
    values = {
        "DJANGO_SECRET_KEY": secrets.token_hex(32),
        "TANDEM_TOKEN_SIGNING_KEY": signing,
        "TANDEM_TOKEN_PUBLIC_KEYS": public,
        "POSTGRES_PASSWORD": secrets.token_hex(16),
        "REDIS_PASSWORD": redis_password,
        "TANDEM_BROKER_URL": f"redis://:{redis_password}@{broker_host}:6379/0",
    }
    for service in services:
        password = secrets.token_hex(16)
        values[f"{service.upper()}_DB_PASSWORD"] = password
        values[f"{service.upper()}_DATABASE_URL"] = (
            f"postgresql://{service}:{password}@{database_host}:5432/{service}"
        )
    return "".join(f"{name}={value}\n" for name, value in values.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=["write", "secrets"], default="write")
    parser.add_argument("path", nargs="?", type=Path, help="with secrets: the file to write")
    parser.add_argument("--database-host", default="postgres", help="with secrets")
    parser.add_argument("--broker-host", default="redis", help="with secrets")
    parser.add_argument("--check", action="store_true", help="fail if the files are not current")
    args = parser.parse_args()
    if args.command == "secrets":
        if args.path is None:
            parser.error("secrets needs the file to write")
        services = list(load()["services"])
        args.path.write_text(secrets_env(services, args.database_host, args.broker_host))
        args.path.chmod(0o600)
        print(f"wrote {args.path}")
        return
    files = render()
    stale = [path for path, text in files.items() if not path.exists() or path.read_text() != text]
    if args.check:
        if stale:
            sys.exit(
                f"out of date (run python -m microservices.kube): {', '.join(map(str, stale))}"
            )
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.write_text(files[path])
        print(f"wrote {path.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
