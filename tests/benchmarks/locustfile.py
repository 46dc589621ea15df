"""The load scenario of `make bench` (test_bench_load.py starts it headless against a
gunicorn served like `make run`): a township clerk on the dashboard, the dues board and
the report grid; a union officer on the member list and search; writes (member edits,
payments). Configuration comes from the LOAD_CONFIG environment variable set by the bench.

The users are locust's FastHttpUser (geventhttpclient, shipped with locust) unless the
bench asks for HttpUser (python-requests, several times the CPU per request: on this
2-core machine the load generator shares the cores with gunicorn and PostgreSQL). The
trivial view's baseline uses the same class, so the two throughputs compare.

``wait`` in the configuration ("lo-hi" seconds) is the mixed users' pause between two
requests: 0.1-0.5 s in the headline scenario (as it has been since the load test was
written), "0-0" for a closed loop without pauses (the trivial view always runs without),
longer for a realistic think time."""

import json
import os
import random
import uuid

from locust import FastHttpUser, HttpUser, between, task

CONFIG = json.loads(os.environ.get("LOAD_CONFIG", "{}"))
SURNAMES = "王李张刘陈杨黄赵吴周"
Client = HttpUser if CONFIG.get("client") == "http" else FastHttpUser


def _wait():
    lo, _, hi = CONFIG.get("wait", "0.1-0.5").partition("-")
    return between(float(lo), float(hi or lo))


class Baseline(Client):
    """Only the trivial view: the throughput limit of this stack (run on its own, by
    naming the class on the command line)."""

    wait_time = between(0, 0)

    def on_start(self):
        self.h = {"Host": CONFIG.get("fed_host", "localhost")}

    @task
    def healthz(self):
        self.client.get("/healthz", headers=self.h, name="trivial /healthz")


class Clerk(Client):
    weight = 2
    wait_time = _wait()

    def on_start(self):
        host = CONFIG.get("fed_host", "localhost")
        # a session made by the bench: fifty clerks logging in as one user from one address
        # at once are (rightly) throttled by the login guard
        self.page = {"Host": host, "Cookie": CONFIG.get("fed_cookie", "")}
        self.api = {"Host": host, "Authorization": f"Token {CONFIG.get('fed_token', '')}"}

    @task(4)
    def dashboard_page(self):
        self.client.get("/dashboard/", headers=self.page, name="federation dashboard page")

    @task(3)
    def dashboard_api(self):
        self.client.get("/api/v1/dashboard/", headers=self.api, name="federation dashboard API")

    @task(2)
    def dues_board(self):
        self.client.get("/api/v1/dues/notices/?page_size=50", headers=self.api, name="dues notices")

    @task(2)
    def report_grid(self):
        self.client.get("/api/v1/reports/cycles/", headers=self.api, name="report cycles")

    @task(1)
    def payment(self):
        notice = random.choice(CONFIG["notices"])
        with self.client.post(
            f"/api/v1/dues/notices/{notice}/payments/",
            json={"amount": "0.01", "paid_on": CONFIG["paid_on"], "reference": uuid.uuid4().hex},
            headers=self.api,
            name="payment (write)",
            catch_response=True,
        ) as resp:
            if resp.status_code != 201:
                resp.failure(f"{resp.status_code} {resp.text[:200]}")


class Officer(Client):
    weight = 3
    wait_time = _wait()

    def on_start(self):
        self.h = {
            "Authorization": f"Token {CONFIG.get('union_token', '')}",
            "Host": CONFIG["union_host"],
        }

    @task(5)
    def member_list(self):
        self.client.get("/api/v1/members/?page_size=50", headers=self.h, name="member list")

    @task(4)
    def member_search(self):
        self.client.get(
            f"/api/v1/members/?search={random.choice(SURNAMES)}",
            headers=self.h,
            name="member search",
        )

    @task(1)
    def member_edit(self):
        member = random.choice(CONFIG["members"])
        with self.client.patch(
            f"/api/v1/members/{member}/",
            json={"phone": f"139{random.randint(10_000_000, 99_999_999)}"},
            headers=self.h,
            name="member edit (write)",
            catch_response=True,
        ) as resp:
            if resp.status_code != 200:
                resp.failure(f"{resp.status_code} {resp.text[:200]}")
