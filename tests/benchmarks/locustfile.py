"""The load scenario of `make bench` (test_bench_load.py starts it headless against a
gunicorn served like `make run`): a township clerk on the dashboard, the dues board and
the report grid; a union officer on the member list and search; writes (member edits,
payments). Configuration comes from LOAD_* environment variables set by the bench."""

import json
import os
import random
import uuid

from locust import HttpUser, between, task

CONFIG = json.loads(os.environ.get("LOAD_CONFIG", "{}"))
SURNAMES = "王李张刘陈杨黄赵吴周"


class Baseline(HttpUser):
    """Only the trivial view: the throughput limit of this stack (run on its own, by
    naming the class on the command line)."""

    wait_time = between(0, 0)

    def on_start(self):
        self.client.headers["Host"] = CONFIG.get("fed_host", "localhost")

    @task
    def healthz(self):
        self.client.get("/healthz", name="trivial /healthz")


class Clerk(HttpUser):
    weight = 2
    wait_time = between(0.1, 0.5)

    def on_start(self):
        self.client.headers["Host"] = CONFIG.get("fed_host", "localhost")
        self.api = {"Authorization": f"Token {CONFIG.get('fed_token', '')}"}
        if CONFIG.get("fed_cookie"):
            # a session made by the bench: fifty clerks logging in as one user from one
            # address at once are (rightly) throttled by the login guard
            self.client.headers["Cookie"] = CONFIG["fed_cookie"]
            return
        self.client.get("/accounts/login/", name="login page")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/accounts/login/",
            {
                "username": CONFIG.get("fed_user"),
                "password": CONFIG.get("fed_password"),
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"http://{self.client.headers['Host']}/accounts/login/"},
            name="login",
        )

    @task(4)
    def dashboard_page(self):
        self.client.get("/dashboard/", name="federation dashboard page")

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


class Officer(HttpUser):
    weight = 3
    wait_time = between(0.1, 0.5)

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
