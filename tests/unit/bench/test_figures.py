"""The bench's arithmetic and its reading of the repository."""

from bench.compare import code
from bench.compare.resources import spent
from bench.compare.stats import latency_ms, percentile, spread, spread_tree
from bench.compare.workload import RunResult, Sample
from tests.support.processes import REPO_ROOT


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 51.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([], 0.5) is None
    assert latency_ms([0.010, 0.020, 0.030]) == {"p50": 20.0, "p90": 30.0, "p99": 30.0}


def test_repeats_are_summarised_as_median_min_max_shape_for_shape():
    runs = [{"a": {"p50": 1.0}}, {"a": {"p50": 3.0}}, {"a": {"p50": None}}]
    assert spread_tree(runs) == {"a": {"p50": {"median": 2.0, "min": 1.0, "max": 3.0, "runs": 2}}}
    assert spread([None]) == {"median": None, "min": None, "max": None, "runs": 0}


def run(ok: int, failed: int, elapsed: float = 1.0, late: int = 0) -> RunResult:
    samples = [Sample("feed", 0.01, True)] * ok + [Sample("feed", 5.0, False)] * failed
    return RunResult(100, 1.0, elapsed, samples, late)


def test_a_rate_is_sustained_with_under_one_percent_errors_and_nearly_all_answered():
    assert run(ok=100, failed=0).sustained()
    assert not run(ok=99, failed=1).sustained()
    assert not run(ok=94, failed=0).sustained()


def test_a_build_that_answers_everything_but_late_does_not_sustain_the_rate():
    assert not run(ok=100, failed=0, elapsed=1.2).sustained()


def test_a_load_generator_that_falls_behind_its_schedule_voids_the_step():
    assert not run(ok=100, failed=0, late=2).sustained()


def test_every_code_file_of_the_builds_belongs_to_a_feature():
    assert code.unassigned(code.measure_files()) == []


def test_the_feature_table_names_only_paths_that_exist():
    for parts in code.FEATURES.values():
        for paths in parts.values():
            assert all((REPO_ROOT / path).exists() for path in paths), paths


def test_title_is_found_in_code_not_prose(tmp_path):
    (tmp_path / "model.py").write_text('"""A post has a title."""\nx = {"title": 1}\n')
    (tmp_path / "prose.py").write_text('"""The title of a post."""\n# title\n')
    assert code.names_title(tmp_path / "model.py")
    assert not code.names_title(tmp_path / "prose.py")


def test_cpu_spent_counts_new_processes_whole_and_never_goes_below_nothing():
    before = {(1, 0.0): 1.0, (2, 0.0): 5.0}  # 2 ends during the run
    after = {(1, 0.0): 3.0, (3, 9.0): 0.5}  # 3 starts during it
    assert spent(before, after) == 2.5
