"""The edge: typer commands that parse arguments, call the core and the rooms, render, and map errors.

app.py builds the `contacts` group and the entry commands (search, list, show, add, edit, remove);
one module per command group beside it (vcard, releases, who, sync); edge.py holds what they share
(store opening, stderr, prompts), output.py the --format machinery, complete.py shell completion.

The only place that imports typer. It may import every room and the core; nothing imports it but
contacts_cli.launch.
"""
