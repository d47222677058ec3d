"""Ticket slips: layout, ESC/POS encoding, transports and printer status. No Qt, no storage."""
