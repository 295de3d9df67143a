"""The Kubernetes manifests hang together: each overlay renders, every Service selects the
pods of exactly one workload and targets a port they listen on, every address in the
configuration names a Service that exists, and every workload carries its probes, limits
and a non-root, read-only security context."""

import base64
import re

import pytest

from microservices import kube
from tests.support.kube import VERSION, objects

WORKLOADS = ("Deployment", "StatefulSet")


@pytest.fixture(scope="module", params=["dev", "prod", "ci", "keda-check"])
def rendered(request) -> list[dict]:
    return objects(request.param)


def of_kind(docs: list[dict], *kinds: str) -> list[dict]:
    return [d for d in docs if d["kind"] in kinds]


def pod_labels(workload: dict) -> dict:
    return workload["spec"]["template"]["metadata"]["labels"]


def selects(selector: dict, labels: dict) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def test_the_generated_service_files_are_current():
    for path, text in kube.render().items():
        assert path.read_text() == text, f"{path.name} is stale: run python -m microservices.kube"


def test_every_service_selects_the_pods_of_exactly_one_workload(rendered):
    workloads = of_kind(rendered, *WORKLOADS)
    for service in of_kind(rendered, "Service"):
        chosen = [
            w["metadata"]["name"]
            for w in workloads
            if selects(service["spec"]["selector"], pod_labels(w))
        ]
        assert len(chosen) == 1, f"Service {service['metadata']['name']} selects {chosen}"


def test_every_port_a_container_listens_on_is_a_service_target(rendered):
    services = of_kind(rendered, "Service")
    for workload in of_kind(rendered, *WORKLOADS):
        ports = [
            port
            for container in workload["spec"]["template"]["spec"]["containers"]
            for port in container.get("ports", [])
        ]
        # A worker's metrics port is scraped on the pod, as its annotations say.
        annotations = workload["spec"]["template"]["metadata"].get("annotations", {})
        metrics = [p["containerPort"] for p in ports if p.get("name") == "metrics"]
        if metrics:
            assert metrics == [int(annotations["prometheus.io/port"])], workload["metadata"]
        listening = {port["containerPort"] for port in ports if port.get("name") != "metrics"}
        targeted = {
            port["targetPort"]
            for service in services
            if selects(service["spec"]["selector"], pod_labels(workload))
            for port in service["spec"]["ports"]
        }
        assert listening == targeted, workload["metadata"]["name"]


def configured_addresses(docs: list[dict]) -> list[tuple[str, int]]:
    values = []
    for doc in of_kind(docs, "ConfigMap"):
        values += list(doc.get("data", {}).values())
    for doc in of_kind(docs, "Secret"):
        values += [base64.b64decode(v).decode() for v in doc.get("data", {}).values()]
    return [
        (host, int(port))
        for value in values
        for host, port in re.findall(r"[a-z]+://(?:[^@/\s]*@)?([\w.-]+):(\d+)", value)
    ]


@pytest.mark.parametrize("overlay", ["dev", "ci"])
def test_every_address_in_the_configuration_names_an_existing_service(overlay):
    docs = objects(overlay)
    ports = {
        (s["metadata"]["name"], p["port"])
        for s in of_kind(docs, "Service")
        for p in s["spec"]["ports"]
    }
    addresses = configured_addresses(docs)
    assert addresses, "no addresses found in the configuration"
    unknown = [address for address in addresses if address not in ports]
    assert unknown == []


def test_the_seeds_two_copies_of_posts_and_a_budget_for_every_replicated_workload(rendered):
    deployments = {d["metadata"]["name"]: d for d in of_kind(rendered, "Deployment")}
    assert deployments["posts"]["spec"]["replicas"] == 2
    budgets = of_kind(rendered, "PodDisruptionBudget")
    for name, deployment in deployments.items():
        if deployment["spec"]["replicas"] > 1:
            assert any(
                selects(b["spec"]["selector"]["matchLabels"], pod_labels(deployment))
                for b in budgets
            ), f"{name} has replicas but no PodDisruptionBudget"


def test_every_workload_has_probes_limits_and_a_locked_down_security_context(rendered):
    for workload in of_kind(rendered, *WORKLOADS):
        spec = workload["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True
        for container in spec["containers"]:
            name = f"{workload['metadata']['name']}/{container['name']}"
            assert "readinessProbe" in container and "livenessProbe" in container, name
            assert container["resources"]["requests"] and container["resources"]["limits"], name
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["capabilities"]["drop"] == ["ALL"], name


def test_the_image_is_the_projects_version():
    images = {
        c["image"]
        for d in of_kind(objects("dev"), "Deployment")
        for c in d["spec"]["template"]["spec"]["containers"]
        if "tandem" in c["image"]
    }
    assert images == {f"localhost/tandem:{VERSION}"}


def test_posts_and_query_scale_with_traffic(rendered):
    scaled = {
        h["spec"]["scaleTargetRef"]["name"] for h in of_kind(rendered, "HorizontalPodAutoscaler")
    }
    assert {"posts", "query"} <= scaled
