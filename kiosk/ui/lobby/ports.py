"""What the lobby kiosk needs of the office: the handle every window holds
(kiosk.ui.common.office), whose services carry their own signatures."""

from kiosk.ui.common.office import OfficeHandle

KioskOffice = OfficeHandle
