from bizcase.cli import main

main()
