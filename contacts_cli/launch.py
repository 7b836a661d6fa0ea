"""The console script's entry point: start-up without the cyclic garbage collector.

Importing typer, rich and the commands makes tens of thousands of objects and no garbage cycles worth
collecting; the collector would walk them again and again while they are made (about a tenth of a
search's whole time on a small directory). It is off while they are imported; they are then frozen
(never scanned again) and the collector runs as usual for the command itself.
"""

import gc


def main() -> None:
    """Console-script entry point."""
    gc.disable()
    try:
        from contacts_cli.cli.app import main as cli_main
    finally:
        gc.freeze()
        gc.enable()
    cli_main()
