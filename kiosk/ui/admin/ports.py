"""What the admin window needs of the office: the handle every window holds
(kiosk.ui.common.office), whose services carry their own signatures."""

from kiosk.services.exports import Progress, RecapFormat
from kiosk.survey.export import Format as ExportFormat
from kiosk.ui.common.office import OfficeHandle

AdminOffice = OfficeHandle
#: The screenshots' throw-away office: the same handle (its scenes use the services).
AdminDemoOffice = OfficeHandle

__all__ = ["AdminDemoOffice", "AdminOffice", "ExportFormat", "Progress", "RecapFormat"]
