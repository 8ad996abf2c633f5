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
``dot``            not a digit     a tiny mark, or a small spot a few stroke widths long
``blot``           not a digit     a large filled shape, a few stroke widths long
``scattered``      not a digit     several spots, or more separate pieces than a digit has
``line``           not a digit     a straight stroke tilted further than MNIST's ones are
``hatching``       not a digit     a straight line through it crosses many strokes
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

from core.preprocess import BOX, INK_THRESHOLD, area_resize, mnist_like_steps

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
#: Ink spanning less than this fraction of the canvas's longer side is a dot, whatever its shape.
DOT_FRACTION = 0.05
#: Pieces shorter than this, on average, in stroke widths (length_widths / pieces) are spots.
SPOT_LENGTH = 5.0
#: A spot spanning less than this fraction of the canvas's longer side is a dot, else a blot.
BLOT_FRACTION = 0.2
#: Elongation (minor over major axis of the ink's second moments) below which the ink is a line.
LINE_ELONGATION = 0.3
#: A line tilted further than this from the vertical (degrees) cannot be a one.
LINE_ANGLE = 50.0
#: More separate pieces of ink than this is scattered ink.
MAX_PIECES = 3
#: More strokes crossed by one row, column or diagonal than this is hatching.
MAX_CROSSINGS = 5
#: More enclosed holes than this is a scribble (an 8 has two).
MAX_HOLES = 2
#: Smallest hole counted, in pixels of the 20 x 20 box (smaller ones are pinholes where thick
#: strokes meet or grey levels dip, not loops).
MIN_HOLE_AREA = 1.5
#: A top activation below this is "low confidence".
LOW_ACTIVATION = 0.3
#: A second activation within this of the top one is "close second".
CLOSE_SECOND = 0.1
#: Largest side (pixels) of the image stroke widths and moments are measured on.
MEASURE_BOX = 40
#: Largest side (pixels) of the image the ink's topology is measured on.
TOPOLOGY_BOX = 40


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
        The bounding box's longer side in stroke widths: about 2 for a disc or a square,
        6 to 10 for MNIST's digits, 20 or more for a hairline.
    length_widths : float
        The strokes' total length in stroke widths (mass / width^2): about 1 for a disc,
        L / w for a straight stroke, 10 to 40 for MNIST's digits, more for a long scribble.
    elongation : float
        sqrt(minor / major eigenvalue) of the ink's second moments, in [0, 1]: 0 for a
        straight hairline, 1 for a disc.
    thickness : float
        The ink's spread across its major axis in stroke widths (sqrt(12 minor eigenvalue)
        / width): 1 for a straight stroke of any length, more for a curved or many-stroked
        drawing (about 1.7 for a disc).
    angle : float
        Angle of the major axis from the vertical, degrees in [0, 90].
    pieces : int
        Separate pieces of ink (8-connected components of the ink binarized at half its
        peak intensity, in its bounding box shrunk to at most 40 pixels a side).
    holes : int
        Enclosed holes (4-connected background regions of that image not reaching its border).
    crossings : int
        The most separate strokes one row, column or diagonal of that image crosses.
    """

    ink_fraction: float
    box_fraction: float
    extent_fraction: float
    stroke_width: float
    extent_widths: float
    length_widths: float
    elongation: float
    thickness: float
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


def _pool_any(mask: np.ndarray, side: int) -> np.ndarray:
    """A boolean image shrunk by an integer factor so that its longer side is at most ``side``:
    a cell is True if any pixel in its block is (max pooling keeps hairlines connected)."""
    h, w = mask.shape
    block = -(-max(h, w) // side)  # ceil
    if block == 1:
        return mask
    hp, wp = -(-h // block) * block, -(-w // block) * block
    padded = np.zeros((hp, wp), dtype=bool)
    padded[:h, :w] = mask
    return padded.reshape(hp // block, block, wp // block, block).any(axis=(1, 3))


def _crossings(ink: np.ndarray) -> int:
    """The most runs of ink along one row, column or diagonal of a zero-padded boolean image."""
    starts_row = ink[:, 1:] & ~ink[:, :-1]
    starts_col = ink[1:, :] & ~ink[:-1, :]
    starts_diag = ink[1:, 1:] & ~ink[:-1, :-1]  # along the main diagonal
    starts_anti = ink[1:, :-1] & ~ink[:-1, 1:]  # along the anti-diagonal
    r, c = np.indices(starts_diag.shape)
    best = max(int(starts_row.sum(axis=1).max()), int(starts_col.sum(axis=0).max()))
    if starts_diag.any():
        best = max(best, int(np.bincount((c - r + r.shape[0]).ravel(), starts_diag.ravel()).max()))
    if starts_anti.any():
        best = max(best, int(np.bincount((r + c).ravel(), starts_anti.ravel()).max()))
    return best


def _topology(cropped: np.ndarray) -> tuple[int, int, int]:
    """(pieces, holes, crossings) of the ink in its bounding box, binarized at half its peak
    intensity and shrunk (by max pooling) to at most TOPOLOGY_BOX pixels a side."""
    peak = float(cropped.max())
    small = _pool_any(cropped > 0.5 * peak, TOPOLOGY_BOX)
    ink = np.zeros((small.shape[0] + 2, small.shape[1] + 2), dtype=bool)
    ink[1:-1, 1:-1] = small
    pieces = len(np.unique(_label(ink, eight=True)[ink]))
    background = _label(~ink, eight=False)
    # the padding ring is background and all of it is one region (label 0, the top-left corner)
    _, areas = np.unique(background[background > 0], return_counts=True)
    box_area = (BOX / max(small.shape)) ** 2  # area of one pixel here, in pixels of the 20 x 20 box
    holes = int(np.count_nonzero(areas * box_area >= MIN_HOLE_AREA))
    return pieces, holes, _crossings(ink)


def canvas_features(image: np.ndarray, cropped: np.ndarray, scaled: np.ndarray) -> Features:
    """Measure the shape features of a drawing (see :class:`Features`).

    Stroke width and second moments are measured on the cropped ink at its own resolution,
    area-averaged down to at most :data:`MEASURE_BOX` pixels a side when it is larger (never
    enlarged: enlarging a few anti-aliased pixels makes blocks whose staircase edges would
    count as perimeter); its topology on the ink binarized at half its peak, shrunk to at
    most :data:`TOPOLOGY_BOX` pixels a side.

    Parameters
    ----------
    image : ndarray, shape (h, w), float
        The whole canvas, ink high, in [0, 1].
    cropped : ndarray, shape (hc, wc), float
        Its ink's bounding box, with some ink.
    scaled : ndarray, shape (h2, w2), float
        ``cropped`` scaled so that its longer side is 20 pixels, in [0, 1].

    Returns
    -------
    Features
        Every value finite.
    """
    side = max(cropped.shape)
    if side > MEASURE_BOX:
        f = MEASURE_BOX / side
        ink = area_resize(cropped, max(1, round(cropped.shape[0] * f)), max(1, round(cropped.shape[1] * f)))
    else:
        ink = cropped
    to_box = BOX / max(ink.shape)  # box pixels per measuring pixel
    mass = float(ink.sum())
    padded = np.pad(ink, 1)
    gx = padded[:-1, 1:] - padded[:-1, :-1]
    gy = padded[1:, :-1] - padded[:-1, :-1]
    variation = float(np.sqrt(gx * gx + gy * gy).sum())
    width = 2.0 * mass / variation if variation > 0 else float(max(ink.shape))  # measuring pixels

    rows, cols = np.indices(ink.shape)
    weights = ink / mass
    mr, mc = float((rows * weights).sum()), float((cols * weights).sum())
    dr, dc = rows - mr, cols - mc
    # + 1/12: each pixel is a unit square, not a point (a one-pixel-wide line has width 1)
    srr = float((dr * dr * weights).sum()) + 1 / 12
    scc = float((dc * dc * weights).sum()) + 1 / 12
    src = float((dr * dc * weights).sum())
    half_trace, det = (srr + scc) / 2, srr * scc - src * src
    root = math.sqrt(max(half_trace * half_trace - det, 0.0))
    major, minor = half_trace + root, max(half_trace - root, 0.0)
    # major axis direction: angle of the eigenvector from the row (vertical) axis
    angle = abs(math.degrees(0.5 * math.atan2(2 * src, srr - scc)))

    pieces, holes, crossings = _topology(cropped)
    return Features(
        ink_fraction=float(image.mean()),
        box_fraction=float(scaled.mean()),
        extent_fraction=side / max(image.shape),
        stroke_width=width * to_box,
        extent_widths=max(ink.shape) / width,
        length_widths=mass / (width * width),
        elongation=math.sqrt(minor / major),
        thickness=math.sqrt(12 * minor) / width,
        angle=min(angle, 90.0),
        pieces=pieces,
        holes=holes,
        crossings=crossings,
    )


def shape_reason(features: Features) -> str:
    """The reason the ink is not a digit, from its shape alone; "" if it may be one.

    The rules, in order (the thresholds are this module's constants):

    - "full": ink over more than :data:`FULL_FRACTION` of the canvas;
    - spots, whose pieces are on average shorter than :data:`SPOT_LENGTH` stroke widths
      (a disc is about 3): one piece is a "dot" if it spans less than :data:`DOT_FRACTION`
      of the canvas and a "blot" if larger; several are "scattered" spots;
    - "line": straight (elongation below :data:`LINE_ELONGATION`, at least about 3 times
      as long as wide) and tilted more than :data:`LINE_ANGLE` degrees from the vertical,
      further than MNIST's ones lean (a vertical stroke is a 1);
    - "scattered": more than :data:`MAX_PIECES` separate pieces;
    - "hatching": a straight line through the ink crosses more than :data:`MAX_CROSSINGS`
      strokes;
    - "scribble": more than :data:`MAX_HOLES` enclosed holes (an 8 has two).
    """
    if features.ink_fraction > FULL_FRACTION:
        return "full"
    if features.extent_fraction < DOT_FRACTION and features.pieces == 1:
        return "dot"
    if features.length_widths / features.pieces < SPOT_LENGTH:
        if features.pieces > 1:
            return "scattered"
        return "dot" if features.extent_fraction < BLOT_FRACTION else "blot"
    if features.elongation < LINE_ELONGATION and features.angle > LINE_ANGLE:
        return "line"
    if features.pieces > MAX_PIECES:
        return "scattered"
    if features.crossings > MAX_CROSSINGS:
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
