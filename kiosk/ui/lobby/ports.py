"""What the lobby kiosk needs of the office: the handle every window holds
(kiosk.ui.common.office), whose services carry their own signatures, and the appointment
service (the check-in's: ``check_in`` and whether it is open today)."""

from typing import Protocol

from kiosk.services.appointments import AppointmentService
from kiosk.ui.common.office import OfficeHandle


class KioskOffice(OfficeHandle, Protocol):
    @property
    def appointments(self) -> AppointmentService: ...
