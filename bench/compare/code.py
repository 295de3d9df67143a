"""What each build costs in code, read from the repository: lines per feature and per build,
the files only one build has, and the files one example change would touch.

Lines are Python lines that are neither blank nor comments; generated migrations are
counted apart. The example change is adding a `body` to posts: every file whose code names
the post's `title` field (as a name or as a string key, not in prose) is a file that change
must edit too, and every model with a `title` needs a migration.
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

from tests.support.processes import REPO_ROOT

#: Feature -> the directories that implement it, in each build and in common/.
#: The metrics both builds use; common/metrics/delivery.py is the split build's alone.
METRICS_SHARED = ("__init__", "directory", "exposition", "requests")

FEATURES = {
    "users": {
        "monolith": ["monolith/users"],
        "split": ["microservices/users"],
        "shared": ["common/users"],
    },
    "posts": {
        "monolith": ["monolith/posts"],
        "split": ["microservices/posts"],
        "shared": ["common/posts"],
    },
    "comments": {
        "monolith": ["monolith/comments"],
        "split": ["microservices/comments"],
        "shared": ["common/comments"],
    },
    "moderation": {
        "monolith": ["monolith/moderation"],
        "split": ["microservices/moderation"],
        "shared": ["common/moderation"],
    },
    "feed": {
        "monolith": ["monolith/feed"],
        "split": ["microservices/query"],
        "shared": ["common/feed"],
    },
    "event delivery": {
        "monolith": [],
        "split": ["microservices/eventbus", "common/events"],
        "shared": [],
    },
    # The monolith's facts on the road to the split build (docs/migration.md), and the ids a
    # service continues and the rows it copies when it takes a table over: code a monolith
    # that stays one does not need.
    "the road to the split build": {
        "monolith": ["monolith/publishing"],
        "split": [],
        "shared": ["common/sequences.py", "common/copied_rows.py"],
    },
    "traces, logs and metrics": {
        "monolith": [],
        "split": ["common/metrics/delivery.py"],
        "shared": [
            "common/logs.py",
            "common/tracing.py",
            *(f"common/metrics/{name}.py" for name in METRICS_SHARED),
        ],
    },
    "API, auth, settings, running": {
        "monolith": ["monolith/config", "monolith/__init__.py", "manage.py"],
        "split": [
            "microservices/__init__.py",
            "microservices/__main__.py",
            "microservices/base_settings.py",
            "microservices/run.py",
            "microservices/stack.py",
            "microservices/stack.toml",
            "microservices/wsgi.py",
            "microservices/kube.py",
        ],
        "shared": [
            "common/api",
            "common/auth",
            "common/__init__.py",
            "common/apps.py",
            "common/checks.py",
            "common/errors.py",
            "common/gunicorn.py",
            "common/healthcheck.py",
            "common/heartbeats.py",
            "common/limits.py",
            "common/management",
            "common/postgres",
            "common/settings.py",
            "common/timestamps.py",
            "common/wsgi.py",
        ],
    },
}


def files_under(paths: list[str]) -> list[Path]:
    found = []
    for name in paths:
        path = REPO_ROOT / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        found += [
            p for p in candidates if p.suffix in (".py", ".toml") and "__pycache__" not in p.parts
        ]
    return found


def code_lines(path: Path) -> int:
    lines = 0
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            lines += 1
    return lines


def names_title(path: Path) -> bool:
    """Whether the file's code (not its comments or prose) names the `title` field."""
    if path.suffix != ".py":
        return False
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
    return any(
        (token.type == tokenize.NAME and token.string == "title")
        or (token.type == tokenize.STRING and token.string.strip("\"'") == "title")
        for token in tokens
    )


def relative(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(REPO_ROOT)) for p in paths]


def measure_files() -> dict[str, set[Path]]:
    """Every file the feature table claims, by build ("shared" for common/)."""
    claimed: dict[str, set[Path]] = {"monolith": set(), "split": set(), "shared": set()}
    for parts in FEATURES.values():
        for part, paths in parts.items():
            claimed[part] |= set(files_under(paths))
    return claimed


def measure() -> dict:
    per_feature = {}
    all_files = measure_files()
    for feature, parts in FEATURES.items():
        row = {}
        for part, paths in parts.items():
            files = files_under(paths)
            code = [f for f in files if "migrations" not in f.parts]
            row[part] = {
                "files": len(code),
                "lines": sum(code_lines(f) for f in code),
                "migration_lines": sum(code_lines(f) for f in files if "migrations" in f.parts),
            }
        per_feature[feature] = row

    totals = {
        part: {
            "files": len(code := [f for f in files if "migrations" not in f.parts]),
            "lines": sum(code_lines(f) for f in code),
        }
        for part, files in all_files.items()
    }
    example = {}
    for part, files in all_files.items():
        code = sorted(f for f in files if "migrations" not in f.parts and names_title(f))
        example[part] = {
            "files": relative(code),
            "models_needing_a_migration": relative([f for f in code if f.name == "models.py"]),
        }
    return {
        "per_feature": per_feature,
        "totals": totals,
        "only_in_monolith": relative(
            sorted(f for f in all_files["monolith"] if "migrations" not in f.parts)
        ),
        "only_in_split": relative(
            sorted(f for f in all_files["split"] if "migrations" not in f.parts)
        ),
        "add_body_to_posts": example,
        "unassigned": unassigned(all_files),
    }


def unassigned(all_files: dict[str, set[Path]]) -> list[str]:
    """Code files of the builds that no feature claims: kept empty by a test, so the figures
    cover every line."""
    known = set().union(*all_files.values())
    roots = ["common", "monolith", "microservices", "manage.py"]
    return relative(sorted(f for f in files_under(roots) if f not in known))
