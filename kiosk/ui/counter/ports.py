"""What the counter window needs of the office: the handle every window holds
(kiosk.ui.common.office), whose services carry their own signatures."""

from kiosk.ui.common.office import OfficeHandle

CounterOffice = OfficeHandle
#: The screenshots' throw-away office: the same handle (its scenes use the services).
CounterDemoOffice = OfficeHandle
