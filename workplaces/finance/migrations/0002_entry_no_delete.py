"""An entry of the books is never deleted: a trigger refuses DELETE (a mistake is reversed
by a counter-entry). The function lives in each union's schema next to its table."""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION finance_entry_no_delete() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'finance entries are never deleted; reverse them by a counter-entry';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER finance_entry_no_delete BEFORE DELETE ON finance_entry
    FOR EACH ROW EXECUTE FUNCTION finance_entry_no_delete();
"""

REVERSE = """
DROP TRIGGER IF EXISTS finance_entry_no_delete ON finance_entry;
DROP FUNCTION IF EXISTS finance_entry_no_delete();
"""


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE)]
