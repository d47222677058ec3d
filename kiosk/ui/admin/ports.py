"""What the admin window needs of the office: the handle every window holds
(kiosk.ui.common.office), whose services carry their own signatures, and the appointment
service (the appointments tab's; the other windows do not use it through their handle)."""

from typing import Protocol

from kiosk.services.appointments import AppointmentService
from kiosk.services.exports import Progress, RecapFormat
from kiosk.survey.export import Format as ExportFormat
from kiosk.ui.common.office import OfficeHandle


class AdminOffice(OfficeHandle, Protocol):
    @property
    def appointments(self) -> AppointmentService: ...


#: The screenshots' throw-away office: the same handle (its scenes use the services).
AdminDemoOffice = AdminOffice

__all__ = ["AdminDemoOffice", "AdminOffice", "ExportFormat", "Progress", "RecapFormat"]
