"""``kiosk demo`` and ``kiosk demo-data``: a demo office's day of tickets and accounts
(``data``), and the supervisor that runs the demo's windows as processes (``supervisor``)."""

from kiosk.tools.demo.data import (
    DEMO_EXIT_PIN,
    DEMO_OFFICER,
    DEMO_STAFF,
    DemoSummary,
    demo_admin,
    ensure_demo_staff,
    fill_demo_day,
)

__all__ = [
    "DEMO_EXIT_PIN",
    "DEMO_OFFICER",
    "DEMO_STAFF",
    "DemoSummary",
    "demo_admin",
    "ensure_demo_staff",
    "fill_demo_day",
]
