"""The windows (Qt only). ``common/`` is shared; one package per window; windows never
import each other, and nothing here touches SQL: windows talk to the ``kiosk.Office``
facade through the small protocols they declare, on a worker thread."""
