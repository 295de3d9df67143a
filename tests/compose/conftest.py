"""The compose stacks, built and brought up under podman; each is torn down when its tests
end, also when they fail. Needs podman and the base images (.ci/run provides both)."""

from __future__ import annotations

import pytest

from tests.support.compose import ComposeStack, PodmanApi


@pytest.fixture(scope="session")
def podman_api(tmp_path_factory):
    api = PodmanApi(tmp_path_factory.mktemp("podman"))
    api.start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def built_image(podman_api, tmp_path_factory):
    """The project's image, built once for both stacks (they share it)."""
    ComposeStack("monolith.yaml", tmp_path_factory.mktemp("build"), podman_api).build()


def stack_fixture(compose_file: str):
    @pytest.fixture(scope="module")
    def stack(podman_api, built_image, tmp_path_factory):
        stack = ComposeStack(compose_file, tmp_path_factory.mktemp(compose_file), podman_api)
        try:
            stack.up()
            yield stack
        finally:
            stack.down()

    return stack


monolith_stack = stack_fixture("monolith.yaml")
split_stack = stack_fixture("split.yaml")
