"""The township federation's code: ``config`` (wiring), ``platform`` (what every app stands
on), ``rules`` (the dated rule table) and its features (dues, homes, reports, dashboard,
elections, hardship). The layers and what may import what: ARCHITECTURE.md."""
