"""Help for newcomers: a short help page per view (F1, or the "?" button) and the first-use hints.

Each of the three views (Draw, Train, Browse) has a page saying what the view shows, what to
try and which ideas are at work, with links to the matching chapters of Michael Nielsen's
*Neural Networks and Deep Learning* (http://neuralnetworksanddeeplearning.com), which the
app follows. :class:`HelpDialog` shows the page of one view in a ``QTextBrowser``; its links
open in the system's web browser.

:class:`HintBanner` is the slim, dismissable strip at the top of each view that says what to
try first. A view remembers a dismissed hint under ``hints/<view>_dismissed`` (see
:func:`hint_key`), read back through :class:`~mnist_gui.settings.CheckedSettings`;
``mnist-gui --reset-settings`` forgets it, and the hint shows again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["BOOK", "VIEWS", "HelpDialog", "HintBanner", "chapter_url", "help_button", "help_html", "help_title",
           "hint_key", "hint_text"]

#: The book's address; chapter ``n`` is at ``{BOOK}/chap{n}.html``.
BOOK = "http://neuralnetworksanddeeplearning.com"

#: The views that have a help page and a hint, in the order of the window's tabs.
VIEWS = ("draw", "train", "browse")


def chapter_url(n: int) -> str:
    """The address of chapter ``n`` (1 to 6) of Nielsen's book."""
    return f"{BOOK}/chap{n}.html"


def _check(view: str) -> None:
    if view not in VIEWS:
        raise ValueError(f"no help for view {view!r}: expected one of {', '.join(VIEWS)}")


def help_title(view: str) -> str:
    """The window title of ``view``'s help page ("Help: the Draw view"). Raises ValueError
    for a view not in :data:`VIEWS`."""
    _check(view)
    return {"draw": QCoreApplication.translate("help", "Help: the Draw view"), "train": QCoreApplication.translate("help", "Help: the Train view"),
            "browse": QCoreApplication.translate("help", "Help: the Browse view")}[view]


def help_html(view: str) -> str:
    """The help page of ``view`` (one of :data:`VIEWS`) as HTML, translated: what the view
    shows, what to try, the ideas at work, and links to the book's chapters. Raises
    ValueError for another view."""
    _check(view)
    if view == "draw":
        body = QCoreApplication.translate("help", 
            "<h2>Draw: how the network reads a digit</h2>"
            "<p>Draw a digit on the black canvas with the mouse: as you draw, the network reads your drawing "
            "and answers. On the right, \"How the network sees it\" shows how your drawing is prepared, as "
            "MNIST's digits were: cropped to the ink, scaled into 20 x 20 pixels and centred in a 28 x 28 "
            "field. Those 784 numbers are what the network sees.</p>"
            "<h3>What to try</h3>"
            "<ul><li>Draw a 1, then add a bar at its top to make a 7, and watch the output bars move.</li>"
            "<li>Press <b>Random</b> to load a test image, then draw on it: how much ink does it take to change "
            "the answer?</li>"
            "<li>Draw something that is not a digit: the app says so rather than guess.</li>"
            "<li>Save a few of your own digits, then see in Browse how well the network reads your "
            "handwriting.</li></ul>"
            "<h3>The ideas</h3>"
            "<p><b>Sigmoid neuron.</b> Each neuron adds up its inputs, each times a weight, plus a bias: that is "
            "its <i>weighted input</i> z. It outputs σ(z) = 1 / (1 + e<sup>−z</sup>), a number between 0 and 1, "
            "its <i>activation</i>.</p>"
            "<p><b>Layers.</b> The 784 pixels feed the hidden neurons, which feed 10 output neurons, one per "
            "digit (a 784-30-10 network has 30 hidden neurons).</p>"
            "<p><b>Output activations.</b> The answer is the output neuron with the highest activation. A "
            "clear digit gives one activation near 1 and the others near 0; two close bars mean the network "
            "hesitates.</p>"
            "<h3>Read more</h3>"
            "<p>Nielsen, <i>Neural Networks and Deep Learning</i>, "
            "<a href=\"{ch1}\">chapter 1</a>: sigmoid neurons, the architecture of neural networks, and a "
            "simple network to classify handwritten digits.</p>")
    elif view == "train":
        body = QCoreApplication.translate("help", 
            "<h2>Train: watch a network learn</h2>"
            "<p>The form on the left sets up a new network and how it is trained. Press <b>Train</b>: the "
            "network starts from random weights, and the plots show its cost falling and its accuracy rising, "
            "epoch after epoch. The table lists every run, so that you can compare them; the right column shows "
            "the first layer's weights and how many neurons are saturated.</p>"
            "<h3>What to try</h3>"
            "<ul><li>Train with the default settings (the notebook's network, 784-15-10), then change one setting and train "
            "again.</li>"
            "<li>Set the learning rate to 0.01, then to 100: too small learns slowly, too large jumps "
            "around.</li>"
            "<li>Compare the quadratic and the cross-entropy cost, or N(0, 1) and N(0, 1/n_in) initial "
            "weights, and watch the saturation plot.</li>"
            "<li>Train on 1,000 images only (More options, Training images): the training accuracy climbs far "
            "above the validation accuracy, which stalls. That is overfitting; then try L2 lambda 5, or "
            "distortions.</li></ul>"
            "<h3>The ideas</h3>"
            "<p><b>Stochastic gradient descent.</b> The cost measures how wrong the network is. Each step "
            "takes a <i>mini-batch</i> of training images, computes how each weight should change to lower the "
            "cost (backpropagation), and moves the weights a little that way; the <i>learning rate</i> eta sets "
            "how far. One <i>epoch</i> is one pass over all the training images.</p>"
            "<p><b>Cost.</b> The quadratic cost learns slowly when an output neuron is <i>saturated</i> (its "
            "sigmoid stuck near 0 or 1 while wrong); the cross-entropy cost does not.</p>"
            "<p><b>Validation and test sets.</b> The network learns from the 50,000 training images only. "
            "The 10,000 validation images help choose settings and the best epoch; the 10,000 test images only "
            "report how well it does on digits it has never seen.</p>"
            "<p><b>Overfitting and regularization.</b> A network can learn the training images by heart and "
            "do worse on new ones. L2 regularization keeps the weights small; more training data (distorted "
            "copies of the images) helps too.</p>"
            "<p><b>Weight initialization.</b> Weights drawn from N(0, 1/n_in) keep the weighted inputs small, "
            "so the hidden neurons do not start saturated.</p>"
            "<h3>Read more</h3>"
            "<p>Nielsen, <i>Neural Networks and Deep Learning</i>: "
            "<a href=\"{ch1}\">chapter 1</a> (gradient descent, stochastic gradient descent, mini-batches, "
            "epochs, the learning rate); "
            "<a href=\"{ch2}\">chapter 2</a> (backpropagation); "
            "<a href=\"{ch3}\">chapter 3</a> (the cross-entropy cost, overfitting, validation data, L2 "
            "regularization, weight initialization, choosing hyper-parameters); "
            "<a href=\"{ch6}\">chapter 6</a> (expanding the training data with distortions).</p>")
    else:
        body = QCoreApplication.translate("help", 
            "<h2>Browse: where the network fails</h2>"
            "<p>The grid shows the test images (or another set) with the network's answers; a red cell is a "
            "mistake. Click an image to see it large with its output activations and, for a mistake, the "
            "hidden neurons that pushed it to the wrong answer. Below, the confusion matrix and a map of the "
            "set.</p>"
            "<h3>What to try</h3>"
            "<ul><li>Choose <b>Misclassified only</b> and <b>Highest cost first</b>: the most confident mistakes "
            "come first. Would you have read them right?</li>"
            "<li>Click a cell of the confusion matrix, say row 4, column 9, to see the fours read as "
            "nines.</li>"
            "<li>Open a mistake in Draw and fix it with a few strokes.</li>"
            "<li>Look at the map: many mistakes lie where two classes meet.</li></ul>"
            "<h3>The ideas</h3>"
            "<p><b>Test set.</b> Images the network never trained on: its accuracy there says how well it "
            "reads new digits.</p>"
            "<p><b>Confusion matrix.</b> Row = the true digit, column = the network's answer. The diagonal "
            "counts the right answers; every other cell counts one kind of mistake.</p>"
            "<p><b>Cost of an example.</b> How wrong the network is on one image: high when it is confidently "
            "wrong.</p>"
            "<p><b>Principal components.</b> The map projects the last hidden layer's activations on the two "
            "directions along which they vary most, so that images the network sees alike lie close "
            "together.</p>"
            "<h3>Read more</h3>"
            "<p>Nielsen, <i>Neural Networks and Deep Learning</i>: "
            "<a href=\"{ch1}\">chapter 1</a> (the digits a simple network gets wrong); "
            "<a href=\"{ch3}\">chapter 3</a> (overfitting, validation and test data); "
            "<a href=\"{ch6}\">chapter 6</a> (better networks, and the few digits even they miss).</p>")
    return body.format(ch1=chapter_url(1), ch2=chapter_url(2), ch3=chapter_url(3), ch6=chapter_url(6))


class HelpDialog(QDialog):
    """A window with the help page of one view (:func:`help_html`); not modal, so that the
    view stays usable beside it. Links open in the system's web browser.

    Attributes
    ----------
    view : str or None
        The view whose page is shown (one of :data:`VIEWS`), None before :meth:`show_view`.
    browser : QTextBrowser
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view: str | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)  # the book's chapters, in the system's browser
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(560, 620)

    def show_view(self, view: str) -> None:
        """Show the page of ``view`` (one of :data:`VIEWS`) and bring the window to the
        front. Raises ValueError for another view."""
        self.browser.setHtml(help_html(view))
        self.setWindowTitle(help_title(view))
        self.view = view
        self.show()
        self.raise_()
        self.activateWindow()

    def links(self) -> list[str]:
        """The addresses the shown page links to, in order."""
        document, found = self.browser.document(), []
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                href = it.fragment().charFormat().anchorHref()
                if href and (not found or found[-1] != href):
                    found.append(href)
                it += 1
            block = block.next()
        return found


def hint_key(view: str) -> str:
    """The settings key under which ``view``'s dismissed hint is remembered:
    ``hints/<view>_dismissed`` (a bool)."""
    _check(view)
    return f"hints/{view}_dismissed"


def hint_text(view: str) -> str:
    """What to try first on ``view`` (one of :data:`VIEWS`), translated."""
    _check(view)
    return {
        "draw": QCoreApplication.translate("help", "Draw a digit with the mouse: the network answers as you draw. F1 explains this view."),
        "train": QCoreApplication.translate("help", "Press Train and watch the cost fall and the accuracy rise; then change one setting, train "
                     "again and compare the curves."),
        "browse": QCoreApplication.translate("help", "Show the misclassified images: choose \"Misclassified only\" instead of \"All images\", "
                      "then click a cell of the confusion matrix to see which digits get mixed up."),
    }[view]


class HintBanner(QFrame):
    """A slim strip with what to try first on a view, and a "×" button that hides it for
    good (until the settings are reset).

    Parameters
    ----------
    view : str
        One of :data:`VIEWS`: gives the text (:func:`hint_text`) and the settings key
        (:func:`hint_key`).

    Attributes
    ----------
    label : QLabel
    close_button : QToolButton
    dismissed : bool
        Whether the user closed it (or it was remembered closed, :meth:`set_dismissed`).

    Signals
    -------
    dismissed_changed(bool)
    """

    dismissed_changed = Signal(bool)

    def __init__(self, view: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.key = hint_key(view)
        self.dismissed = False
        self.setObjectName("hintBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The tooltip colours of the palette: a pale strip in a light palette, a dark one in a dark palette.
        self.setStyleSheet("QFrame#hintBanner { background: palette(tooltip-base); color: palette(tooltip-text); "
                           "border: 1px solid palette(mid); border-radius: 3px; }")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.label = QLabel(hint_text(view))
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label.setToolTip(QCoreApplication.translate("help", "A tip for your first use of this view; press F1 or \"?\" for its help page."))
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(QCoreApplication.translate("help", "Hide this tip. It stays hidden at the next start "
                                         "(mnist-gui --reset-settings brings it back)."))
        self.close_button.setAccessibleName(QCoreApplication.translate("help", "Hide this tip"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    @Slot()
    def dismiss(self) -> None:
        """Hide the hint for good (until the settings are reset)."""
        self.set_dismissed(True)

    def set_dismissed(self, dismissed: bool) -> None:
        """Hide (True) or show (False) the hint, and remember which for :meth:`save_settings`."""
        dismissed = bool(dismissed)
        self.setVisible(not dismissed)
        if dismissed != self.dismissed:
            self.dismissed = dismissed
            self.dismissed_changed.emit(dismissed)

    def restore_settings(self, checked) -> None:
        """Hide the hint if it was dismissed before (``hints/<view>_dismissed``, read through a
        :class:`~mnist_gui.settings.CheckedSettings`; a bad value counts as not dismissed)."""
        self.set_dismissed(checked.read_bool(self.key, False, shown=QCoreApplication.translate("help", "shown")))

    def save_settings(self, settings) -> None:
        """Remember whether the hint was dismissed (a ``QSettings``)."""
        settings.setValue(self.key, self.dismissed)


def help_button(slot, parent: QWidget | None = None) -> QToolButton:
    """A small "?" button that calls ``slot`` (show the help page of the view shown)."""
    button = QToolButton(parent)
    button.setText("?")
    button.setAutoRaise(True)
    font = button.font()
    font.setBold(True)
    button.setFont(font)
    button.setToolTip(QCoreApplication.translate("help", "Help on this view: what it shows, what to try, and where to read more in Nielsen's "
                          "book (F1)"))
    button.setAccessibleName(QCoreApplication.translate("help", "Help on this view"))
    button.clicked.connect(slot)
    return button
