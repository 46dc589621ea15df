"""Finding 7: production refuses placeholder, missing and shared secrets (a system check
with an id), and ``make run`` serves on loopback unless told otherwise."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def _example_env() -> dict[str, str]:
    env = {}
    for line in (ROOT / "deploy" / "env.example").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    return env


def _deploy_check(**overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env.update(_example_env())
    env.update(overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_fails_with_the_placeholders_of_the_example_env():
    result = _deploy_check()
    assert result.returncode != 0
    assert "gonglian.E001" in result.stderr + result.stdout
    assert "gonglian.E002" in result.stderr + result.stdout


def test_the_deploy_check_passes_with_real_distinct_secrets():
    result = _deploy_check(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50), ID_HASH_SECRET=secrets.token_urlsafe(50)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _ids(**settings_overrides) -> set[str]:
    from federation.platform.accounts.checks import production_secrets_check

    with override_settings(PRODUCTION=True, **settings_overrides):
        return {e.id for e in production_secrets_check()}


GOOD_A = "k3J9-x7QpLm2Vb8Tr5Wn1Yz6Hc4Fd0Gs-u8Ei2Oa7Pl3Mk9Nj5Bh1"
GOOD_B = "Zq8Wx2Ec5Rv9Tb3Yn7Um1Io4Pa6Sd0Fg-Hj2Kl5Mn8Bv1Cx4Za7"


def test_the_development_default_secret_is_refused_in_production():
    from django.conf import settings

    assert _ids(SECRET_KEY=settings.DEV_SECRET_KEY, ID_HASH_SECRET=GOOD_B) == {"gonglian.E001"}


def test_a_missing_id_hash_secret_is_refused_in_production():
    assert _ids(SECRET_KEY=GOOD_A, ID_HASH_SECRET="") == {"gonglian.E002"}


def test_equal_secrets_are_refused_in_production():
    assert _ids(SECRET_KEY=GOOD_A, ID_HASH_SECRET=GOOD_A) == {"gonglian.E003"}


@pytest.mark.parametrize(
    "value",
    ["CHANGE-me-to-a-long-random-string-of-at-least-fifty-characters", "short-but-random-9x"],
)
def test_a_placeholder_or_short_secret_is_refused(value):
    assert _ids(SECRET_KEY=value, ID_HASH_SECRET=GOOD_B) == {"gonglian.E001"}


def test_real_distinct_secrets_pass():
    assert _ids(SECRET_KEY=GOOD_A, ID_HASH_SECRET=GOOD_B) == set()


def test_development_is_not_checked():
    from federation.platform.accounts.checks import production_secrets_check

    with override_settings(PRODUCTION=False, SECRET_KEY="x" * 50, ID_HASH_SECRET="x" * 50):
        assert production_secrets_check() == []


def test_the_id_hash_secret_never_follows_the_secret_key():
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env.update(DJANGO_SECRET_KEY=GOOD_A, DJANGO_SETTINGS_MODULE="federation.config.settings")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.ID_HASH_SECRET == settings.SECRET_KEY)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == "False", out.stderr


def test_rotating_the_secret_key_keeps_the_member_index_and_transfers():
    from workplaces.members.crypto import id_hash, payload_decrypt, payload_encrypt

    with override_settings(SECRET_KEY=GOOD_A, ID_HASH_SECRET=GOOD_B):
        digest = id_hash("11010519491231002X")
        sealed = payload_encrypt({"name": "张三"})
    with override_settings(SECRET_KEY="Rotated-" + GOOD_A, ID_HASH_SECRET=GOOD_B):
        assert id_hash("11010519491231002X") == digest
        assert payload_decrypt(sealed) == {"name": "张三"}


def test_make_run_serves_on_loopback_unless_host_says_otherwise():
    from federation.config.launcher import DEFAULT_HOST, web_command

    assert DEFAULT_HOST == "127.0.0.1"
    cmd = web_command(Path("/bin"), host=DEFAULT_HOST, port=8000)
    assert cmd[cmd.index("--bind") + 1] == "127.0.0.1:8000"
    cmd = web_command(Path("/bin"), host="0.0.0.0", port=9000)
    assert cmd[cmd.index("--bind") + 1] == "0.0.0.0:9000"


def test_run_reads_the_host_from_the_environment():
    source = (ROOT / "federation" / "config" / "launcher.py").read_text(encoding="utf-8")
    assert 'env.get("HOST") or DEFAULT_HOST' in source


def test_there_are_no_model_changes_without_a_migration():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
