from samkit.cli import main

main()
