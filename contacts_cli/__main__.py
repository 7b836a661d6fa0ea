from contacts_cli.launch import main

main()
