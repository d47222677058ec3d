"""Satisfaction surveys (SKM, PermenPANRB 14/2017): definitions as data, the IKM arithmetic,
reports and exports. No Qt, no storage."""
