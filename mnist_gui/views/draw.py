"""The Draw view: draw a digit (or put a test image or a picture on the canvas) and see
what the network sees, what it answers and whether it calls it a digit at all."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QHideEvent,
    QImage,
    QImageIOHandler,
    QImageReader,
    QKeySequence,
    QPainter,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.reading import DIGIT, NOT_A_DIGIT, UNSURE, Reading, read_canvas
from mnist_gui import numbers
from mnist_gui.canvas import DEFAULT_PEN, MAX_PEN, MIN_PEN, DrawingCanvas, qimage_array
from mnist_gui.help import HintBanner
from mnist_gui.own_digits import OwnDigitsPanel
from mnist_gui.session import Session
from mnist_gui.settings import CheckedSettings
from mnist_gui.steps_view import StepsView
from mnist_gui.widgets import rich_tip

#: Least time between two answers while a stroke is being drawn (ms); each stroke's end is
#: answered at once.
ANSWER_MS = 30
#: An image file larger than this (pixels, longer side) is decoded scaled down to it: the
#: canvas is 280 pixels wide, and a camera's photo would take a second and 100 MB.
MAX_IMAGE_SIDE = 1120
#: Memory an image may take to decode when Qt sets no allocation limit (MB; Qt's default limit).
DEFAULT_DECODE_MB = 256
#: Settings keys.
PEN_KEY, IMAGES_KEY = "draw/pen_width", "paths/images"


class DrawView(QWidget):
    """Draw a digit and see the network's answer change as you draw.

    Every answer is :func:`core.reading.read_canvas` of the canvas
    (:meth:`DrawingCanvas.network_array_or_image`) with ``session.live_model``: during a
    run, the network after its last completed epoch; otherwise the current network. While
    a stroke is drawn the answer is recomputed at most every :data:`ANSWER_MS`, and once
    more when the stroke ends.

    Parameters
    ----------
    session : Session

    Attributes
    ----------
    canvas : DrawingCanvas
    reading : core.reading.Reading or None
        The last answer.
    source_label : QLabel
        Which network answers ("Answered by run 3: 784-30-10, after epoch 4 (training)").
    own_digits : mnist_gui.own_digits.OwnDigitsPanel
        Save the drawing to the user's own digits; correct the network.
    undo_action, redo_action, clear_action, load_test_action, random_test_action, open_image_action : QAction
        The view's commands with their shortcuts (Ctrl+Z; Ctrl+Shift+Z; Esc and Delete;
        Ctrl+R for a random test image; Ctrl+Shift+O), for the window's menus. Undo, redo
        and clear work only while the view is shown.

    Signals
    -------
    reading_changed(object)
        A new :class:`~core.reading.Reading` (also :attr:`reading`).
    """

    reading_changed = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.reading: Reading | None = None
        self._image_folder = ""
        self._answer_timer = QTimer(self)
        self._answer_timer.setSingleShot(True)
        self._answer_timer.setInterval(ANSWER_MS)
        self._answer_timer.timeout.connect(self.refresh)

        self.canvas = DrawingCanvas()
        self.canvas.image_changed.connect(self._on_canvas_image_changed)
        self.canvas.history_changed.connect(self._update_actions)
        self.canvas.file_dropped.connect(self.open_image)
        self._build_actions()

        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.setToolTip(self.tr("Take back the last stroke, clear or image (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_action.trigger)
        self.redo_button = QPushButton(self.tr("&Redo"))
        self.redo_button.setToolTip(self.tr("Do again what Undo took back (Ctrl+Shift+Z)"))
        self.redo_button.clicked.connect(self.redo_action.trigger)
        self.clear_button = QPushButton(self.tr("&Clear"))
        self.clear_button.setToolTip(self.tr("Erase the drawing (Esc, Delete or a right click; undoable)"))
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        for button in (self.undo_button, self.redo_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(MIN_PEN, MAX_PEN)
        self.pen_slider.setValue(DEFAULT_PEN)
        self.pen_slider.setToolTip(rich_tip(self.tr("Width of the pen in canvas pixels (a tablet pen's at medium "
                                                    "pressure). The network gets your strokes redrawn in proportion "
                                                    "to the digit's size, so thin and thick pens read alike.")))
        self.pen_slider.setAccessibleName(self.tr("Pen width"))
        self.pen_label = QLabel()
        self.pen_label.setMinimumWidth(self.pen_label.fontMetrics().horizontalAdvance("60 px") + 4)
        self.pen_slider.valueChanged.connect(self._on_pen_slider_value_changed)
        self._on_pen_slider_value_changed(self.pen_slider.value())
        pen = QHBoxLayout()
        pen.addWidget(QLabel(self.tr("Pen:")))
        pen.addWidget(self.pen_slider, 1)
        pen.addWidget(self.pen_label)

        self.test_index_spin = QSpinBox()
        self.test_index_spin.setRange(0, 0)
        self.test_index_spin.setToolTip(self.tr("Which MNIST test image to load, by its number (0 is the first); "
                                                "press Enter or Load"))
        self.test_index_spin.setAccessibleName(self.tr("Test image number"))
        self.test_index_spin.setKeyboardTracking(False)
        self.test_index_spin.editingFinished.connect(self._on_test_index_spin_editing_finished)
        self.load_test_button = QPushButton(self.tr("&Load"))
        self.load_test_button.setToolTip(self.tr("Put this MNIST test image on the canvas, scaled up, to edit it"))
        self.load_test_button.clicked.connect(self.load_test_action.trigger)
        self.random_test_button = QPushButton(self.tr("R&andom"))
        self.random_test_button.setToolTip(self.tr("Put a random MNIST test image on the canvas (Ctrl+R)"))
        self.random_test_button.clicked.connect(self.random_test_action.trigger)
        self.open_image_button = QPushButton(self.tr("Open &Image File…"))
        self.open_image_button.setToolTip(rich_tip(self.tr(
            "Read a PNG or JPEG picture of a handwritten digit (Ctrl+Shift+O); you can also drop one on the canvas. "
            "Dark ink on paper works too.")))
        self.open_image_button.clicked.connect(self.open_image_action.trigger)
        test_row = QHBoxLayout()
        test_row.addWidget(QLabel(self.tr("Test image:")))
        test_row.addWidget(self.test_index_spin)
        test_row.addWidget(self.load_test_button)
        test_row.addWidget(self.random_test_button)
        test_row.addStretch(1)
        source = QGroupBox(self.tr("From the data set or a file"))
        source_layout = QVBoxLayout(source)
        source_layout.addLayout(test_row)
        source_layout.addWidget(self.open_image_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setMaximumWidth(self.canvas.width())
        self.message.setAccessibleName(self.tr("Message"))

        self.prediction = QLabel("–")
        font = self.prediction.font()
        font.setPointSize(56)
        font.setBold(True)
        self.prediction.setFont(font)
        self.prediction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prediction.setMinimumWidth(110)
        self.prediction.setAccessibleName(self.tr("The network's answer"))
        self.verdict_label = QLabel()
        verdict_font = self.verdict_label.font()
        verdict_font.setPointSize(verdict_font.pointSize() + 3)
        verdict_font.setBold(True)
        self.verdict_label.setFont(verdict_font)
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setAccessibleName(self.tr("Verdict"))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("Why"))
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet("color: #555;")
        self.source_label.setAccessibleName(self.tr("Network answering"))
        self.steps = StepsView()
        self.input_view = self.steps.input_view
        self.bars = self.steps.bars

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Draw a digit:")))
        left.addWidget(self.canvas)
        left.addLayout(buttons)
        left.addLayout(pen)
        left.addWidget(source)
        left.addWidget(self.message)
        left.addStretch(1)

        words = QVBoxLayout()
        words.addWidget(self.verdict_label)
        words.addWidget(self.detail)
        words.addStretch(1)
        answer = QHBoxLayout()
        answer.addWidget(self.prediction)
        answer.addLayout(words, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("It answers:")))
        right.addLayout(answer)
        right.addWidget(self.source_label)
        right.addWidget(QLabel(self.tr("How the network sees it:")))
        right.addWidget(self.steps, 1)
        hint = QLabel(self.tr("The answer is the output neuron with the highest activation. MNIST's digits were "
                              "scaled to fit 20 x 20 pixels and centred by their centre of mass; your drawing is "
                              "prepared the same way (your strokes redrawn with a pen in proportion to the digit's "
                              "size). A drawing with no digit's shape (a dot, a line, a blot, hatching, a full "
                              "canvas) is refused, and a weak or close answer is called unsure."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        right.addWidget(hint)
        self.own_digits = OwnDigitsPanel(session, self)  # "Your own digits": save, correct me
        right.addWidget(self.own_digits)
        right.addStretch(1)

        # The answer's column scrolls rather than squeezes its parts over each other when the
        # window is small (800 x 600); at the usual sizes it fits, and no scroll bar shows.
        right_widget = QWidget()
        right.setContentsMargins(0, 0, 0, 0)
        right_widget.setLayout(right)
        self.answer_scroll = QScrollArea()
        self.answer_scroll.setWidget(right_widget)
        self.answer_scroll.setWidgetResizable(True)
        self.answer_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.answer_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hint = HintBanner("draw")  # what to try first, until dismissed
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addSpacing(12)
        columns.addWidget(self.answer_scroll, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(columns, 1)

        session.model_changed.connect(self.refresh)
        session.preview_changed.connect(self.refresh)
        session.runs_changed.connect(self._show_source)  # a run starts or ends
        session.run_changed.connect(self._show_source)  # (renamed)
        session.data_changed.connect(self._on_session_data_changed)
        self._on_session_data_changed()
        self._update_actions()
        self.refresh()

    def _build_actions(self) -> None:
        def action(text, slot, shortcuts, tip):
            a = QAction(text, self)
            a.setShortcuts([QKeySequence(s) for s in shortcuts])
            a.setStatusTip(tip)
            a.setToolTip(tip)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.undo_action = action(self.tr("&Undo Stroke"), self.canvas.undo, ["Ctrl+Z"],
                                  self.tr("Take back the last stroke, clear or image on the canvas"))
        self.redo_action = action(self.tr("&Redo Stroke"), self.canvas.redo, ["Ctrl+Shift+Z", "Ctrl+Y"],
                                  self.tr("Do again what Undo took back"))
        self.clear_action = action(self.tr("&Clear Drawing"), self.clear, [Qt.Key.Key_Escape, Qt.Key.Key_Delete],
                                   self.tr("Erase the drawing on the Draw view (undoable)"))
        self.load_test_action = action(self.tr("Load &Test Image"), lambda: self.load_test_image(), [],
                                       self.tr("Put the chosen MNIST test image on the canvas, to edit it"))
        self.random_test_action = action(self.tr("Load R&andom Test Image"), self.load_random_test_image,
                                         ["Ctrl+R"], self.tr("Put a random MNIST test image on the canvas"))
        self.open_image_action = action(self.tr("Open &Image…"), self.open_image_dialog, ["Ctrl+Shift+O"],
                                        self.tr("Read a PNG or JPEG picture of a handwritten digit"))

    # -- public API -----------------------------------------------------------------------

    @Slot()
    def clear(self) -> None:
        """Erase the drawing (undoable)."""
        self.canvas.clear()
        self.message.clear()

    def load_test_image(self, index: int | None = None) -> bool:
        """Put test image ``index`` (by default the one in the spin box) of the session's
        data on the canvas, scaled up; False (and a message) if no data is loaded."""
        data = self._session.data
        if data is None or len(data.test) == 0:
            self._say(self.tr("The data set is not loaded yet: wait a moment and try again."), error=True)
            return False
        index = self.test_index_spin.value() if index is None else int(index)
        if not 0 <= index < len(data.test):
            self._say(self.tr("There is no test image {0}: the test set has {1} images (0 to {2}).")
                      .format(numbers.integer(index), numbers.integer(len(data.test)),
                              numbers.integer(len(data.test) - 1)), error=True)
            return False
        self.test_index_spin.setValue(index)
        self.canvas.set_image(data.test.images[index])
        self._say(self.tr("Test image {0}, labelled {1}. Draw on it to see the answer change.")
                  .format(numbers.integer(index), int(data.test.y[index])))
        return True

    def load_image(self, image: np.ndarray, text: str = "") -> None:
        """Put an image (``(28, 28)`` uint8, say one from Browse) on the canvas, scaled up, to
        draw on (undoable), and say ``text`` about it. Raises ValueError as
        :meth:`~mnist_gui.canvas.DrawingCanvas.set_image`."""
        self.canvas.set_image(image)
        self._say(text)

    @Slot()
    def load_random_test_image(self) -> bool:
        """Put a random test image on the canvas (see :meth:`load_test_image`)."""
        data = self._session.data
        if data is None or len(data.test) == 0:
            return self.load_test_image()
        return self.load_test_image(int(np.random.default_rng().integers(len(data.test))))

    @Slot()
    def open_image_dialog(self) -> None:
        """Ask for a PNG or JPEG file and open it (:meth:`open_image`)."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open image of a digit"), self._image_folder,
                                              self.tr("Images (*.png *.jpg *.jpeg);;All files (*)"))
        if path:
            self._image_folder = str(Path(path).parent)
            self.open_image(path)

    @Slot(str)
    def open_image(self, path: str | os.PathLike) -> bool:
        """Put a picture (PNG or JPEG; any size, either polarity) on the canvas, to be read.

        A transparent background counts as white paper. An unreadable file leaves the
        canvas as it was and says why under it; returns False then.
        """
        path = Path(path)
        reader = QImageReader(str(path))
        size = reader.size()  # from the file's header, nothing decoded yet
        if size.isValid() and max(size.width(), size.height()) > MAX_IMAGE_SIDE:  # a photo: decode it smaller
            reader.setScaledSize(size.scaled(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, Qt.AspectRatioMode.KeepAspectRatio))
        if size.isValid() and not self._decodable(reader, size, path):
            return False
        image = reader.read()
        if image.isNull():
            self._say(self.tr("Cannot read {0}: {1}. Open a PNG or JPEG picture of a digit.")
                      .format(path.name, reader.errorString()), error=True)
            return False
        if image.hasAlphaChannel():  # drawn on a transparent background: put it on white
            flat = QImage(image.size(), QImage.Format.Format_RGB32)
            flat.fill(QColor(255, 255, 255))
            painter = QPainter(flat)
            painter.drawImage(0, 0, image)
            painter.end()
            image = flat
        self.canvas.set_image(qimage_array(image.convertToFormat(QImage.Format.Format_Grayscale8)))
        shown = size if size.isValid() else image.size()  # (a format may give no size in its header)
        self._say(self.tr("Opened {0} ({1} x {2} pixels).").format(path.name, shown.width(), shown.height()))
        return True

    def _decodable(self, reader: QImageReader, size, path: Path) -> bool:
        """False (and a message) if decoding the picture would take more memory than Qt allows
        (its allocation limit, 256 MB by default): Qt would refuse it with a warning and only
        "Unable to read image data". JPEG is decoded at a reduced size (down to 1/8 of each side)
        when a scaled size is set; PNG is decoded whole, then scaled, so a 30,000 x 30,000 PNG
        needs 900 MB."""
        width, height = size.width(), size.height()
        if reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize) and reader.scaledSize().isValid():
            scaled = reader.scaledSize()
            width, height = max(scaled.width(), -(-width // 8)), max(scaled.height(), -(-height // 8))
        image_format = reader.imageFormat()
        bits = (QImage.toPixelFormat(image_format).bitsPerPixel()
                if image_format != QImage.Format.Format_Invalid else 32)
        needed = width * height * max(bits, 8) / 8 / 2**20  # MB
        limit = QImageReader.allocationLimit() or DEFAULT_DECODE_MB
        if needed <= limit:
            return True
        self._say(self.tr("Cannot open {0}: the picture is too large, {1} x {2} pixels ({3} MB to decode, more than "
                          "the {4} MB allowed). Scale it down (a digit needs a few hundred pixels at most) and open "
                          "it again.").format(path.name, numbers.integer(size.width()), numbers.integer(size.height()),
                                              numbers.fixed(needed, 0), numbers.integer(limit)), error=True)
        return False

    def save_settings(self, settings: QSettings) -> None:
        """Remember the pen width (``draw/pen_width``), the folder of the last image opened and
        whether the first-use hint was dismissed (``hints/draw_dismissed``)."""
        settings.setValue(PEN_KEY, self.pen_slider.value())
        self.hint.save_settings(settings)
        settings.setValue(IMAGES_KEY, self._image_folder)

    def restore_settings(self, settings: QSettings | CheckedSettings) -> None:
        """Set the pen width, the image folder and the hint as they were left; a missing or unusable
        value gives the default (and is recorded, see :class:`~mnist_gui.settings.CheckedSettings`).
        Never raises."""
        checked = CheckedSettings.wrap(settings)
        self.pen_slider.setValue(checked.read_int(PEN_KEY, DEFAULT_PEN, MIN_PEN, MAX_PEN))
        self._image_folder = checked.read_str(IMAGES_KEY, "", shown=self.tr("none")) or ""
        self.hint.restore_settings(checked)

    @Slot()
    def refresh(self) -> None:
        """Answer the drawing with the session's live network, now."""
        self._answer_timer.stop()
        model = self._session.live_model
        reading = read_canvas(model, self.canvas.network_array_or_image())
        seen = None
        if model is not None and reading.input is not None:
            seen = model.prepare(reading.input[None, :])[0]  # what it consumes (binarized if it is)
        self.steps.set_reading(reading, seen)
        self._show_verdict(reading)
        self._show_source()
        self.reading = reading
        self.reading_changed.emit(reading)

    @Slot()
    def _show_source(self, *_) -> None:  # (also from run_changed(Run))
        """Say which network answers: during a run, its latest epoch's (see Session.live_model)."""
        session = self._session
        preview, run = session.preview, session.training_run
        if preview is not None:
            epochs = len(preview.metadata.get("history") or [])
            name = run.name if run is not None else self.tr("the run in progress")
            text = self.tr("Answered by {0}, after epoch {1} (training)").format(name, epochs)
        elif session.model is None:
            text = self.tr("No network to answer with yet.")
        elif run is not None:
            text = self.tr("Answered by {0} (until {1} completes its first epoch)").format(session.model_name, run.name)
        else:
            text = self.tr("Answered by {0}").format(session.model_name)
        self.source_label.setText(text)

    # -- the answer -----------------------------------------------------------------------

    def _show_verdict(self, reading: Reading) -> None:
        digit, activations = reading.digit, reading.activations
        if reading.verdict == NOT_A_DIGIT or digit is None:
            self.prediction.setText("–")
            self.prediction.setStyleSheet("")
        else:
            self.prediction.setText(str(digit))
            self.prediction.setStyleSheet("color: #999;" if reading.verdict == UNSURE else "")
        verdict, detail = self._words(reading)
        if reading.verdict == NOT_A_DIGIT and digit is not None:
            verdict += " " + self.tr("(The network alone would answer {0}.)").format(digit)
        self.verdict_label.setText(verdict)
        self.detail.setText(detail)
        if activations is not None and reading.verdict != NOT_A_DIGIT:
            self.prediction.setToolTip(self.tr("activation {0}").format(numbers.fixed(activations[digit], 2)))
        else:
            self.prediction.setToolTip("")

    def _words(self, reading: Reading) -> tuple[str, str]:
        """(the verdict, what it means or what to do), in words."""
        a, digit = reading.activations, reading.digit
        if reading.verdict == DIGIT:
            return (self.tr("It is a {0}.").format(digit),
                    self.tr("activation {0}").format(numbers.fixed(a[digit], 2)))
        if reading.verdict == UNSURE:
            if reading.reason == "close second" and a is not None:
                second = reading.runner_up
                return (self.tr("Unsure: a {0} or a {1}?").format(digit, second),
                        self.tr("The two strongest activations are close: {0} and {1}.")
                        .format(numbers.fixed(a[digit], 2), numbers.fixed(a[second], 2)))
            if reading.reason == "low confidence" and a is not None:
                return (self.tr("Unsure: perhaps a {0}.").format(digit),
                        self.tr("Its strongest activation is only {0}; a clear digit gives nearly 1.")
                        .format(numbers.fixed(a[digit], 2)))
            if reading.reason == "no network":
                return self.tr("Unsure: there is no network to ask."), self.tr("Load or train a network.")
            return self.tr("Unsure ({0}).").format(reading.reason), ""
        words = {
            "empty": (self.tr("Nothing drawn yet."), self.tr("Draw a digit")),
            "dot": (self.tr("Not a digit: a dot."), self.tr("Draw it larger")),
            "blot": (self.tr("Not a digit: a blot of ink."),
                     self.tr("Draw the digit's strokes, larger or with a thinner pen")),
            "line": (self.tr("Not a digit: a straight line, too flat or leaning the wrong way for a one."),
                     self.tr("A one stands nearly upright; draw a whole digit")),
            "hatching": (self.tr("Not a digit: hatching (strokes crossing each other)."),
                         self.tr("Clear (Esc) and draw one digit")),
            "scattered": (self.tr("Not a digit: several separate pieces."),
                          self.tr("Clear (Esc) and draw one digit, its strokes joined")),
            "dense": (self.tr("Not a digit: a dense mass of ink."),
                      self.tr("Clear (Esc) and draw one digit with a thinner pen")),
            "hairline": (self.tr("Not a digit: strokes too thin for their size."),
                         self.tr("Draw with a wider pen")),
            "crossed lines": (self.tr("Not a digit: straight strokes crossing (an X, a +, a #)."),
                              self.tr("Clear (Esc) and draw one digit")),
            "zigzag": (self.tr("Not a digit: a zigzag, back and forth."),
                       self.tr("Clear (Esc) and draw one digit")),
            "scribble": (self.tr("Not a digit: a scribble."), self.tr("Clear (Esc) and draw one digit")),
            "full": (self.tr("Not a digit: ink over most of the canvas."),
                     self.tr("Clear (Esc) and draw one digit with space around it")),
        }
        return words.get(reading.reason, (self.tr("Not a digit ({0}).").format(reading.reason),
                                          self.tr("Clear (Esc) and draw one digit")))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #555;")
        self.message.setText(text)

    # -- slots ----------------------------------------------------------------------------

    @Slot()
    def _on_canvas_image_changed(self) -> None:
        if self.canvas.is_drawing():
            if not self._answer_timer.isActive():
                self._answer_timer.start()  # at most one answer per ANSWER_MS while drawing
        else:
            self.refresh()  # a stroke's end, a clear, undo, an image: answer at once

    @Slot(int)
    def _on_pen_slider_value_changed(self, value: int) -> None:
        self.canvas.set_pen_width(value)
        self.pen_label.setText(self.tr("{0} px").format(value))

    @Slot()
    def _on_test_index_spin_editing_finished(self) -> None:
        if self.test_index_spin.hasFocus():  # Enter in the field (not just leaving it)
            self.load_test_image()

    @Slot()
    def _on_session_data_changed(self) -> None:
        data = self._session.data
        n = 0 if data is None else len(data.test)
        self.test_index_spin.setRange(0, max(n - 1, 0))
        for widget in (self.test_index_spin, self.load_test_button, self.random_test_button):
            widget.setEnabled(n > 0)
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        shown = self.isVisible()
        self.undo_action.setEnabled(shown and self.canvas.can_undo())
        self.redo_action.setEnabled(shown and self.canvas.can_redo())
        self.clear_action.setEnabled(shown)  # Esc and Delete clear only where the drawing is seen
        self.undo_button.setEnabled(self.canvas.can_undo())
        self.redo_button.setEnabled(self.canvas.can_redo())
        has_data = self._session.data is not None and len(self._session.data.test) > 0
        self.load_test_action.setEnabled(has_data)
        self.random_test_action.setEnabled(has_data)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_actions()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._update_actions()
