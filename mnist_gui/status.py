"""SessionLabels: the status bar's permanent labels for the data set and the network."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from mnist_gui import numbers
from mnist_gui.numbers import percent as format_percent
from mnist_gui.session import Session


class SessionLabels(QWidget):
    """Two labels that follow the session: the data set in use ("Data: bundled MNIST",
    with its split sizes and SHA-256 as a tooltip) and the current network ("Network:
    784-800-10 (default model), test accuracy 98.93%", its repr as a tooltip).

    Parameters
    ----------
    session : Session
    """

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.data_label, self.model_label = QLabel(), QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.data_label)
        layout.addWidget(self.model_label)
        session.model_changed.connect(self.refresh)
        session.data_changed.connect(self.refresh)
        session.load_failed.connect(self.refresh)
        session.loading_changed.connect(self._on_session_loading_changed)
        self.refresh()

    @Slot(bool)
    def _on_session_loading_changed(self, loading: bool) -> None:
        directory = self._session.loading_directory
        if loading:
            self.data_label.setText(self.tr("Loading {0}…").format(directory or self.tr("bundled MNIST")))
        else:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Show the session's data set and network as they are now."""
        session, model, data = self._session, self._session.model, self._session.data
        self.data_label.setText(self.tr("Data: {0}").format(session.data_name()))
        if data is not None:
            self.data_label.setToolTip(self.tr("{0} training, {1} validation, {2} test images\nSHA-256 {3}").format(
                numbers.integer(len(data.train)), numbers.integer(len(data.validation)),
                numbers.integer(len(data.test)), data.sha256))
        if model is None:
            self.model_label.setText(self.tr("Network: none"))
            return
        text = self.tr("Network: {0} ({1})").format("-".join(map(str, model.layer_sizes)), session.model_name)
        evaluation = session.evaluation("test")
        if evaluation is not None:
            text += self.tr(", test accuracy {0}").format(format_percent(evaluation.accuracy))
        self.model_label.setText(text)
        self.model_label.setToolTip(repr(model))
