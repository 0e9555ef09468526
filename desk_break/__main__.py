from desk_break.cli import main

raise SystemExit(main())
