"""Test material for reading a canvas: drawings that are not digits, and MNIST digits as painted.

:func:`make_non_digits` draws what people put on a digit canvas that is not a digit: dots,
dashes, filled blots, hatching, cross-hatching, scribbles, scattered specks and canvases
inked almost everywhere, each with random sizes, stroke widths, angles, counts and
positions. :func:`paint_digit` puts a real MNIST digit on a canvas the way a user would draw
it: larger (4 to 9 canvas pixels per MNIST pixel), anywhere, with a thinner or thicker pen.
Both are plain numpy (anti-aliased strokes from distances to segments) and seeded by the
``np.random.Generator`` passed in, so a benchmark or a test gets the same images every time.

Together they measure both sides of :func:`core.reading.read_canvas`'s verdict: painted
digits must be read as digits, the rest refused (``benchmarks/canvas_fidelity.py``).
"""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np

__all__ = ["DASH_MIN_TILT", "KINDS", "SLANT_TILT", "STROKE_KINDS", "make_non_digits", "paint_digit"]

#: The kinds of non-digit :func:`make_non_digits` draws, in turn, by default: issue 8's set.
KINDS = ("dot", "dash", "blot", "hatching", "cross-hatching", "scribble", "specks", "full")
#: More kinds, as a newcomer drew them in the app and had them read as digits: one-stroke
#: zigzag hatching, an X, a +, a #, a spiral and a long "\\" line, each drawn with the pen the app
#: redraws strokes with for the network (7 to 11% of the drawing's size).
STROKE_KINDS = ("zigzag", "x", "plus", "hash", "spiral", "slant")
#: Long slanted lines (kind "slant") lean "\\" (top left to bottom right) this many degrees from the
#: vertical: a "/" line leaning 45 degrees may be read as a 1, a "\\" one is not a 1.
SLANT_TILT = (30.0, 60.0)
#: Dashes are drawn at least this far from the vertical (degrees): a vertical stroke is a 1, and
#: 99.9% of MNIST's training ones lean less than 46 degrees, and core.reading.LINE_ANGLE is 50.
DASH_MIN_TILT = 55.0


# -- drawing primitives ---------------------------------------------------------------------


def _stroke(canvas: np.ndarray, points: np.ndarray, radius: float) -> None:
    """Draw an anti-aliased polyline of half-width ``radius`` (pixels) into ``canvas`` (float
    in [0, 1], drawn with a maximum). ``points`` is (k, 2) (row, col); one point is a dot."""
    h, w = canvas.shape
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if len(points) == 1:
        points = np.vstack([points, points])
    reach = radius + 1.0
    for (r0, c0), (r1, c1) in pairwise(points):
        top, bottom = max(int(min(r0, r1) - reach), 0), min(int(max(r0, r1) + reach) + 1, h)
        left, right = max(int(min(c0, c1) - reach), 0), min(int(max(c0, c1) + reach) + 1, w)
        if top >= bottom or left >= right:
            continue
        rows = np.arange(top, bottom, dtype=np.float64)[:, None] + 0.5
        cols = np.arange(left, right, dtype=np.float64)[None, :] + 0.5
        dr, dc = r1 - r0, c1 - c0
        length2 = dr * dr + dc * dc
        if length2 > 0:
            t = np.clip(((rows - r0) * dr + (cols - c0) * dc) / length2, 0.0, 1.0)
        else:
            t = 0.0
        distance = np.hypot(rows - (r0 + t * dr), cols - (c0 + t * dc))
        ink = np.clip(radius + 0.5 - distance, 0.0, 1.0)
        window = canvas[top:bottom, left:right]
        np.maximum(window, ink, out=window)


def _blob(canvas: np.ndarray, centre, radius: float, rng: np.random.Generator, aspect: float = 1.0,
          wobble: float = 0.25) -> None:
    """Draw a filled, anti-aliased, smooth random shape: a disc of ``radius`` pixels whose
    edge wobbles with a few random harmonics, stretched by ``aspect`` and rotated."""
    h, w = canvas.shape
    r0, c0 = centre
    reach = radius * max(aspect, 1.0) * (1 + 3 * wobble) + 2
    top, bottom = max(int(r0 - reach), 0), min(int(r0 + reach) + 1, h)
    left, right = max(int(c0 - reach), 0), min(int(c0 + reach) + 1, w)
    if top >= bottom or left >= right:
        return
    rows = np.arange(top, bottom, dtype=np.float64)[:, None] + 0.5 - r0
    cols = np.arange(left, right, dtype=np.float64)[None, :] + 0.5 - c0
    turn = rng.uniform(0, math.pi)
    u = rows * math.cos(turn) + cols * math.sin(turn)
    v = (-rows * math.sin(turn) + cols * math.cos(turn)) / aspect
    distance, theta = np.hypot(u, v), np.arctan2(v, u)
    edge = np.ones_like(theta)
    for k in range(2, 6):
        edge += rng.uniform(-wobble, wobble) / (k - 1) * np.cos(k * theta + rng.uniform(0, 2 * math.pi))
    ink = np.clip((radius * edge - distance) * min(1.0, 1.0 / aspect) + 0.5, 0.0, 1.0)
    window = canvas[top:bottom, left:right]
    np.maximum(window, ink, out=window)


def _wander(start, heading: float, steps: int, step: float, turn: float, rng: np.random.Generator,
            bounds) -> np.ndarray:
    """A smooth random walk: (steps + 1, 2) points from ``start``, each ``step`` pixels on,
    the heading changing by a random turn rate that itself drifts (radians per step);
    it turns back from the edges of ``bounds`` = (top, left, bottom, right)."""
    top, left, bottom, right = bounds
    points = [np.asarray(start, dtype=np.float64)]
    rate = rng.normal(0, turn)
    for _ in range(steps):
        rate = 0.9 * rate + rng.normal(0, turn)
        heading += rate
        p = points[-1] + step * np.array([math.sin(heading), math.cos(heading)])
        if not (top <= p[0] <= bottom and left <= p[1] <= right):
            centre = np.array([(top + bottom) / 2, (left + right) / 2])
            heading = math.atan2(*(centre - points[-1])) + rng.normal(0, 0.5)
            p = points[-1] + step * np.array([math.sin(heading), math.cos(heading)])
        points.append(p)
    return np.array(points)


def _region(size: int, rng: np.random.Generator, smallest: float = 0.25, largest: float = 0.9):
    """A random square region (top, left, bottom, right) of side between the given fractions of
    the canvas, placed anywhere on it."""
    side = rng.uniform(smallest, largest) * size
    top, left = rng.uniform(0, size - side, 2)
    return top, left, top + side, left + side


def _pen(size: int, rng: np.random.Generator, thinnest: float = 0.006, thickest: float = 0.06) -> float:
    """A random pen half-width in pixels, log-uniform between the fractions of the canvas side
    (3 to 34 px wide on 280, the app's pen is 22)."""
    return 0.5 * size * math.exp(rng.uniform(math.log(thinnest), math.log(thickest)))


def _direction(rng: np.random.Generator, min_tilt: float = 0.0) -> float:
    """A random stroke direction (radians, from the vertical: 0 is vertical, pi/2 horizontal),
    at least ``min_tilt`` degrees from the vertical either way."""
    tilt = math.radians(rng.uniform(min_tilt, 90.0))
    return tilt if rng.random() < 0.5 else math.pi - tilt


# -- the kinds ------------------------------------------------------------------------------


def _dot(canvas, size, rng):
    """One spot: a tap of a pen (2 to 40 px across on 280), maybe dragged a little."""
    radius = _pen(size, rng, 0.006, 0.14)
    centre = rng.uniform(radius, size - radius, 2)
    drag = rng.uniform(0, 1.0) * radius * np.array([math.cos(a := rng.uniform(0, 2 * math.pi)), math.sin(a)])
    _stroke(canvas, np.array([centre, centre + drag]), radius)


def _dash(canvas, size, rng):
    """One straight stroke, at least DASH_MIN_TILT from the vertical, 4 to 90% of the canvas long."""
    radius = _pen(size, rng)
    length = max(rng.uniform(0.04, 0.9) * size, 3 * radius)
    angle = _direction(rng, DASH_MIN_TILT)
    delta = 0.5 * length * np.array([math.cos(angle), math.sin(angle)])
    centre = rng.uniform(0.5 * length, size - 0.5 * length, 2) if length < size else np.full(2, size / 2)
    bow = rng.normal(0, 0.03) * length * np.array([-math.sin(angle), math.cos(angle)])
    points = np.array([centre - delta, centre + bow, centre + delta])
    _stroke(canvas, points, radius)


def _blot(canvas, size, rng):
    """One filled shape, 8 to 90% of the canvas across, round to twice as long as wide."""
    radius = rng.uniform(0.04, 0.45) * size
    aspect = rng.uniform(1.0, 2.0)
    centre = rng.uniform(radius, size - radius, 2)
    _blob(canvas, centre, radius / math.sqrt(aspect), rng, aspect=aspect, wobble=rng.uniform(0.0, 0.3))


def _parallel_lines(canvas, size, rng, region, angle, count, radius):
    """``count`` parallel strokes across a square region, at ``angle`` (radians from vertical)."""
    top, left, bottom, right = region
    centre = np.array([(top + bottom) / 2, (left + right) / 2])
    half = (bottom - top) / 2
    along = np.array([math.cos(angle), math.sin(angle)])
    across = np.array([-along[1], along[0]])
    jitter = rng.uniform(0.0, 0.3)
    for k in range(count):
        offset = (k - (count - 1) / 2) / max(count - 1, 1) * 2 * half * 0.9
        length = half * rng.uniform(1 - jitter, 1.0)
        middle = centre + offset * across + rng.normal(0, jitter * 0.2 * half) * along
        _stroke(canvas, np.array([middle - length * along, middle + length * along]), radius)


def _hatching(canvas, size, rng):
    """3 to 12 parallel strokes at any angle, across a region of 25 to 90% of the canvas."""
    region = _region(size, rng)
    count = int(rng.integers(3, 13))
    spacing = (region[2] - region[0]) / count
    radius = min(_pen(size, rng), 0.35 * spacing)
    _parallel_lines(canvas, size, rng, region, rng.uniform(0, math.pi), count, radius)


def _cross_hatching(canvas, size, rng):
    """Two sets of 2 to 8 parallel strokes crossing at a random angle (a grid, a #)."""
    region = _region(size, rng, 0.3, 0.9)
    first = rng.uniform(0, math.pi)
    for angle in (first, first + rng.uniform(math.pi / 4, 3 * math.pi / 4)):
        count = int(rng.integers(2, 9))
        spacing = (region[2] - region[0]) / count
        radius = min(_pen(size, rng), 0.3 * spacing)
        _parallel_lines(canvas, size, rng, region, angle, count, radius)


def _scribble(canvas, size, rng):
    """Scribbling in a region of 25 to 90% of the canvas: either 1 to 4 wandering strokes,
    each 3 to 12 times the region's side long (a tangle, loops), or one zigzag of 4 to 16
    back-and-forth strokes at any angle (crossing something out)."""
    region = _region(size, rng)
    side = region[2] - region[0]
    radius = min(_pen(size, rng), 0.08 * side)
    if rng.random() < 1 / 3:
        centre = np.array([(region[0] + region[2]) / 2, (region[1] + region[3]) / 2])
        angle = rng.uniform(0, math.pi)
        along, across = np.array([math.cos(angle), math.sin(angle)]), np.array([-math.sin(angle), math.cos(angle)])
        turns = int(rng.integers(4, 17))
        points = [centre + (0.5 - k / turns) * side * 0.9 * across
                  + (0.5 if k % 2 else -0.5) * side * rng.uniform(0.6, 1.0) * along
                  + rng.normal(0, 0.03 * side, 2) for k in range(turns + 1)]
        _stroke(canvas, np.array(points), radius)
        return
    for _ in range(int(rng.integers(1, 5))):
        start = rng.uniform(region[:2], region[2:])
        step = max(1.0, 0.03 * side)
        steps = int(rng.uniform(3, 12) * side / step)
        turn = rng.uniform(0.05, 0.5)
        points = _wander(start, rng.uniform(0, 2 * math.pi), steps, step, turn, rng, region)
        _stroke(canvas, points, radius)


def _specks(canvas, size, rng):
    """8 to 60 small spots scattered over a region (dust, a spray, a sprinkle of dots)."""
    region = _region(size, rng, 0.3, 1.0)
    for _ in range(int(rng.integers(8, 61))):
        radius = _pen(size, rng, 0.004, 0.03)
        _stroke(canvas, rng.uniform(region[:2], region[2:])[None, :], radius)


def _full(canvas, size, rng):
    """Ink over most of the canvas (60% or more): all of it at one level, a filled shape
    covering it, or a heavy scribble with a wide pen, with a few small gaps or none."""
    style = rng.integers(3)
    if style == 0:
        canvas[:] = rng.uniform(0.6, 1.0)
    elif style == 1:
        _blob(canvas, rng.uniform(0.4, 0.6, 2) * size, rng.uniform(0.6, 0.8) * size, rng, wobble=0.1)
    else:
        radius = rng.uniform(0.05, 0.12) * size
        start, heading = rng.uniform(0, size, 2), rng.uniform(0, 2 * math.pi)
        while canvas.mean() < 0.7:
            points = _wander(start, heading, 20, radius, rng.uniform(0.1, 0.6), rng, (0, 0, size, size))
            _stroke(canvas, points, radius)
            start, heading = points[-1], math.atan2(*(points[-1] - points[-2]))
    gaps = np.zeros_like(canvas)
    for _ in range(int(rng.integers(0, 6))):
        _blob(gaps, rng.uniform(0, size, 2), rng.uniform(0.02, 0.08) * size, rng)
    np.minimum(canvas, 1.0 - gaps, out=canvas)


def _app_pen(extent: float, rng: np.random.Generator) -> float:
    """A pen half-width as the app redraws strokes for the network: 7 to 11% of the drawing's
    larger side (mnist_gui/canvas.py, MIN_PEN_FRACTION .. PEN_FRACTION)."""
    return 0.5 * extent * rng.uniform(0.07, 0.11)


def _frame(size: int, rng: np.random.Generator, smallest: float = 0.3, largest: float = 0.95):
    """A random square region's centre and side (see :func:`_region`)."""
    top, left, bottom, _ = _region(size, rng, smallest, largest)
    side = bottom - top
    return np.array([top + side / 2, left + side / 2]), side


def _segment(centre, angle: float, half: float) -> np.ndarray:
    """The two end points of a straight stroke through ``centre`` at ``angle`` (radians from the
    vertical), ``half`` pixels either side."""
    along = half * np.array([math.cos(angle), math.sin(angle)])
    return np.array([centre - along, centre + along])


def _zigzag(canvas, size, rng):
    """One stroke going back and forth across a region (hatching drawn without lifting the
    pen): 5 to 10 reversals, at any angle, each run 60 to 100% of the region's side."""
    centre, side = _frame(size, rng)
    angle = rng.uniform(0, math.pi)
    along, across = np.array([math.cos(angle), math.sin(angle)]), np.array([-math.sin(angle), math.cos(angle)])
    reversals = int(rng.integers(5, 11))
    points = [centre + (k / reversals - 0.5) * side * 0.9 * across
              + (0.5 if k % 2 else -0.5) * side * rng.uniform(0.6, 1.0) * along
              + rng.normal(0, 0.02 * side, 2) for k in range(reversals + 2)]
    _stroke(canvas, np.array(points), _app_pen(side, rng))


def _crossed(canvas, size, rng, angles, offsets):
    """Straight strokes at ``angles`` (radians from the vertical), each through the region's
    centre moved by its ``offsets`` (fractions of the side, across the stroke)."""
    centre, side = _frame(size, rng)
    radius = _app_pen(side, rng)
    for angle, offset in zip(angles, offsets):
        across = np.array([-math.sin(angle), math.cos(angle)])
        middle = centre + offset * side * across + rng.normal(0, 0.04 * side, 2)
        _stroke(canvas, _segment(middle, angle, 0.5 * side * rng.uniform(0.7, 1.0)), radius)


def _x(canvas, size, rng):
    """An X: two straight strokes leaning 20 to 70 degrees from the vertical either way."""
    first = math.radians(rng.uniform(20, 70))
    second = math.pi - math.radians(rng.uniform(20, 70))
    _crossed(canvas, size, rng, (first, second), rng.normal(0, 0.05, 2))


def _plus(canvas, size, rng):
    """A +: a near-vertical and a near-horizontal stroke (within 15 degrees) crossing near
    their middles (within 20% of the side)."""
    tilt = np.radians(rng.uniform(-15, 15, 2))
    _crossed(canvas, size, rng, (tilt[0], math.pi / 2 + tilt[1]), rng.uniform(-0.2, 0.2, 2))


def _hash(canvas, size, rng):
    """A #: two near-vertical strokes (leaning up to 25 degrees) crossing two near-horizontal
    ones (within 10 degrees), each pair 30 to 60% of the side apart."""
    lean, tilt = math.radians(rng.uniform(-25, 25)), math.radians(rng.uniform(-10, 10))
    gaps = rng.uniform(0.15, 0.3, 2)
    angles = (lean, lean + rng.normal(0, 0.05), math.pi / 2 + tilt, math.pi / 2 + tilt + rng.normal(0, 0.05))
    _crossed(canvas, size, rng, angles, (-gaps[0], gaps[0], -gaps[1], gaps[1]))


def _spiral(canvas, size, rng):
    """A spiral of 2 to 4 turns from its centre out, round or oval, drawn in one stroke."""
    centre, side = _frame(size, rng)
    turns = rng.uniform(2, 4)
    theta = np.linspace(0, 2 * math.pi * turns, int(80 * turns))
    radius = 0.5 * side * (0.05 + 0.95 * theta / theta[-1])
    aspect, turn = rng.uniform(0.7, 1.0), rng.uniform(0, math.pi)
    u, v = radius * np.cos(theta), aspect * radius * np.sin(theta)
    if rng.random() < 0.5:
        v = -v
    points = centre + np.stack([u * math.cos(turn) - v * math.sin(turn), u * math.sin(turn) + v * math.cos(turn)], 1)
    _stroke(canvas, points, _app_pen(side, rng))


def _slant(canvas, size, rng):
    """A long straight stroke leaning "\\" (SLANT_TILT degrees from the vertical), 40 to 95% of the
    canvas long."""
    length = rng.uniform(0.4, 0.95) * size
    angle = math.radians(rng.uniform(*SLANT_TILT))  # rows and columns both grow: top left to bottom right
    delta = 0.5 * length * np.array([math.cos(angle), math.sin(angle)])
    reach = np.abs(delta)
    centre = rng.uniform(reach, size - reach)
    _stroke(canvas, np.array([centre - delta, centre + delta]), _app_pen(length, rng))


_DRAW = {"dot": _dot, "dash": _dash, "blot": _blot, "hatching": _hatching,
         "cross-hatching": _cross_hatching, "scribble": _scribble, "specks": _specks, "full": _full,
         "zigzag": _zigzag, "x": _x, "plus": _plus, "hash": _hash, "spiral": _spiral, "slant": _slant}


def make_non_digits(n: int, size: int = 280, rng: np.random.Generator | None = None,
                    kinds=KINDS) -> tuple[np.ndarray, list[str]]:
    """Draw ``n`` canvases that hold no digit, ink high, as a user might draw on the app's canvas.

    The kinds (:data:`KINDS`) come in turn, so every kind is drawn ``n / len(kinds)`` times
    (give or take one): a dot (a pen tap, 2 to 40 px across on 280), a dash (straight, at
    least :data:`DASH_MIN_TILT` degrees from the vertical, since a vertical stroke is a 1),
    a filled blot, hatching (3 to 12 parallel strokes), cross-hatching, a scribble (wandering
    strokes 3 to 12 times their region's side long, or a zigzag crossing out), specks (8 to 60
    scattered spots) and a canvas inked over 60% or more. Sizes, pen widths (3 to 34 px on 280), angles, counts and
    positions are random; every length scales with ``size``. ``kinds=STROKE_KINDS`` draws
    the kinds of :data:`STROKE_KINDS` instead: a zigzag in one stroke (5 to 10 reversals), an
    X, a +, a #, a spiral (2 to 4 turns) and a long straight "\\" line (:data:`SLANT_TILT`
    degrees from the vertical), with the app's pen for the network.

    Parameters
    ----------
    n : int
        Number of canvases, at least 0.
    size : int
        Side of each canvas in pixels, at least 8.
    rng : numpy.random.Generator, optional
        The source of randomness (a fresh unseeded one if None).
    kinds : sequence of str
        Which kinds to draw, from :data:`KINDS` and :data:`STROKE_KINDS`.

    Returns
    -------
    images : ndarray, shape (n, size, size), uint8
        0 background, 255 full ink.
    kinds : list of str
        The kind of each image.

    Raises
    ------
    ValueError
        ``n`` negative, ``size`` below 8, or an unknown kind.
    """
    if n < 0 or size < 8:
        raise ValueError(f"need n >= 0 and size >= 8, got n={n}, size={size}.")
    unknown = [k for k in kinds if k not in _DRAW]
    if unknown or not kinds:
        raise ValueError(f"unknown kinds {unknown}; choose from {list(KINDS + STROKE_KINDS)}.")
    rng = np.random.default_rng() if rng is None else rng
    images = np.zeros((n, size, size), dtype=np.uint8)
    names = [kinds[i % len(kinds)] for i in range(n)]
    canvas = np.zeros((size, size))
    for image, kind in zip(images, names):
        canvas[:] = 0.0
        _DRAW[kind](canvas, size, rng)
        image[:] = np.rint(np.clip(canvas, 0.0, 1.0) * 255)
    return images, names


# -- MNIST digits as painted ----------------------------------------------------------------


def _bilinear_weights(n_out: int, n_in: int, scale: float, offset: float) -> np.ndarray:
    """(n_out, n_in) matrix of linear interpolation: output pixel i (centre i + 0.5) reads the
    input at (i + 0.5 - offset) / scale, in input pixel units (input pixel j's centre is j + 0.5);
    outside the input is 0."""
    u = (np.arange(n_out) + 0.5 - offset) / scale - 0.5
    j0 = np.floor(u).astype(np.int64)
    frac = u - j0
    weights = np.zeros((n_out, n_in))
    for j, wt in ((j0, 1.0 - frac), (j0 + 1, frac)):
        ok = (j >= 0) & (j < n_in)
        weights[np.flatnonzero(ok), j[ok]] += wt[ok]
    return weights


def _disc_filter(image: np.ndarray, radius: float, grow: bool) -> np.ndarray:
    """Grey-level dilation (``grow``) or erosion of a 2-D image by a disc of ``radius`` pixels:
    the maximum (or minimum) over the offsets (dr, dc) with dr^2 + dc^2 <= radius^2."""
    reach = math.floor(radius)
    h, w = image.shape
    fill = 0.0 if grow else 1.0
    padded = np.full((h + 2 * reach, w + 2 * reach), fill)
    padded[reach:reach + h, reach:reach + w] = image
    out = image.copy()
    combine = np.maximum if grow else np.minimum
    for dr in range(-reach, reach + 1):
        for dc in range(-reach, reach + 1):
            if (dr or dc) and dr * dr + dc * dc <= radius * radius + 1e-9:
                combine(out, padded[reach + dr:reach + dr + h, reach + dc:reach + dc + w], out=out)
    if not grow:  # the canvas beyond its edge is background, not ink
        out = np.minimum(out, image)
    return out


def paint_digit(image784: np.ndarray, size: int = 280, scale: float | None = None, centre=None,
                stroke_delta: float = 0, rng: np.random.Generator | None = None) -> np.ndarray:
    """An MNIST image as a user would paint it on a canvas: larger, anywhere, thinner or thicker.

    The 28 x 28 image is enlarged smoothly (bilinear interpolation between pixel centres) to
    ``scale`` canvas pixels per MNIST pixel and placed with the centre of its 28 x 28 field
    at ``centre``; then its strokes are thickened (``stroke_delta`` > 0) or thinned (< 0) by
    a grey-level dilation or erosion with a disc of radius ``|stroke_delta|`` canvas pixels,
    so each side of a stroke moves by that much (its width by twice that).

    Parameters
    ----------
    image784 : array_like, shape (784,) or (28, 28)
        The MNIST image, uint8 0..255 or float in [0, 1], ink high.
    size : int
        Side of the square canvas in pixels (280, the app's).
    scale : float, optional
        Canvas pixels per MNIST pixel; MNIST's 20 x 20 box becomes 20 * scale pixels (80 to
        180 px for 4 to 9). Default: drawn uniformly from [4, 9] with ``rng`` if it is given,
        else ``size / 28`` (the 28 x 28 field fills the canvas).
    centre : (float, float), optional
        Canvas (row, column) of the field's centre. Default: random with ``rng``, anywhere the
        digit's ink stays on the canvas; without ``rng``, the canvas's centre.
    stroke_delta : float
        Canvas pixels added to (or, negative, taken from) each side of every stroke.
    rng : numpy.random.Generator, optional
        For the default scale and centre.

    Returns
    -------
    ndarray, shape (size, size), uint8
        0 background, 255 full ink.

    Raises
    ------
    ValueError
        The image does not hold 784 pixels, or ``scale`` is not positive.
    """
    image = np.asarray(image784)
    if image.size != 784:
        raise ValueError(f"expected a 28 x 28 MNIST image (784 pixels), got shape {image.shape}.")
    digit = image.reshape(28, 28).astype(np.float64)
    if image.dtype == np.uint8:
        digit /= 255.0
    if scale is None:
        scale = rng.uniform(4.0, 9.0) if rng is not None else size / 28
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale}.")
    if centre is None:
        centre = (size / 2, size / 2)
        if rng is not None:
            ink = digit > 0
            rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
            if rows.size:
                centre = tuple(_random_centre(lo, hi, size, scale, abs(stroke_delta), rng)
                               for lo, hi in ((rows[0], rows[-1] + 1), (cols[0], cols[-1] + 1)))
    r, c = centre
    painted = (_bilinear_weights(size, 28, scale, r - 14 * scale) @ digit
               @ _bilinear_weights(size, 28, scale, c - 14 * scale).T)
    painted = np.clip(painted, 0.0, 1.0)
    if stroke_delta:
        painted = _disc_filter(painted, abs(stroke_delta), grow=stroke_delta > 0)
    return np.rint(painted * 255).astype(np.uint8)


def _random_centre(lo: int, hi: int, size: int, scale: float, margin: float, rng: np.random.Generator) -> float:
    """A random canvas coordinate for the field's centre such that MNIST pixels [lo, hi) land
    on the canvas with ``margin`` pixels to spare (the canvas's middle if they cannot)."""
    # bilinear interpolation spreads each MNIST pixel over one pixel either side of its centre,
    # so the ink of pixels [lo, hi) reaches from lo - 0.5 to hi + 0.5 (MNIST pixel units)
    first = margin + 1 + (14 - lo + 0.5) * scale  # the centre coordinate that puts that ink at the margin
    last = size - margin - 1 - (hi + 0.5 - 14) * scale
    return rng.uniform(first, last) if last > first else size / 2
