from contacts_cli.cli import main

main()
