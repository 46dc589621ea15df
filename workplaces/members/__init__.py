"""Members (会员): one register per union, one membership across the federation.

models.py       Member, MembershipEvent (the timeline), UnionGroup, MembershipApplication,
                MemberDuesRule (effective-dated), ImportJob, Counter (member numbers)
validation.py   member_clean: one set of rules for the form, the API and the import
choices.py, profile.py   the national real-name collection's code lists and cleaning,
                the 农民工 rule (rural household registration or "migrant" employment)
masking.py      who sees full ID numbers and phones (chair, organization officer)
labels.py       values in words for the change log
documents.py    the 会员登记表 PDF
rule_table.py   import bounds and the index-lookup allowance (rule values)
locks.py        the one lock order (member index, counter, rows by primary key)
services.py     member_create/update/leave/reinstate, rollup_refresh, index_reconcile,
                dues_rule_set (the index itself is tenants.member_index)
groups.py, applications.py, transfers.py   groups, admission by application, 动态接转
imports/        xlsx/csv import: reading (zip inspected first), validation, writing (COPY),
                jobs, limits (row caps, time limit, the membership-oracle allowance)
exports.py      the register as xlsx/csv, the import template
audit.py        the audit kinds of this app, one per action
selectors.py    lists with scope (a group leader sees their group), dues, timeline
api/, views/, tasks.py   doors: REST API, pages, Celery jobs
May import: federation.platform, tenants, tasks. Nothing imports it but the URL roots,
the dashboard's reconciliation and its own tests.
"""
