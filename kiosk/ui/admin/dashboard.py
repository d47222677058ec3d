"""Today at a glance, kept live by the change feed: tickets issued, waiting, at a counter,
done and no-show; waiting and service times (average and 90th percentile); tickets per
hour; each service's and each counter's day; today's and this month's IKM with its grade;
the kiosks' printer alerts.

One read (``DashboardData``) gathers all of it on the worker: the day's summary is computed
from today's tickets only (a few hundred rows) and the month's IKM by count/sum in SQL.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCharts import QBarSeries
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.dates import long_date
from kiosk.domain.model import PrinterAlert
from kiosk.domain.stats import DaySummary, Durations
from kiosk.survey.model import IkmResult
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import (
    BarChartView,
    Context,
    Tab,
    fit_columns,
    fit_height,
    localise_chart,
    panel,
    tab_layout,
    table_view,
)
from kiosk.ui.admin.models import counter_days_model, service_counts_model
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr

#: The printer alerts list shows this many lines before it scrolls.
ALERT_LINES = 4


@dataclass(frozen=True, slots=True)
class DashboardData:
    summary: DaySummary
    ikm_today: IkmResult
    ikm_month: IkmResult
    alerts: tuple[PrinterAlert, ...]
    read_at: dt.datetime


def read_dashboard(office: AdminOffice) -> DashboardData:
    today = office.today()
    return DashboardData(
        summary=office.reports.day_summary(today),
        ikm_today=office.survey.ikm(today, today),
        ikm_month=office.survey.ikm(today.replace(day=1), today),
        alerts=tuple(office.slips.alerts()),
        read_at=dt.datetime.now(dt.UTC),
    )


class StatCard(QWidget):
    """A figure with its caption and a line under it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        frame, col = panel("StatCard")
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self.caption = label("StatCaption", wrap=True)
        self.value = label("StatValue")
        self.sub = label("StatSub", wrap=True)
        col.addWidget(self.caption)
        col.addWidget(self.value)
        col.addWidget(self.sub)
        col.addStretch(1)
        self.frame = frame
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

    def show_figure(self, caption: str, value: str, sub: str = "", state: str = "") -> None:
        self.caption.setText(caption)
        self.value.setText(value)
        self.sub.setText(sub)
        self.sub.setVisible(bool(sub))
        set_state(self.frame, state)


#: The value axis reaches this much above the busiest hour.
HEADROOM = 1.35


#: Grid steps a reader adds up at a glance (times a power of ten).
ROUND_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def round_step(least: float) -> int:
    """The smallest whole step of ROUND_STEPS x 10^k that is at least ``least``."""
    power = 10 ** max(0, math.floor(math.log10(least))) if least >= 1 else 1
    return next(
        int(m * power) for m in ROUND_STEPS if m * power >= least and float(m * power).is_integer()
    )


class HourChart(BarChartView):
    """Tickets issued per hour of the office day, as bars (one series, updated in place)."""

    def __init__(self) -> None:
        super().__init__("HourChart", QBarSeries())
        self.hours: dict[int, int] = {}
        self._x, self._y = self._categories, self._values
        self._series.setBarWidth(0.7)
        self._series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self._y.setTickCount(5)
        self.show_hours({}, "id")

    def show_hours(self, hours: dict[int, int], lang: str) -> None:
        self.hours = dict(hours)
        localise_chart(self._chart, lang)
        if hours:
            first, last = min(hours), max(hours)
            first, last = min(first, 8), max(last, first + 7)
        else:
            first, last = 8, 15
        span = list(range(first, last + 1))
        labels = [tr("admin.dash.hour", lang, h=f"{h:02d}") for h in span]
        if self._x.categories() != labels:
            self._x.clear()
            self._x.append(labels)
        values = [float(hours.get(h, 0)) for h in span]
        self.clear_bars()
        self._bars.append(values)
        top = max(hours.values(), default=0)
        # Whole numbers on four grid lines, with room above the tallest bar for its label
        # (Qt draws a label that does not fit above a bar inside it, navy on navy).
        step = round_step(top * HEADROOM / 4)
        self._y.setRange(0, step * 4)


class DashboardTab(Tab):
    live = True

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("DashboardTab")
        self.data: DashboardData | None = None

        self.title = label("TabTitle")
        self.updated = label("TabNote")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.updated)

        self.cards = {
            key: StatCard(f"Card_{key}")
            for key in (
                "issued", "waiting", "at_counter", "done", "no_show",
                "wait", "service_time", "ikm_today", "ikm_month",
            )
        }  # fmt: skip
        cards = QGridLayout()
        cards.setSpacing(10)
        for i, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, i)
            cards.setColumnStretch(i, 1)

        self.chart = HourChart()
        self.chart_title = label("PanelTitle")
        chart_panel, chart_col = panel()
        chart_col.addWidget(self.chart_title)
        chart_col.addWidget(self.chart, 1)

        self.services_model = service_counts_model(ctx.names, self)
        self.services_view = table_view("ServicesTable")
        self.services_view.setModel(self.services_model)
        fit_columns(self.services_view, 0)
        self.services_title = label("PanelTitle")
        services_panel, services_col = panel()
        services_col.addWidget(self.services_title)
        services_col.addWidget(self.services_view, 1)

        self.counters_model = counter_days_model(self)
        self.counters_view = table_view("CountersTable")
        self.counters_view.setModel(self.counters_model)
        fit_columns(self.counters_view, 1)
        self.counters_title = label("PanelTitle")
        counters_panel, counters_col = panel()
        counters_col.addWidget(self.counters_title)
        counters_col.addWidget(self.counters_view, 1)

        self.alerts = QListWidget()
        self.alerts.setObjectName("AlertsList")
        self.alerts.setMaximumHeight(ALERT_LINES * 30)
        self.alerts_title = label("PanelTitle")
        self.alerts_ok = label("AlertsOk", wrap=True)
        alerts_panel, alerts_col = panel()
        alerts_col.addWidget(self.alerts_title)
        alerts_col.addWidget(self.alerts_ok)
        alerts_col.addWidget(self.alerts, 1)

        # Left: the chart takes what the per-service table (as tall as its rows) leaves.
        # Right: the counters take what the printer alerts (a few lines) leave.
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(chart_panel, 1)
        left.addWidget(services_panel, 0)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(counters_panel, 1)
        right.addWidget(alerts_panel, 0)
        grid = QHBoxLayout()
        grid.setSpacing(12)
        grid.addLayout(left, 3)
        grid.addLayout(right, 2)

        col = tab_layout(self)
        col.setSpacing(12)
        col.addLayout(head)
        col.addLayout(cards)
        col.addLayout(grid, 1)
        self.set_language(ctx.lang)

    # -- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.ctx.backend.read("dashboard", read_dashboard, self.show_data)

    def show_data(self, data: DashboardData) -> None:
        self.data = data
        self._fill()
        self.data_shown.emit()

    # -- showing -----------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.services_model.set_language(lang)
        self.counters_model.set_language(lang)
        self.chart_title.setText(tr("admin.dash.per_hour", lang))
        self.services_title.setText(tr("admin.dash.per_service", lang))
        self.counters_title.setText(tr("admin.dash.counters", lang))
        self.alerts_title.setText(tr("admin.dash.printers", lang))
        self.alerts_ok.setText(tr("admin.dash.printers_ok", lang))
        self._fill()

    def _fill(self) -> None:
        lang = self.lang
        data = self.data
        day = data.summary.office_day if data else self.ctx.today()
        self.title.setText(tr("admin.dash.title", lang, day=long_date(day, lang)))
        if data is None:
            self.updated.setText(tr("admin.loading", lang))
            for card in self.cards.values():
                card.show_figure("", tr("admin.none", lang))
            self._caption_cards()
            return
        self.updated.setText(
            tr(
                "admin.dash.updated",
                lang,
                t=tx.local_time(data.read_at, self.ctx.tz, lang, seconds=True),
            )
        )
        totals = data.summary.totals
        for key in ("issued", "waiting", "at_counter", "done", "no_show"):
            self.cards[key].show_figure(
                tr(f"admin.dash.{key}", lang), tx.count(getattr(totals, key), lang)
            )
        self._durations(self.cards["wait"], "admin.dash.wait", data.summary.wait)
        self._durations(
            self.cards["service_time"], "admin.dash.service_time", data.summary.service_time
        )
        self._ikm(self.cards["ikm_today"], "admin.dash.ikm_today", data.ikm_today)
        self._ikm(self.cards["ikm_month"], "admin.dash.ikm_month", data.ikm_month)
        self.chart.show_hours(data.summary.issued_per_hour, lang)
        self.services_model.set_rows(data.summary.per_service)
        fit_height(self.services_view)
        self.counters_model.set_rows(data.summary.counters)
        self.alerts.clear()
        for alert in data.alerts:
            self.alerts.addItem(
                tr(
                    "admin.dash.printer_alert",
                    lang,
                    at=tx.local_datetime(alert.at, self.ctx.tz, lang),
                    source=alert.source,
                    state=tx.printer_word(alert.state, lang),
                )
            )
        self.alerts.setVisible(bool(data.alerts))
        self.alerts_ok.setVisible(not data.alerts)

    def _caption_cards(self) -> None:
        for key, card in self.cards.items():
            card.caption.setText(tr(f"admin.dash.{key}", self.lang))

    def _durations(self, card: StatCard, caption: str, d: Durations) -> None:
        lang = self.lang
        card.show_figure(
            tr(caption, lang),
            tx.minutes(d.mean_seconds, lang),
            tr("admin.dash.mean_p90", lang, p90=tx.minutes(d.p90_seconds, lang)),
        )

    def _ikm(self, card: StatCard, caption: str, result: IkmResult) -> None:
        lang = self.lang
        if result.ikm is None:
            card.show_figure(
                tr(caption, lang), tr("admin.none", lang), tr("admin.dash.ikm_none", lang)
            )
            return
        card.show_figure(
            tr(caption, lang),
            tx.number(result.ikm, lang),
            tr(
                "admin.dash.ikm_detail",
                lang,
                grade=result.grade or "",
                label=tx.grade_word(result.grade, result.label, lang),
                n=tx.count(result.respondents, lang),
            ),
            state=f"grade{result.grade}",
        )

    def figures(self) -> dict[str, str]:
        """The cards' values as shown (for tests)."""
        return {key: card.value.text() for key, card in self.cards.items()}
