from django.conf import settings

from federation.platform.db import FederationReplicaRouter, federation_reads
from tenants.models import UnionRollup


def test_reads_go_to_the_replica_only_inside_federation_reads(monkeypatch):
    monkeypatch.setattr(settings, "DATABASES", {**settings.DATABASES, "replica": {}})
    router = FederationReplicaRouter()
    assert router.db_for_read(UnionRollup) is None
    with federation_reads():
        assert router.db_for_read(UnionRollup) == "replica"
        assert router.db_for_write(UnionRollup) is None
    assert router.db_for_read(UnionRollup) is None


def test_without_a_replica_everything_stays_on_the_primary():
    with federation_reads():
        assert FederationReplicaRouter().db_for_read(UnionRollup) is None


def test_nothing_is_migrated_on_the_replica():
    assert FederationReplicaRouter().allow_migrate("replica", "tenants") is False
    assert FederationReplicaRouter().allow_migrate("default", "tenants") is None
