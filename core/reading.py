"""Read a canvas: what the network sees, what it answers, and whether that is a digit at all.

:func:`read_canvas` is the one way from a drawing to an answer, shared by the Draw view, the
tests and the benchmarks. It

1. takes the canvas as it comes (uint8 0..255 or float in [0, 1], any size) and decides its
   polarity from the border (:func:`is_ink_high`): dark ink on a light background, a photo
   of ink on paper, is inverted so that the ink is high, as in MNIST;
2. prepares it as MNIST's digits were made (:func:`core.preprocess.mnist_like_steps`: crop to
   the ink, scale into 20 x 20, centre by centre of mass in 28 x 28);
3. feeds that to the network for its ten output activations;
4. and gives a verdict: :data:`DIGIT`, :data:`UNSURE` (the network's top activation is low or
   close to the second) or :data:`NOT_A_DIGIT` (the ink has no digit's shape).

A network trained on MNIST always answers some digit, so the question "is this a digit?"
has to be asked of the ink itself. The shape features (:class:`Features`) are measured on
the ink in its 20 x 20 box, so that they do not depend on the canvas's size or where the
drawing sits, and each has a plain meaning: how much of the canvas is inked, how many
stroke widths the drawing spans, how elongated it is and in which direction, how many
separate pieces and enclosed holes it has, how many strokes a straight line through it
crosses. Every threshold below says which measured distribution it was set from (the
calibration is ``benchmarks/canvas_fidelity.py``).

Reasons (:attr:`Reading.reason`) for a verdict other than a digit:

=================  ==============  ==========================================================
reason             verdict         meaning
=================  ==============  ==========================================================
``empty``          not a digit     no ink (or an image of one uniform level, dark)
``full``           not a digit     ink over most of the canvas (or one uniform light level)
``dot``            not a digit     a small compact spot: it spans few stroke widths
``blot``           not a digit     a large filled shape: it spans few stroke widths
``line``           not a digit     a straight stroke tilted further than MNIST's ones are
``hatching``       not a digit     many separate pieces, or many strokes crossed by one line
``scribble``       not a digit     more enclosed holes than any digit has
``low confidence`` unsure          the network's top activation is low
``close second``   unsure          the second activation is close to the top one
``no network``     unsure          there is no network to ask
=================  ==============  ==========================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from core.preprocess import BOX, INK_THRESHOLD, mnist_like_steps

__all__ = [
    "DIGIT",
    "NOT_A_DIGIT",
    "UNSURE",
    "Features",
    "Reading",
    "canvas_features",
    "is_ink_high",
    "read_canvas",
    "to_unit_image",
]

DIGIT, UNSURE, NOT_A_DIGIT = "digit", "unsure", "not a digit"

# -- thresholds (see the module docstring and benchmarks/canvas_fidelity.py) ------------------

#: An image whose intensities span less than this (of the [0, 1] range) is one uniform level:
#: nothing is drawn on it.
UNIFORM_RANGE = 0.1
#: A border whose median intensity is above this is a light background (dark ink on paper).
LIGHT_BORDER = 0.5
#: Fraction of the canvas covered by ink (mean intensity) above which the drawing is "full".
FULL_FRACTION = 0.5
#: A drawing spanning fewer stroke widths than this is a spot, not strokes: a dot or a blot.
BLOT_WIDTHS = 2.8
#: A spot whose extent is below this fraction of the canvas's longer side is a dot.
DOT_FRACTION = 0.15
#: Elongation (minor over major axis of the ink's second moments) below which the ink is a line.
LINE_ELONGATION = 0.2
#: A line tilted further than this from the vertical (degrees) cannot be a one.
LINE_ANGLE = 45.0
#: More separate pieces of ink than this is hatching (or scattered ink).
MAX_PIECES = 3
#: More strokes crossed by one row or column of the box than this is hatching.
MAX_CROSSINGS = 4
#: More enclosed holes than this is a scribble (an 8 has two).
MAX_HOLES = 3
#: A top activation below this is "low confidence".
LOW_ACTIVATION = 0.3
#: A second activation within this of the top one is "close second".
CLOSE_SECOND = 0.1
#: Side (pixels) of the box the ink's topology is measured in.
TOPOLOGY_BOX = BOX


@dataclass(frozen=True, eq=False)
class Features:
    """Shape features of a drawing's ink, each scale-free (see :func:`canvas_features`).

    Attributes
    ----------
    ink_fraction : float
        Mean ink intensity over the whole canvas, in [0, 1]: the share of the canvas inked.
    box_fraction : float
        Mean ink intensity inside the scaled bounding box, in [0, 1].
    extent_fraction : float
        The ink's bounding box, longer side, as a fraction of the canvas's longer side.
    stroke_width : float
        Estimated stroke width in pixels of the 20 x 20 box: twice the ink's mass over its
        total variation (its perimeter); for a stroke of width w and length L, 2wL / 2L = w.
    extent_widths : float
        The box's longer side (20 pixels) in stroke widths: about 2 for a disc or a square,
        6 to 10 for MNIST's digits, 20 for a hairline.
    elongation : float
        sqrt(minor / major eigenvalue) of the ink's second moments, in [0, 1]: 0 for a
        straight hairline, 1 for a disc.
    angle : float
        Angle of the major axis from the vertical, degrees in [0, 90].
    pieces : int
        Separate pieces of ink (8-connected components of the box binarized at half its
        peak intensity).
    holes : int
        Enclosed holes (4-connected background regions not reaching the border).
    crossings : int
        The most separate strokes one row or one column of the binarized box crosses.
    """

    ink_fraction: float
    box_fraction: float
    extent_fraction: float
    stroke_width: float
    extent_widths: float
    elongation: float
    angle: float
    pieces: int
    holes: int
    crossings: int

    def as_dict(self) -> dict:
        """The features as a plain ``{name: value}`` dict (for tables and JSON)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True, eq=False)
class Reading:
    """The answer to one canvas (see :func:`read_canvas`).

    Attributes
    ----------
    verdict : str
        :data:`DIGIT`, :data:`UNSURE` or :data:`NOT_A_DIGIT`.
    reason : str
        "" for a digit, else a short key listed in the module docstring ("empty", "dot",
        "line", "low confidence", ...).
    digit : int or None
        The network's answer (the output with the highest activation), None when there is
        no input or no network.
    activations : ndarray, shape (10,), float64, or None
        The network's output activations, each in [0, 1], never NaN.
    input : ndarray, shape (784,), float32, or None
        What the network sees: :func:`core.preprocess.mnist_like` of the (inverted if need
        be) canvas, intensities in [0, 1].
    cropped : ndarray, shape (h, w), float32, or None
        The ink's bounding box on the canvas (after any inversion), in [0, 1].
    scaled : ndarray, shape (h2, w2), float32, or None
        ``cropped`` scaled to fit 20 x 20 (longer side 20), in [0, 1].
    inverted : bool
        The canvas was dark ink on a light background and was inverted.
    features : Features or None
        The shape features the verdict was decided on; None when there is no ink.
    """

    verdict: str
    reason: str
    digit: int | None
    activations: np.ndarray | None
    input: np.ndarray | None
    cropped: np.ndarray | None
    scaled: np.ndarray | None
    inverted: bool
    features: Features | None = field(default=None)


def to_unit_image(canvas: np.ndarray) -> np.ndarray:
    """A canvas as float64 intensities in [0, 1].

    Parameters
    ----------
    canvas : array_like, shape (h, w)
        uint8 (0..255), another integer type (read as 0..255), bool (0 or 1) or float
        (read as [0, 1]; values outside are clipped, NaN is 0, +inf is 1).

    Returns
    -------
    ndarray, shape (h, w), float64
        A new array, values in [0, 1].

    Raises
    ------
    ValueError
        The canvas is not two-dimensional or not numeric.
    """
    canvas = np.asarray(canvas)
    if canvas.ndim != 2:
        raise ValueError(f"expected a 2-D canvas, got shape {canvas.shape}.")
    if canvas.dtype == np.bool_:
        return canvas.astype(np.float64)
    if np.issubdtype(canvas.dtype, np.integer):
        return np.clip(canvas.astype(np.float64) / 255.0, 0.0, 1.0)
    if not np.issubdtype(canvas.dtype, np.floating):
        raise ValueError(f"expected a numeric canvas (uint8 or float), got dtype {canvas.dtype}.")
    image = np.nan_to_num(canvas.astype(np.float64), nan=0.0, posinf=1.0, neginf=0.0)
    return np.clip(image, 0.0, 1.0, out=image)


def _border(image: np.ndarray) -> np.ndarray:
    """The pixels of the outer ring of a 2-D image, 1-D (the whole image if it is tiny)."""
    h, w = image.shape
    ring = max(1, min(h, w) // 50)  # 5 px on a 280 x 280 canvas, 1 px on MNIST's 28 x 28
    if h <= 2 * ring or w <= 2 * ring:
        return image.ravel()
    return np.concatenate([image[:ring].ravel(), image[-ring:].ravel(),
                           image[ring:-ring, :ring].ravel(), image[ring:-ring, -ring:].ravel()])


def is_ink_high(canvas: np.ndarray) -> bool:
    """True if the canvas is light ink on a dark background (MNIST's polarity, the app's canvas).

    Decided from the border: the median intensity of the outer ring of pixels (a 50th of the
    shorter side wide, at least 1 pixel) is the background's; above :data:`LIGHT_BORDER` the
    background is light and the ink dark, as in a photo or a scan of ink on paper. A digit
    may touch the border; it would have to cover half of it to change the answer.

    Parameters
    ----------
    canvas : array_like, shape (h, w)
        uint8 0..255 or float in [0, 1] (see :func:`to_unit_image`).

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        The canvas is not two-dimensional or not numeric.
    """
    image = to_unit_image(canvas)
    if image.size == 0:
        return True
    return bool(np.median(_border(image)) <= LIGHT_BORDER)


def _label(mask: np.ndarray, eight: bool) -> np.ndarray:
    """Connected-component labels of a boolean image: each True pixel gets the smallest flat
    index in its component (8- or 4-connected), False pixels -1. Pure numpy: neighbours'
    labels are propagated with a minimum, accelerated by pointer jumping."""
    h, w = mask.shape
    big = h * w
    labels = np.where(mask, np.arange(big).reshape(h, w), big)
    shifts = [(-1, 0), (1, 0), (0, -1), (0, 1)]
    if eight:
        shifts += [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    padded = np.full((h + 2, w + 2), big)
    while True:
        padded[1:-1, 1:-1] = labels
        new = labels.copy()
        for dr, dc in shifts:
            np.minimum(new, padded[1 + dr:h + 1 + dr, 1 + dc:w + 1 + dc], out=new)
        new[~mask] = big
        flat = new.ravel()
        inside = flat < big
        flat[inside] = flat[flat[inside]]  # pointer jumping: take the label's own label
        if np.array_equal(new, labels):
            break
        labels = new
    return np.where(mask, labels, -1)


def _topology(box: np.ndarray) -> tuple[int, int, int]:
    """(pieces, holes, crossings) of a box image binarized at half its peak."""
    peak = float(box.max())
    ink = np.zeros((box.shape[0] + 2, box.shape[1] + 2), dtype=bool)
    ink[1:-1, 1:-1] = box > 0.5 * peak
    pieces = len(np.unique(_label(ink, eight=True)[ink]))
    background = _label(~ink, eight=False)
    # the padding ring is background and all of it is one region (label 0, the top-left corner)
    holes = len(np.unique(background[background > 0]))
    row_runs = np.count_nonzero(ink[:, 1:] & ~ink[:, :-1], axis=1).max()
    col_runs = np.count_nonzero(ink[1:, :] & ~ink[:-1, :], axis=0).max()
    return pieces, holes, int(max(row_runs, col_runs))


def canvas_features(image: np.ndarray, cropped: np.ndarray, scaled: np.ndarray) -> Features:
    """Measure the shape features of a drawing (see :class:`Features`).

    Parameters
    ----------
    image : ndarray, shape (h, w), float
        The whole canvas, ink high, in [0, 1].
    cropped : ndarray, shape (hc, wc), float
        Its ink's bounding box.
    scaled : ndarray, shape (h2, w2), float
        ``cropped`` scaled so that its longer side is 20 pixels, in [0, 1], with some ink.

    Returns
    -------
    Features
        Every value finite.
    """
    mass = float(scaled.sum())
    padded = np.pad(scaled, 1)
    gx = padded[:-1, 1:] - padded[:-1, :-1]
    gy = padded[1:, :-1] - padded[:-1, :-1]
    variation = float(np.sqrt(gx * gx + gy * gy).sum())
    stroke_width = 2.0 * mass / variation if variation > 0 else float(BOX)
    extent_widths = max(scaled.shape) / max(stroke_width, 1e-9)

    rows, cols = np.indices(scaled.shape)
    weights = scaled / mass
    mr, mc = float((rows * weights).sum()), float((cols * weights).sum())
    dr, dc = rows - mr, cols - mc
    # + 1/12: each pixel is a unit square, not a point (a one-pixel-wide line has width 1)
    srr = float((dr * dr * weights).sum()) + 1 / 12
    scc = float((dc * dc * weights).sum()) + 1 / 12
    src = float((dr * dc * weights).sum())
    half_trace, det = (srr + scc) / 2, srr * scc - src * src
    root = math.sqrt(max(half_trace * half_trace - det, 0.0))
    major, minor = half_trace + root, max(half_trace - root, 0.0)
    elongation = math.sqrt(minor / major) if major > 0 else 1.0
    # major axis direction: angle of the eigenvector from the row (vertical) axis
    angle = abs(math.degrees(0.5 * math.atan2(2 * src, srr - scc)))

    pieces, holes, crossings = _topology(scaled)
    return Features(
        ink_fraction=float(image.mean()),
        box_fraction=mass / scaled.size,
        extent_fraction=max(cropped.shape) / max(image.shape),
        stroke_width=stroke_width,
        extent_widths=extent_widths,
        elongation=elongation,
        angle=min(angle, 90.0),
        pieces=pieces,
        holes=holes,
        crossings=crossings,
    )


def shape_reason(features: Features) -> str:
    """The reason the ink is not a digit, from its shape alone; "" if it may be one.

    The rules, in order (thresholds in this module): ink over most of the canvas is "full";
    a drawing spanning fewer than :data:`BLOT_WIDTHS` stroke widths is a "dot" if small
    (below :data:`DOT_FRACTION` of the canvas) else a "blot"; a straight stroke tilted more
    than :data:`LINE_ANGLE` from the vertical is a "line" (a vertical one is a 1); more
    than :data:`MAX_PIECES` pieces or :data:`MAX_CROSSINGS` crossings is "hatching"; more
    than :data:`MAX_HOLES` holes is a "scribble".
    """
    if features.ink_fraction > FULL_FRACTION:
        return "full"
    if features.extent_widths < BLOT_WIDTHS:
        return "dot" if features.extent_fraction < DOT_FRACTION else "blot"
    if features.elongation < LINE_ELONGATION and features.angle > LINE_ANGLE:
        return "line"
    if features.pieces > MAX_PIECES or features.crossings > MAX_CROSSINGS:
        return "hatching"
    if features.holes > MAX_HOLES:
        return "scribble"
    return ""


def confidence_reason(activations: np.ndarray) -> str:
    """"low confidence" if the top activation is below :data:`LOW_ACTIVATION`, "close
    second" if the runner-up is within :data:`CLOSE_SECOND` of it, else ""."""
    top2 = np.sort(activations)[-2:] if len(activations) > 1 else np.array([0.0, activations[0]])
    if top2[1] < LOW_ACTIVATION:
        return "low confidence"
    if top2[1] - top2[0] < CLOSE_SECOND:
        return "close second"
    return ""


def _prepare(canvas: np.ndarray) -> tuple[np.ndarray, bool]:
    """The canvas as ink-high float64 in [0, 1] with its background at 0, and whether it
    was inverted. A canvas with a non-zero background (a photo) has the background level
    subtracted and the contrast stretched to its brightest ink."""
    image = to_unit_image(canvas)
    inverted = not is_ink_high(image)
    if inverted:
        image = 1.0 - image
    background = float(np.median(_border(image)))
    if background > 0.0:
        peak = float(image.max())
        image = np.clip((image - background) / max(peak - background, 1e-12), 0.0, 1.0)
    return image, inverted


def read_canvas(model, canvas: np.ndarray) -> Reading:
    """Read a drawing: the network's input and answer, and whether it is a digit at all.

    Parameters
    ----------
    model : core.mlp.MLP or None
        A network with 784 inputs (28 x 28) and 10 outputs; None gives the preprocessing
        and the shape verdict with no answer (verdict at best "unsure", "no network").
    canvas : array_like, shape (h, w)
        The drawing: uint8 0..255 or float in [0, 1] (see :func:`to_unit_image`), any size
        (the app's canvas is 280 x 280). Ink high (white on black, as MNIST) or ink low
        (dark on light, detected from the border by :func:`is_ink_high` and inverted).

    Returns
    -------
    Reading
        Never NaN: activations come from the network on a finite input (a network whose
        outputs are not finite gives "unsure", "no network", without activations).

    Raises
    ------
    ValueError
        The canvas is not two-dimensional (or not numeric).
    """
    image = to_unit_image(canvas)
    if image.size == 0 or float(image.max() - image.min()) < UNIFORM_RANGE:
        reason = "full" if image.size and float(image.mean()) >= LIGHT_BORDER else "empty"
        return Reading(NOT_A_DIGIT, reason, None, None, None, None, None, False)
    image, inverted = _prepare(image)
    steps = mnist_like_steps(image, INK_THRESHOLD)
    if steps is None:
        return Reading(NOT_A_DIGIT, "empty", None, None, None, None, None, inverted)
    features = canvas_features(image, steps.cropped, steps.scaled)

    activations = digit = None
    if model is not None:
        out = np.asarray(model.feedforward(steps.input[None, :])[0], dtype=np.float64)
        if np.isfinite(out).all():
            activations, digit = out, int(np.argmax(out))

    reason = shape_reason(features)
    if reason:
        verdict = NOT_A_DIGIT
    elif activations is None:
        verdict, reason = UNSURE, "no network"
    else:
        reason = confidence_reason(activations)
        verdict = UNSURE if reason else DIGIT
    return Reading(verdict, reason, digit, activations, steps.input,
                   steps.cropped.astype(np.float32), steps.scaled.astype(np.float32), inverted, features)
