from fieldbrief.cli import main

main()
