"""The staff-home pages: federation host (overview, schemes, rounds, review, documents) and
union host (the union's own assessments). Doors: parse with the API's typed inputs, call
one service or selector, render."""
