"""Plots that follow the light or dark palette of the system, as Qt's own widgets do.

pyqtgraph paints its views with fixed colours (by default a black background; the app used
white). :class:`PaletteFollowing` gives a pyqtgraph view the palette's colours when it is made
and again whenever the palette changes (``QEvent.PaletteChange``, ``ApplicationPaletteChange``,
as when the desktop switches between light and dark): the background is the palette's
``Base`` (the colour behind text fields and lists), axes, titles and legends a colour between
``Text`` and ``Base``, as pyqtgraph's soft grey is on white. The curves keep their own colours,
chosen to read on both.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette

#: How far the axes' colour is from the text colour toward the background (0: the text colour).
FOREGROUND_FADE = 0.35


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """The colour ``t`` of the way from ``a`` to ``b`` (0 gives ``a``, 1 gives ``b``), opaque."""
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def plot_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(background, foreground) for plots in ``palette``: its ``Base`` colour, and its
    ``Text`` colour faded toward it by :data:`FOREGROUND_FADE`."""
    background = palette.color(QPalette.ColorRole.Base)
    return background, blend(palette.color(QPalette.ColorRole.Text), background, FOREGROUND_FADE)


def is_dark(palette: QPalette) -> bool:
    """True for a palette whose text is lighter than its background (a dark theme)."""
    return palette.color(QPalette.ColorRole.Text).lightness() > palette.color(QPalette.ColorRole.Base).lightness()


def apply_palette(view: pg.GraphicsView) -> None:
    """Give ``view`` (a pyqtgraph PlotWidget or GraphicsLayoutWidget) its palette's colours:
    the background, and every axis (line, ticks, labels), plot title and legend text in its
    scene (see :func:`plot_colors`)."""
    background, foreground = plot_colors(view.palette())
    view.setBackground(background)
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem):
            item.setPen(foreground)
            item.setTextPen(foreground)
        elif isinstance(item, pg.LegendItem):
            item.setLabelTextColor(foreground)
            brush = item.brush()
            if brush.style() != Qt.BrushStyle.NoBrush:  # a legend's box: the background, as see-through as it was
                color = QColor(background)
                color.setAlpha(brush.color().alpha())
                item.setBrush(color)
        elif isinstance(item, pg.LabelItem) and item.text:
            item.setText(item.text, color=foreground)


class PaletteFollowing:
    """Mixin, before the pyqtgraph class (``class Plot(PaletteFollowing, pg.PlotWidget)``):
    the view takes the palette's colours now (call :meth:`follow_palette` once its axes and
    titles exist) and again at every palette change."""

    _follows_palette = False  # (class defaults: pyqtgraph's PlotWidget forwards unknown attributes)
    _shown_once = True

    def follow_palette(self) -> None:
        """Apply the palette's colours now (they are applied again at every palette change,
        and when the view is first shown, for the axes and titles added after this call)."""
        self._follows_palette = True
        self._shown_once = False
        apply_palette(self)

    def changeEvent(self, event: QEvent) -> None:
        """On a palette change (of the widget or the application): the new colours."""
        super().changeEvent(event)
        if (event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
                and self._follows_palette):
            apply_palette(self)

    def showEvent(self, event) -> None:
        """At the first show: the colours again, for what was added since :meth:`follow_palette`."""
        super().showEvent(event)
        if self._follows_palette and not self._shown_once:
            self._shown_once = True
            apply_palette(self)


class ThemedPlotWidget(PaletteFollowing, pg.PlotWidget):
    """A pyqtgraph PlotWidget in the palette's colours (see :class:`PaletteFollowing`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.follow_palette()


class ThemedLayoutWidget(PaletteFollowing, pg.GraphicsLayoutWidget):
    """A pyqtgraph GraphicsLayoutWidget in the palette's colours (see :class:`PaletteFollowing`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.follow_palette()
