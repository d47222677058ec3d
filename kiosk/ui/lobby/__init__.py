"""The lobby touch screen where applicants take a queue number (``kiosk run kiosk``)."""
