"""Turn a drawing into an MNIST-like input, the way MNIST itself was made.

MNIST's description (Y. LeCun, C. Cortes, C. J. C. Burges, "THE MNIST DATABASE of
handwritten digits") says: "The original black and white (bilevel) images from NIST were
size normalized to fit in a 20x20 pixel box while preserving their aspect ratio. The
resulting images contain grey levels as a result of the anti-aliasing technique used by
the normalization algorithm. the images were centered in a 28x28 image by computing the
center of mass of the pixels, and translating the image so as to position this point at
the center of the 28x28 field."

:func:`mnist_like` does exactly that to a drawing: crop the ink to its bounding box,
scale it with area averaging (which gives the grey edges) so that its longer side is 20
pixels, and place it in a 28 x 28 field with its centre of mass at the centre. A network
trained on MNIST then sees a drawn digit as it saw its training data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["INK_THRESHOLD", "Steps", "area_resize", "center_of_mass", "mnist_like", "mnist_like_steps"]

#: Intensity above which a canvas pixel counts as ink when finding the bounding box.
INK_THRESHOLD = 0.1
#: Side of the box the digit is scaled to fit, and of the field it is centred in (pixels).
BOX, FIELD = 20, 28


def _area_weights(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) float64 matrix: row i averages the inputs overlapping output pixel i.

    Output pixel i covers the input interval [i * n_in / n_out, (i + 1) * n_in / n_out);
    each input pixel j covers [j, j + 1) and is weighted by its overlap with that interval.
    """
    edges = np.arange(n_out + 1) * (n_in / n_out)
    lo, hi = edges[:-1, None], edges[1:, None]  # (n_out, 1)
    j = np.arange(n_in)[None, :]  # (1, n_in)
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def area_resize(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Resize a 2-D image by area averaging (a box filter), up or down.

    Parameters
    ----------
    image : ndarray, shape (h, w), float
    height, width : int
        The output size in pixels, each at least 1.

    Returns
    -------
    ndarray, shape (height, width), float64
        Each output pixel is the mean of the input area it covers, so ink is conserved
        up to the change of scale and edges come out grey (anti-aliased).
    """
    h, w = image.shape
    return _area_weights(h, height) @ image @ _area_weights(w, width).T


def center_of_mass(image: np.ndarray) -> tuple[float, float]:
    """Intensity-weighted mean (row, column) of a 2-D image with positive total mass,
    in pixel indices (the centre of pixel (0, 0) is (0.0, 0.0))."""
    total = image.sum()
    rows = np.arange(image.shape[0]) @ image.sum(axis=1) / total
    cols = np.arange(image.shape[1]) @ image.sum(axis=0) / total
    return float(rows), float(cols)


@dataclass(frozen=True, eq=False)
class Steps:
    """The stages of :func:`mnist_like`, for showing a user what the network sees and why.

    Attributes
    ----------
    cropped : ndarray, shape (h, w), float64
        The canvas cut to the bounding box of its ink (pixels above the ink threshold),
        intensities in [0, 1].
    scaled : ndarray, shape (h2, w2), float64
        ``cropped`` scaled by area averaging so that its longer side is 20 pixels (the
        shorter in proportion, at least 1), clipped to [0, 1].
    input : ndarray, shape (784,), float32
        ``scaled`` placed in the 28 x 28 field with its centre of mass at pixel (14, 14),
        row-major: what :func:`mnist_like` returns.
    """

    cropped: np.ndarray
    scaled: np.ndarray
    input: np.ndarray


def mnist_like(canvas: np.ndarray, ink_threshold: float = INK_THRESHOLD) -> np.ndarray | None:
    """Convert a drawing into the input a network trained on MNIST expects.

    Parameters
    ----------
    canvas : ndarray, shape (h, w)
        The drawing, ink high: uint8 in 0..255 or float in [0, 1] (white ink on black,
        as MNIST stores digits). Any size; the app's canvas is 280 x 280.
    ink_threshold : float
        Intensity in [0, 1] above which a pixel counts as ink for the bounding box.

    Returns
    -------
    ndarray, shape (784,), float32, or None
        The 28 x 28 image, row-major, intensities in [0, 1]: the ink cropped to its
        bounding box, scaled by area averaging so that its longer side is 20 pixels
        (aspect ratio kept), then placed so that its centre of mass falls on the centre
        of the 28 x 28 field, pixel (14, 14) as in MNIST's data (translation by whole
        pixels; ink pushed past the border is cut). None if the canvas holds no ink: an empty canvas claims no digit.

    Raises
    ------
    ValueError
        The canvas is not two-dimensional.
    """
    steps = mnist_like_steps(canvas, ink_threshold)
    return None if steps is None else steps.input


def mnist_like_steps(canvas: np.ndarray, ink_threshold: float = INK_THRESHOLD) -> Steps | None:
    """:func:`mnist_like` with its intermediate images: crop, scale into 20 x 20, centre.

    Parameters
    ----------
    canvas : ndarray, shape (h, w)
        As for :func:`mnist_like`: uint8 in 0..255 or float in [0, 1], ink high.
    ink_threshold : float
        Intensity in [0, 1] above which a pixel counts as ink for the bounding box.

    Returns
    -------
    Steps or None
        The cropped, scaled and centred images (``Steps.input`` is exactly what
        :func:`mnist_like` returns); None if the canvas holds no ink.

    Raises
    ------
    ValueError
        The canvas is not two-dimensional.
    """
    canvas = np.asarray(canvas)
    if canvas.ndim != 2:
        raise ValueError(f"expected a 2-D canvas, got shape {canvas.shape}.")
    image = canvas.astype(np.float64)
    if canvas.dtype == np.uint8:
        image /= 255.0
    ink = image > ink_threshold
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    crop = image[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]

    # Fit into the 20 x 20 box, keeping the aspect ratio.
    h, w = crop.shape
    scale = BOX / max(h, w)
    digit = area_resize(crop, max(1, round(h * scale)), max(1, round(w * scale)))
    digit = np.clip(digit, 0.0, 1.0)

    # Place it so that its centre of mass lands on the field's centre. In pixel indices MNIST
    # puts it at (14, 14) (within half a pixel for 99.998% of the training images), not at
    # (13.5, 13.5): its centring rounded towards the lower right.
    centre = FIELD / 2
    cy, cx = center_of_mass(digit)
    top, left = round(centre - cy), round(centre - cx)
    field = np.zeros((FIELD, FIELD))
    # Clip the paste to the field: rows [top, top + h) of the field get digit rows [0, h).
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + digit.shape[0], FIELD), min(left + digit.shape[1], FIELD)
    field[r0:r1, c0:c1] = digit[r0 - top:r1 - top, c0 - left:c1 - left]
    return Steps(cropped=crop, scaled=digit, input=field.reshape(-1).astype(np.float32))
