"""The officer's counter window (``kiosk run counter``)."""
