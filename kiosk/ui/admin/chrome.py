"""What the admin window's tabs share: the context they are built with (the backend, the
office's names and time zone, the signed-in account, the remembered folders and the file
choosers), and small widget helpers.

File choosers are plain callables in the context so tests (and screenshots)
never meet a native dialog; the defaults use Qt's dialogs and remember the last folder in
QSettings (organisation "kiosk", application "admin").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, QMargins, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHeaderView,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.settings import Settings
from kiosk.domain.staff import StaffAccount, StaffSession
from kiosk.ui.admin.controller import AdminBackend
from kiosk.ui.admin.models import Names
from kiosk.ui.common.i18n import LANGUAGES, tr

#: (parent, title, suggested file path, name filter) -> the chosen path, None: cancelled.
SaveChooser = Callable[[QWidget, str, Path, str], Path | None]
#: (parent, title, question, replace button, keep button) -> True: replace the file.
ReplaceConfirm = Callable[[QWidget, str, str, str, str], bool]
#: (parent, title, folder to start in, name filter) -> the chosen file, None: cancelled.
OpenChooser = Callable[[QWidget, str, Path | None, str], Path | None]


def native_save(parent: QWidget, title: str, suggested: Path, name_filter: str) -> Path | None:
    # The tab asks before replacing (native_confirm_replace), after it has added the
    # extension and checked the office's own files: the dialog must not ask first.
    path, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(suggested),
        name_filter,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(path) if path else None


def native_confirm_replace(
    parent: QWidget, title: str, question: str, replace: str, keep: str
) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    yes = box.addButton(replace, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)  # Enter keeps the old file
    box.exec()
    return box.clickedButton() is yes


def native_open(parent: QWidget, title: str, start: Path | None, name_filter: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start or Path.home()), name_filter)
    return Path(path) if path else None


def default_prefs() -> QSettings:
    return QSettings("kiosk", "admin")


@dataclass
class Context:
    """What every tab is given; ``session`` and ``lang`` change while the window lives."""

    backend: AdminBackend
    settings: Settings
    prefs: QSettings
    choose_save: SaveChooser = native_save
    confirm_replace: ReplaceConfirm = native_confirm_replace
    choose_open: OpenChooser = native_open
    names: Names = field(default_factory=Names)
    lang: str = LANGUAGES[0]
    #: The signed-in account's session: every privileged call presents it (the services
    #: check it against the database), None while no one is signed in.
    session: StaffSession | None = None

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.timezone

    @property
    def account(self) -> StaffAccount | None:
        return self.session.account if self.session else None

    def today(self) -> dt.date:
        """The office day by the office's clock (the window's guess until the office says)."""
        return dt.datetime.now(self.tz).date()

    def last_folder(self, key: str = "exports/folder") -> Path | None:
        value = self.prefs.value(key)
        return Path(str(value)) if value else None

    def remember_folder(self, folder: Path, key: str = "exports/folder") -> None:
        self.prefs.setValue(key, str(folder))
        self.prefs.sync()


# -- widgets --------------------------------------------------------------------------------------
def panel(object_name: str = "Panel") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(object_name)
    col = QVBoxLayout(frame)
    return frame, col


def table_view(object_name: str, *, stretch_last: bool = True) -> QTableView:
    view = QTableView()
    view.setObjectName(object_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    # Sizing columns to their contents looks at this many rows, not every loaded one.
    view.horizontalHeader().setResizeContentsPrecision(50)
    return view


def fit_columns(view: QTableView, stretch: int | None = None) -> None:
    """Columns as wide as their contents (a table of a few rows), ``stretch`` taking the
    rest of the width."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def fit_height(view: QTableView) -> None:
    """As tall as its rows (a short table that should never scroll)."""
    rows = view.model().rowCount() if view.model() is not None else 0
    height = view.horizontalHeader().height() + 2 * view.frameWidth() + 2
    height += (
        sum(view.rowHeight(r) for r in range(rows))
        if rows
        else view.verticalHeader().defaultSectionSize()
    )
    view.setFixedHeight(height)


def white_chart(chart: QChart) -> None:
    """A chart drawn on white, without the theme's frame; numbers in the window's language
    are set by ``localise_chart``."""
    chart.setBackgroundVisible(True)
    chart.setBackgroundBrush(QBrush(QColor("#FFFFFF")))
    chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
    chart.setBackgroundRoundness(0)
    chart.setPlotAreaBackgroundVisible(False)
    chart.setLocalizeNumbers(True)


#: The charts' colours: the window's navy bars, ink text, a light grid.
NAVY = QColor("#0A2A5E")
INK = QColor("#0D1B2A")
GRID = QColor("#DCE1EA")


class BarChartView(QChartView):
    """One bar series against a category axis and a value axis, on white, no legend and no
    animation; the tabs fill it in place (``_bars``, ``_categories``, ``_values``)."""

    def __init__(
        self,
        object_name: str,
        series: QAbstractBarSeries,
        *,
        bar_label: str = "",
        label_color: QColor = INK,
        horizontal: bool = False,
    ) -> None:
        chart = QChart()
        chart.legend().hide()
        white_chart(chart)
        chart.setMargins(QMargins(0, 0, 0, 0))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart)
        self.setObjectName(object_name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setBackgroundBrush(QBrush(QColor("#FFFFFF")))
        self.setViewportUpdateMode(QChartView.ViewportUpdateMode.FullViewportUpdate)
        self._chart = chart
        self._bars = QBarSet(bar_label)
        self._bars.setColor(NAVY)
        self._bars.setBorderColor(NAVY)
        self._bars.setLabelColor(label_color)
        self._series = series
        series.append(self._bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        self._categories = QBarCategoryAxis()
        self._categories.setGridLineVisible(False)
        self._categories.setLabelsColor(INK)
        self._values = QValueAxis()
        self._values.setLabelFormat("%.0f")
        self._values.setGridLineColor(GRID)
        self._values.setLabelsColor(INK)
        bottom, left = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft
        chart.addAxis(self._categories, left if horizontal else bottom)
        chart.addAxis(self._values, bottom if horizontal else left)
        series.attachAxis(self._categories)
        series.attachAxis(self._values)

    def clear_bars(self) -> None:
        if self._bars.count():
            self._bars.remove(0, self._bars.count())


def localise_chart(chart: QChart, lang: str) -> None:
    """Decimal commas in Indonesian, points in English."""
    chart.setLocale(
        QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Indonesian)
    )


def tab_layout(widget: QWidget) -> QVBoxLayout:
    """A tab's column, with the margins every tab keeps from the window's edge."""
    col = QVBoxLayout(widget)
    col.setContentsMargins(16, 12, 16, 12)
    col.setSpacing(10)
    return col


def date_edit(object_name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(object_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def set_combo_items(
    combo: QComboBox, items: list[tuple[str, object]], *, keep: bool = True
) -> None:
    """Replace a combo's (text, data) items, keeping the chosen data if it is still there;
    no signal fires unless the choice really changed."""
    chosen = combo.currentData() if keep else None
    blocked = combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(blocked)


class Tab(QWidget):
    """One tab of the window: reads what it shows on the worker when asked to."""

    #: What the tab shows has just been read and put on screen (tests and the bench wait
    #: on it).
    data_shown = Signal()

    #: The tab shows today's figures: it re-reads on every change (others only when their
    #: period reaches today, or when asked).
    live = False

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def refresh(self) -> None:
        """Re-read what the tab shows (coalesced in the backend)."""
        self.stale = False

    def changed_elsewhere(self) -> bool:
        """Something changed in the database: does this tab need to re-read? (Tabs about
        a past period do not.)"""
        return True

    def set_language(self, lang: str) -> None:
        """Reword everything (``ctx.lang`` is already ``lang``)."""

    def scale_changed(self) -> None:
        """The window's style was scaled to a new size (fonts changed): refit columns."""

    def names_changed(self) -> None:
        """The services, counters or priorities were read anew (``ctx.names``)."""
        self.set_language(self.lang)

    def signed_in(self) -> None:
        """A new account signed in (``ctx.session``); forget the last one's state."""
        self.stale = True


# -- filter choices --------------------------------------------------------------------------------
#: A combo's "all" choice: "" for codes, 0 for counter numbers (counters start at 1).
ALL_CODES = ""
ALL_COUNTERS = 0


def service_items(ctx: Context) -> list[tuple[str, object]]:
    lang = ctx.lang
    items: list[tuple[str, object]] = [(tr("admin.all", lang), ALL_CODES)]
    for code in ctx.names.services:
        items.append((f"{code} · {ctx.names.service(code, lang)}", code))
    return items


def counter_items(ctx: Context) -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = [(tr("admin.all", ctx.lang), ALL_COUNTERS)]
    for number, name in ctx.names.counters.items():
        items.append((name, number))
    return items


def chosen_code(combo: QComboBox) -> str | None:
    data = combo.currentData()
    return data if isinstance(data, str) and data else None


def chosen_counter(combo: QComboBox) -> int | None:
    data = combo.currentData()
    return data if isinstance(data, int) and data != ALL_COUNTERS else None
