from majorproj.cli import main

main()
