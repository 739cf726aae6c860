"""Each app's demo data, one module per app, run in order by `seed_demo` (see PARTS)."""
