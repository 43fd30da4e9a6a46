"""``python -m services.cli``: the ``pursight`` command without its console script
(how ``pursight up --processes`` starts its children with the same interpreter)."""

from __future__ import annotations

from services.cli.main import main

raise SystemExit(main())
