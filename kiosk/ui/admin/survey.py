"""The satisfaction survey over a period: the IKM with its grade (mutu pelayanan) and the
sample's adequacy, each unsur's NRR as a chart and a table, the respondents' profile and
their suggestions; sliced by service, counter and profile (gender, education, occupation,
age).

Every figure comes from the facade's ``ikm``/``survey_profile``/``suggestions``, which count
and sum in SQL: a year of responses is never loaded. What is read, and the query the
filters make, is in ``survey_reads.py``; this module shows it.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from dataclasses import replace

from PySide6.QtCharts import (
    QHorizontalBarSeries,
)
from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.survey.definitions import EDUCATION, GENDERS, OCCUPATIONS
from kiosk.survey.model import SurveyFilter
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import (
    ALL_CODES,
    BarChartView,
    Context,
    Tab,
    chosen_code,
    chosen_counter,
    counter_items,
    date_edit,
    fit_columns,
    from_qdate,
    localise_chart,
    panel,
    service_items,
    set_combo_items,
    tab_layout,
    table_view,
    to_qdate,
)
from kiosk.ui.admin.models import elements_model, profile_model
from kiosk.ui.admin.survey_reads import (
    SurveyData,
    SurveyDetails,
    SurveyQuery,
    preset_period,
    profile_rows,
    read_details,
    read_ikm,
)
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr

#: The newest suggestions listed (all of them are in the recap export): a year's worth,
#: wrapped line by line, would take the list a noticeable moment to lay out.
SHOWN_SUGGESTIONS = 500


#: An unsur's axis label wraps at word boundaries into lines (at most LABEL_LINES) no
#: wider than LABEL_CHARS: Qt elides a wider label ("U2 Sistem, Mekan...").
LABEL_LINES = 2
LABEL_CHARS = 22
#: The unsur labels' size against the window's text.
LABEL_SCALE = 0.8


def wrap_label(text: str) -> str:
    """``text`` as an axis label in as few lines as fit (Qt's axis labels take HTML breaks)."""
    lines = textwrap.wrap(text, LABEL_CHARS, max_lines=LABEL_LINES, placeholder=" …")
    return "<br>".join(html.escape(line) for line in lines)


class NrrChart(BarChartView):
    """Each unsur's NRR as a horizontal bar on the survey's scale (U1 on top); one series,
    updated in place."""

    def __init__(self) -> None:
        series = QHorizontalBarSeries()
        super().__init__(
            "NrrChart", series, bar_label="NRR", label_color=QColor("#FFFFFF"), horizontal=True
        )
        self.values: dict[str, float] = {}
        self._y, self._x = self._categories, self._values
        series.setBarWidth(0.65)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        series.setLabelsPrecision(3)
        self._x.setRange(1.0, 4.0)
        self._x.setTickCount(4)

    def show_result(self, data: SurveyData | None, lang: str) -> None:
        localise_chart(self._chart, lang)
        self.clear_bars()
        if data is None:
            self.values = {}
            self._y.clear()
            return
        definition = data.definition
        scores = list(reversed(data.result.elements))  # Qt draws the first category lowest
        self.values = {e.code: e.nrr for e in data.result.elements if e.nrr is not None}
        names = []
        for e in scores:
            try:
                element = definition.element(e.code)
                name = element.name_en if lang == "en" else element.name_id
            except KeyError:
                name = e.name_id
            names.append(wrap_label(f"{e.code} {name}"))
        font = QFont(self.font())  # the window's size, a little smaller: two lines fit
        font.setPixelSize(max(1, round(QFontInfo(font).pixelSize() * LABEL_SCALE)))
        if self._y.labelsFont() != font:
            self._y.setLabelsFont(font)
        if self._y.categories() != names:
            self._y.clear()
            self._y.append(names)
        self._bars.append([float(e.nrr or 0.0) for e in scores])
        self._x.setRange(float(definition.scale_min), float(definition.scale_max))
        self._x.setTickCount(definition.scale_max - definition.scale_min + 1)


class SurveyTab(Tab):
    #: The IKM of the current filters is on screen (the profile may still be coming).
    ikm_shown = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("SurveyTab")
        self.data: SurveyData | None = None
        self._details: SurveyDetails | None = None
        today = ctx.today()
        self.preset = QComboBox()
        self.preset.setObjectName("SurveyPreset")
        self.date_from = date_edit("SurveyFrom")
        self.date_to = date_edit("SurveyTo")
        first, last = preset_period("this_month", today) or (today, today)
        self.date_from.setDate(to_qdate(first))
        self.date_to.setDate(to_qdate(last))
        self.service = QComboBox()
        self.service.setObjectName("SurveyService")
        self.counter = QComboBox()
        self.counter.setObjectName("SurveyCounter")
        self.gender = QComboBox()
        self.education = QComboBox()
        self.occupation = QComboBox()
        self.age_min = QSpinBox()
        self.age_max = QSpinBox()
        for spin in (self.age_min, self.age_max):
            spin.setRange(0, 120)
            spin.setSpecialValueText("–")
        self._labels = {
            key: label("FilterLabel")
            for key in (
                "period", "from", "to", "service", "counter",
                "gender", "education", "occupation", "age",
            )
        }  # fmt: skip
        row1 = QHBoxLayout()
        row2 = QHBoxLayout()
        for row, items in (
            (
                row1,
                (
                    ("period", self.preset),
                    ("from", self.date_from),
                    ("to", self.date_to),
                    ("service", self.service),
                    ("counter", self.counter),
                ),
            ),
            (
                row2,
                (
                    ("gender", self.gender),
                    ("education", self.education),
                    ("occupation", self.occupation),
                    ("age", self.age_min),
                ),
            ),
        ):
            row.setSpacing(8)
            for key, widget in items:
                row.addWidget(self._labels[key])
                row.addWidget(widget, 2 if key == "service" else 1)
        self._age_dash = label("FilterLabel")
        self._age_dash.setText("–")
        row2.addWidget(self._age_dash)
        row2.addWidget(self.age_max, 1)
        row2.addStretch(1)

        # the result
        self.ikm_caption = label("IkmCaption", wrap=True)
        self.ikm_value = label("IkmValue")
        self.ikm_grade = label("IkmGrade")
        self.ikm_label = label("IkmLabel", wrap=True)
        self.ikm_raw = label("TabNote", wrap=True)
        self.respondents = label("TabNote")
        self.sample = label("SampleNote", wrap=True)
        big = QHBoxLayout()
        big.addWidget(self.ikm_value)
        big.addWidget(self.ikm_grade)
        big.addStretch(1)
        self.ikm_panel, ikm_col = panel("IkmPanel")
        ikm_col.addWidget(self.ikm_caption)
        ikm_col.addLayout(big)
        ikm_col.addWidget(self.ikm_label)
        ikm_col.addWidget(self.ikm_raw)
        ikm_col.addWidget(self.respondents)
        ikm_col.addWidget(self.sample)

        self.elements = elements_model(self)
        self.elements_view = table_view("ElementsTable", stretch_last=False)
        self.elements_view.setModel(self.elements)
        fit_columns(self.elements_view, 0)
        left = QVBoxLayout()
        left.addWidget(self.ikm_panel)
        left.addWidget(self.elements_view, 1)

        self.chart = NrrChart()
        self.chart_title = label("PanelTitle")
        chart_panel, chart_col = panel()
        chart_col.addWidget(self.chart_title)
        chart_col.addWidget(self.chart, 1)

        self.profile = profile_model(self)
        self.profile_view = table_view("ProfileTable")
        self.profile_view.setModel(self.profile)
        fit_columns(self.profile_view, 1)
        self.profile_title = label("PanelTitle")
        self.suggestions = QStringListModel(self)
        self.suggestions_view = QListView()
        self.suggestions_view.setObjectName("SuggestionsList")
        self.suggestions_view.setModel(self.suggestions)
        self.suggestions_view.setWordWrap(True)
        self.suggestions_view.setUniformItemSizes(False)
        self.suggestions_title = label("PanelTitle")
        right_panel, right = panel()
        right.addWidget(self.profile_title)
        right.addWidget(self.profile_view, 3)
        right.addWidget(self.suggestions_title)
        right.addWidget(self.suggestions_view, 2)

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addLayout(left, 0, 0)
        grid.addWidget(chart_panel, 0, 1)
        grid.addWidget(right_panel, 0, 2)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 5)
        grid.setColumnStretch(2, 4)

        col = tab_layout(self)
        col.setSpacing(8)
        col.addLayout(row1)
        col.addLayout(row2)
        col.addLayout(grid, 1)

        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        for combo in (self.service, self.counter, self.gender, self.education, self.occupation):
            combo.currentIndexChanged.connect(self.apply_filters)
        for spin in (self.age_min, self.age_max):
            spin.valueChanged.connect(self.apply_filters)
        self.set_language(ctx.lang)

    # -- filters -----------------------------------------------------------------------------------
    def query(self) -> SurveyQuery:
        age_min = self.age_min.value() or None
        age_max = self.age_max.value() or None
        return SurveyQuery(
            from_qdate(self.date_from.date()),
            from_qdate(self.date_to.date()),
            chosen_code(self.service),
            chosen_counter(self.counter),
            SurveyFilter(
                gender=chosen_code(self.gender),
                education=chosen_code(self.education),
                occupation=chosen_code(self.occupation),
                age_min=age_min,
                age_max=age_max,
            ),
        )

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        """Choose dates (the period choice becomes "choose dates") and re-read."""
        self._set_dates(date_from, date_to)
        blocked = self.preset.blockSignals(True)
        self.preset.setCurrentIndex(max(0, self.preset.findData("custom")))
        self.preset.blockSignals(blocked)
        self.apply_filters()

    def _set_dates(self, date_from: dt.date, date_to: dt.date) -> None:
        for edit, day in ((self.date_from, date_from), (self.date_to, date_to)):
            blocked = edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(blocked)

    def _preset_chosen(self) -> None:
        period = preset_period(str(self.preset.currentData()), self.ctx.today())
        if period is not None:
            self._set_dates(*period)
            self.apply_filters()

    def _dates_changed(self) -> None:
        if self.date_to.date() < self.date_from.date():
            sender = self.sender()
            other = self.date_to if sender is self.date_from else self.date_from
            blocked = other.blockSignals(True)
            other.setDate(self.date_from.date() if other is self.date_to else self.date_to.date())
            other.blockSignals(blocked)
        blocked = self.preset.blockSignals(True)
        self.preset.setCurrentIndex(max(0, self.preset.findData("custom")))
        self.preset.blockSignals(blocked)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.refresh()

    # -- reading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Two reads: the IKM (shown as soon as it comes), then the profile and the
        suggestions; ``data_shown`` once both of the current filters are on screen."""
        super().refresh()
        q = self.query()
        backend = self.ctx.backend
        backend.read("survey", lambda o: read_ikm(o, q), self.show_data, self._refused)
        backend.read("survey.details", lambda o: read_details(o, q), self.show_details)

    def changed_elsewhere(self) -> bool:
        return self.query().date_to >= self.ctx.today()

    def _refused(self, error: Exception) -> None:
        self.sample.setText(tx.error_text(error, self.lang))

    def show_data(self, data: SurveyData) -> None:
        details = self._details if self._details and self._details.query == data.query else None
        self.data = replace(
            data,
            profile=details.profile if details else None,
            suggestions=details.suggestions if details else None,
        )
        self._fill()
        self.ikm_shown.emit()
        if details is not None:
            self.data_shown.emit()

    def show_details(self, details: SurveyDetails) -> None:
        self._details = details
        data = self.data
        if data is not None and data.query == details.query:
            self.data = replace(data, profile=details.profile, suggestions=details.suggestions)
            self._fill()
            self.data_shown.emit()

    # -- showing -----------------------------------------------------------------------------------
    def _fill(self) -> None:
        lang = self.lang
        data = self.data
        self.ikm_caption.setText(tr("admin.survey.ikm", lang))
        if data is None:
            self.ikm_value.setText(tr("admin.none", lang))
            self.ikm_grade.setText("")
            for w in (self.ikm_label, self.ikm_raw, self.respondents, self.sample):
                w.setText("")
            self.suggestions_title.setText(tr("admin.survey.suggestions", lang, n=0))
            return
        r = data.result
        self.ikm_value.setText(tx.number(r.ikm, lang))
        self.ikm_grade.setText(r.grade or "")
        set_state(self.ikm_panel, f"grade{r.grade}" if r.grade else "")
        if r.ikm is None:
            self.ikm_label.setText(tr("admin.survey.no_data", lang))
            self.ikm_raw.setText("")
        else:
            self.ikm_label.setText(
                tr(
                    "admin.survey.grade",
                    lang,
                    grade=r.grade or "",
                    label=tx.grade_word(r.grade, r.label, lang),
                )
            )
            self.ikm_raw.setText(tr("admin.survey.raw", lang, raw=tx.number(r.ikm_raw, lang, 3)))
        self.respondents.setText(
            tr("admin.survey.respondents", lang, n=tx.count(r.respondents, lang))
        )
        s = r.sample
        if s is None:
            self.sample.setText("")
            set_state(self.sample, "")
        elif s.met is None:
            self.sample.setText(tr("admin.survey.sample_na", lang))
            set_state(self.sample, "")
        else:
            self.sample.setText(
                tr(
                    "admin.survey.sample_met" if s.met else "admin.survey.sample_short",
                    lang,
                    n=tx.count(s.respondents, lang),
                    req=tx.count(s.required, lang),
                    pop=tx.count(s.population, lang),
                )
            )
            set_state(self.sample, "met" if s.met else "short")
        self.elements.set_rows(r.elements)
        self.chart.show_result(data, lang)
        if data.profile is None or data.suggestions is None:
            return  # the previous ones stay until these come
        self.profile.set_rows(profile_rows(data.profile))
        latest = list(reversed(data.suggestions[-SHOWN_SUGGESTIONS:]))
        if self.suggestions.stringList() != latest:
            self.suggestions.setStringList(latest)
        n = len(data.suggestions)
        self.suggestions_title.setText(
            tr("admin.survey.suggestions", lang, n=tx.count(n, lang))
            if n <= SHOWN_SUGGESTIONS
            else tr(
                "admin.survey.suggestions_some",
                lang,
                n=tx.count(n, lang),
                shown=tx.count(SHOWN_SUGGESTIONS, lang),
            )
        )

    def set_language(self, lang: str) -> None:
        for key, widget in self._labels.items():
            text_key = (
                f"admin.{key}"
                if key in ("from", "to", "service", "counter")
                else (f"admin.survey.{key}")
            )
            widget.setText(tr(text_key, lang))
        set_combo_items(
            self.preset, [(tr(f"admin.survey.preset.{p}", lang), p) for p in tx.SURVEY_PRESETS]
        )
        set_combo_items(self.service, service_items(self.ctx))
        set_combo_items(self.counter, counter_items(self.ctx))
        everyone: list[tuple[str, object]] = [(tr("admin.all", lang), ALL_CODES)]
        set_combo_items(self.gender, everyone + [(g, g) for g in GENDERS])
        set_combo_items(self.education, everyone + [(e, e) for e in EDUCATION])
        set_combo_items(self.occupation, everyone + [(o, o) for o in OCCUPATIONS])
        for spin in (self.age_min, self.age_max):
            spin.setSpecialValueText(
                tr("admin.survey.age_any", lang) if spin is self.age_min else "–"
            )
        self.chart_title.setText(tr("admin.survey.nrr_chart", lang))
        self.profile_title.setText(tr("admin.survey.profile", lang))
        self.elements.set_language(lang)
        self.profile.set_language(lang)
        self._fill()
