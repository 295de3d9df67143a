"""The comparison's workload: a fixed mix of what Tandem's users do, offered at a fixed rate.

The load is open-loop: each request is sent when its time comes, whether or not earlier ones
have answered, and its latency counts from that moment. A build that falls behind shows it
as latency and errors, not as a quietly lower rate (which a closed loop would report).
"""

from __future__ import annotations

import itertools
import random
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

from bench.compare.stats import latency_ms

#: What a request is, and its share of the load. Sign-ups are few, as on a real site: hashing
#: a password is slow on purpose and would otherwise hide what the builds differ in (a
#: sign-in's cost is measured apart, `probes.sign_in_cost`).
MIX = {"signup": 0.01, "post": 0.20, "comment": 0.25, "feed": 0.54}
#: The share of comments that carry a blocked word, so moderation rejects them.
BLOCKED_SHARE = 0.2
#: Sign-ups are timed apart: hashing the password (argon2) is slow on purpose.
WRITES = ("post", "comment")
#: A request that takes longer than this counts as an error.
TIMEOUT_SECONDS = 5.0
PASSWORD = "bench password 1"
#: The settings the builds run with under the bench: one proxy in front, whose
#: X-Forwarded-For names the visitor (`Http`).
CLIENTS_BEHIND_A_PROXY = {"TANDEM_TRUSTED_PROXIES": "1"}


@dataclass
class Sample:
    kind: str
    #: From the moment the request was due, so time spent waiting to be sent counts too.
    latency: float
    #: Answered as a user expects, within TIMEOUT_SECONDS of being due.
    ok: bool


@dataclass
class RunResult:
    offered_rate: float
    #: How long the schedule ran, and how long until the last answer came back.
    seconds: float
    elapsed: float
    samples: list[Sample]
    #: Requests the load generator itself sent over 100 ms late: it, not the build, was slow.
    dispatched_late: int = 0

    @property
    def error_rate(self) -> float:
        return sum(not s.ok for s in self.samples) / max(1, len(self.samples))

    @property
    def achieved_rate(self) -> float:
        return sum(s.ok for s in self.samples) / max(self.seconds, self.elapsed)

    @property
    def generator_limited(self) -> bool:
        return self.dispatched_late > 0.01 * len(self.samples)

    def sustained(self) -> bool:
        """Under 1% errors, (nearly) every offered request answered in the run's time, and
        the load generator kept to its schedule."""
        return (
            self.error_rate < 0.01
            and self.achieved_rate >= 0.95 * self.offered_rate
            and not self.generator_limited
        )

    def summary(self) -> dict:
        def latencies(kinds) -> list[float]:
            return [s.latency for s in self.samples if s.kind in kinds and s.ok]

        return {
            "offered_rate": self.offered_rate,
            "achieved_rate": round(self.achieved_rate, 2),
            "error_rate": round(self.error_rate, 4),
            "generator_limited": self.generator_limited,
            "write_ms": latency_ms(latencies(WRITES)),
            "read_ms": latency_ms(latencies(("feed", "constant"))),
            "signup_ms": latency_ms(latencies(("signup",))),
        }


class Http:
    """One keep-alive session per thread, and the build's routing of public paths.

    Each request comes from an address of its own, as a site's visitors do: the builds run
    as behind their gateway (`TANDEM_TRUSTED_PROXIES=1`, `CLIENTS_BEHIND_A_PROXY`), so their
    per-address limits on sign-ups and sign-ins count the bench's visitors, not the bench.
    """

    def __init__(self, url_for: Callable[[str, str], str]):
        self.url_for = url_for
        self._local = threading.local()

    def session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        url = self.url_for(method, path)
        visitor = ".".join(str(part) for part in random.getrandbits(24).to_bytes(3, "big"))
        headers = {"X-Forwarded-For": f"10.{visitor}", **kwargs.pop("headers", {})}
        return self.session().request(
            method, url, timeout=TIMEOUT_SECONDS, headers=headers, **kwargs
        )


@dataclass
class Population:
    """The users who write, and the posts they comment on, made before the load starts."""

    http: Http
    tokens: list[str] = field(default_factory=list)
    post_ids: list[int] = field(default_factory=list)
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    _names: itertools.count = field(default_factory=itertools.count)

    def new_username(self) -> str:
        return f"u{self.run_id}{next(self._names)}"

    def sign_up(self) -> tuple[requests.Response, dict]:
        credentials = {"username": self.new_username(), "password": PASSWORD}
        return self.http.request("POST", "/users/signup", json=credentials), credentials

    def prepare(self, users: int, posts: int, visible: Callable[[int], bool]) -> None:
        for _ in range(users):
            signed_up, credentials = self.sign_up()
            signed_up.raise_for_status()
            signed_in = self.http.request("POST", "/users/signin", json=credentials)
            signed_in.raise_for_status()
            self.tokens.append(signed_in.json()["token"])
        for number in range(posts):
            created = self.http.request(
                "POST", "/posts", json={"title": f"seed {number}"}, headers=self.auth()
            )
            created.raise_for_status()
            self.post_ids.append(created.json()["id"])
        # Comments go to posts every build already knows, so none fails for being early.
        deadline = time.monotonic() + 30
        while not all(visible(post_id) for post_id in self.post_ids[-1:]):
            if time.monotonic() > deadline:
                raise RuntimeError("the seed posts did not become visible")
            time.sleep(0.1)

    def auth(self, rng: random.Random | None = None) -> dict[str, str]:
        token = (rng or random).choice(self.tokens)
        return {"Authorization": f"Bearer {token}"}


def perform(kind: str, population: Population, rng: random.Random) -> bool:
    """Sends one request of the mix; True when it got the answer a user expects."""
    http = population.http
    if kind == "signup":
        return population.sign_up()[0].status_code == 201
    if kind == "post":
        body = {"title": f"post {rng.randrange(10**6)}"}
        return (
            http.request("POST", "/posts", json=body, headers=population.auth(rng)).status_code
            == 201
        )
    if kind == "comment":
        post_id = rng.choice(population.post_ids)
        text = "I like orange" if rng.random() < BLOCKED_SHARE else "Nice post"
        response = http.request(
            "POST",
            f"/posts/{post_id}/comments",
            json={"content": text},
            headers=population.auth(rng),
        )
        return response.status_code == 201
    if kind == "feed":
        return http.request("GET", "/posts").status_code == 200
    if kind == "constant":
        return http.request("GET", "/constant").status_code == 200
    raise ValueError(kind)


def run_at_rate(
    population: Population,
    rate: float,
    seconds: float,
    *,
    mix: dict[str, float] = MIX,
    seed: int = 1,
) -> RunResult:
    """Offers `rate` requests per second of `mix` for `seconds`; returns every outcome."""
    rng = random.Random(seed)
    count = max(1, int(rate * seconds))
    kinds = rng.choices(list(mix), weights=list(mix.values()), k=count)
    seeds = [rng.randrange(2**32) for _ in range(count)]
    samples: list[Sample] = []
    lock = threading.Lock()

    def send(kind: str, due: float, request_seed: int) -> None:
        try:
            answered = perform(kind, population, random.Random(request_seed))
        except requests.RequestException:
            answered = False
        latency = time.perf_counter() - due
        with lock:
            samples.append(Sample(kind, latency, answered and latency <= TIMEOUT_SECONDS))

    # Enough threads that the client never holds a request back, even when answers are slow.
    threads = min(256, max(16, int(rate * TIMEOUT_SECONDS / 4)))
    late = 0
    with ThreadPoolExecutor(threads, thread_name_prefix="load") as pool:
        start = time.perf_counter() + 0.05
        for number, (kind, request_seed) in enumerate(zip(kinds, seeds, strict=True)):
            due = start + number / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            elif delay < -0.1:
                late += 1
            pool.submit(send, kind, due, request_seed)
    elapsed = time.perf_counter() - start
    return RunResult(rate, count / rate, elapsed, samples, late)
