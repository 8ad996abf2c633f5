"""The Draw view: a canvas, the 28 x 28 input the network sees, its answer and activations."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.preprocess import mnist_like
from mnist_gui.canvas import DrawingCanvas
from mnist_gui.session import Session
from mnist_gui.widgets import ActivationBars, DigitView


class DrawView(QWidget):
    """Draw a digit and see the network's answer change as you draw.

    The answer comes from ``session.live_model``: during a run, the network after its
    last completed epoch; otherwise the current network. The drawing is prepared as
    MNIST's digits were (:func:`core.preprocess.mnist_like`) before the network sees it.

    Parameters
    ----------
    session : Session
    """

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.canvas = DrawingCanvas()
        self.canvas.image_changed.connect(self._on_canvas_image_changed)
        self.clear_button = QPushButton(self.tr("&Clear"))
        self.clear_button.setToolTip(self.tr("Erase the drawing (Esc)"))
        self.clear_button.clicked.connect(self.canvas.clear)

        self.input_view = DigitView(140)
        self.input_view.setToolTip(self.tr(
            "The 28 x 28 input the network actually sees: your ink cropped, scaled\n"
            "to fit 20 x 20 and centred by its centre of mass, as MNIST was made."))
        self.prediction = QLabel("–")
        font = self.prediction.font()
        font.setPointSize(56)
        font.setBold(True)
        self.prediction.setFont(font)
        self.prediction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prediction.setMinimumWidth(110)
        self.detail = QLabel(self.tr("Draw a digit"))
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bars = ActivationBars()

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Draw a digit, large and centred:")))
        left.addWidget(self.canvas)
        left.addWidget(self.clear_button, alignment=Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)

        seen = QVBoxLayout()
        seen.addWidget(QLabel(self.tr("The network sees:")))
        seen.addWidget(self.input_view)
        seen.addStretch(1)
        answer = QVBoxLayout()
        answer.addWidget(QLabel(self.tr("It answers:")))
        answer.addWidget(self.prediction)
        answer.addWidget(self.detail)
        answer.addStretch(1)
        top_right = QHBoxLayout()
        top_right.addLayout(seen)
        top_right.addSpacing(16)
        top_right.addLayout(answer)
        top_right.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(top_right)
        right.addWidget(QLabel(self.tr("Output activations:")))
        right.addWidget(self.bars)
        self.bars.setMaximumHeight(300)
        hint = QLabel(self.tr("The answer is the output neuron with the highest activation. MNIST's digits were "
                              "scaled to fit 20 x 20 pixels and centred by their centre of mass; your drawing is "
                              "prepared the same way before the network sees it."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        right.addWidget(hint)
        right.addStretch(1)

        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addSpacing(12)
        layout.addLayout(right, 1)

        session.model_changed.connect(self.refresh)
        session.preview_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def clear(self) -> None:
        """Erase the drawing."""
        self.canvas.clear()

    @Slot()
    def _on_canvas_image_changed(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Answer the drawing with the session's live network."""
        drawing = self.canvas.network_array()  # None if empty or only a dot
        x = None if drawing is None else mnist_like(drawing)  # (784,) float32
        model = self._session.live_model
        if x is None or model is None:
            self.input_view.set_image(None)
            self.prediction.setText("–")
            self.detail.setText(self.tr("Draw a digit") if self.canvas.is_empty() else self.tr("Draw it larger"))
            self.bars.set_activations(None)
            return
        seen = model.prepare(x[None, :])[0]  # what the network consumes (binarized if it is)
        activations = model.feedforward(x[None, :])[0]  # (10,)
        digit = int(np.argmax(activations))
        self.input_view.set_image(seen)
        self.prediction.setText(str(digit))
        self.detail.setText(self.tr("activation {0}").format(f"{activations[digit]:.2f}"))
        self.bars.set_activations(activations)
