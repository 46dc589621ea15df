"""The federation's rule table: every local rule value (term lengths, quorums, clocks,
caps, bands) as dated rows the federation edits. Runs on the federation side (public
schema); union-side code reads it through ``rule_value``. May import the platform only."""
