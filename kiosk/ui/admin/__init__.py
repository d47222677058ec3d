"""The supervisors' admin window (``kiosk run admin``)."""
