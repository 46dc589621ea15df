"""Members (会员): one register per union, one membership across the federation.

models.py       Member, MembershipEvent (the timeline), UnionGroup, MembershipApplication,
                MemberDuesRule (effective-dated), ImportJob, Counter (member numbers)
validation.py   member_clean: one set of rules for the form, the API and the import
services.py     member_create/update/leave/reinstate, the federation index (HMAC of the ID
                number, tenants.MemberIndex), rollup_refresh, index_reconcile, dues_rule_set
groups.py, applications.py, transfers.py   groups, admission by application, 动态接转
importing.py    xlsx/csv import (validate all rows, then COPY), export, the template
selectors.py    lists with scope (a group leader sees their group), dues, timeline
api.py, views.py, tasks.py   doors: REST API, pages, Celery jobs
"""
