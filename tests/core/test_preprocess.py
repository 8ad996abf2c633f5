"""core.preprocess: a drawing becomes an MNIST-like input (20 px box, centre of mass where
MNIST puts it); an MNIST digit drawn 10 times larger comes back as itself.

Where MNIST puts the centre of mass is measured, not assumed: test_where_mnist_puts_the_centre_of_mass
shows that in the real files the intensity-weighted mean (row, column), in pixel indices,
is within half a pixel of (14, 14) for 99.99 % of the images (and within half a
pixel of (13.5, 13.5) for only about half of them)."""

import numpy as np
import pytest

from core.preprocess import area_resize, center_of_mass, mnist_like

#: MNIST's centre of mass, in pixel indices (pixel (0, 0) is at (0.0, 0.0)); see
#: test_where_mnist_puts_the_centre_of_mass.
CENTRE = 14.0


def _canvas():
    return np.zeros((280, 280), dtype=np.float64)


def _rectangle(top, left, height, width):
    canvas = _canvas()
    canvas[top:top + height, left:left + width] = 1.0
    return canvas


def _thick_line(p0, p1, radius):
    """Every canvas pixel within `radius` of the segment p0-p1 (row, col) is ink."""
    rows, cols = np.mgrid[0:280, 0:280].astype(np.float64)
    (r0, c0), (r1, c1) = p0, p1
    dr, dc = r1 - r0, c1 - c0
    t = np.clip(((rows - r0) * dr + (cols - c0) * dc) / (dr * dr + dc * dc), 0.0, 1.0)
    distance = np.hypot(rows - (r0 + t * dr), cols - (c0 + t * dc))
    return (distance <= radius).astype(np.float64)


def _wedge(upper):
    """A filled right triangle of 200 px legs: its mass sits off the box's centre."""
    canvas = _canvas()
    canvas[40:240, 40:240] = np.triu(np.ones((200, 200))) if upper else np.tril(np.ones((200, 200)))
    return canvas


def _bounding_box(image, level=0.0):
    rows = np.flatnonzero((image > level).any(axis=1))
    cols = np.flatnonzero((image > level).any(axis=0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


@pytest.mark.parametrize("canvas", [
    np.zeros((280, 280), dtype=np.uint8),
    np.zeros((280, 280), dtype=np.float32),
    np.full((280, 280), 0.05),  # faint smudge below the ink threshold
], ids=["uint8", "float32", "below-threshold"])
def test_empty_canvas_claims_no_digit(canvas):
    assert mnist_like(canvas) is None


DRAWINGS = {
    "tall-bar": lambda: _rectangle(40, 100, 200, 60),
    "wide-bar": lambda: _rectangle(120, 30, 50, 220),
    "square-off-centre": lambda: _rectangle(5, 190, 80, 80),
    "tiny-dot-in-corner": lambda: _rectangle(270, 2, 6, 4),
    "diagonal-stroke": lambda: _thick_line((30, 60), (250, 200), 12),
    "lower-left-wedge": lambda: _wedge(upper=False),
    "upper-right-wedge": lambda: _wedge(upper=True),
    "seven": lambda: np.maximum(_thick_line((40, 60), (40, 220), 10), _thick_line((40, 220), (250, 110), 10)),
}


@pytest.mark.parametrize("name", list(DRAWINGS))
def test_drawing_is_boxed_and_centred_like_mnist(name):
    canvas = DRAWINGS[name]()
    out = mnist_like(canvas)

    assert out.shape == (784,) and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0
    image = out.reshape(28, 28)
    height, width = _bounding_box(image)
    assert max(height, width) in (19, 20, 21)
    # aspect ratio kept (to within the rounding of the shorter side)
    ink_h, ink_w = _bounding_box(canvas, 0.1)
    assert min(height, width) == pytest.approx(20 * min(ink_h, ink_w) / max(ink_h, ink_w), abs=1.5)
    # translated by whole pixels so that the centre of mass is as near MNIST's as can be
    cy, cx = center_of_mass(image.astype(np.float64))
    assert abs(cy - CENTRE) <= 0.5 + 1e-9 and abs(cx - CENTRE) <= 0.5 + 1e-9


def test_position_on_the_canvas_does_not_matter():
    a = mnist_like(_rectangle(20, 20, 120, 40))
    b = mnist_like(_rectangle(150, 230, 120, 40))
    np.testing.assert_array_equal(a, b)


def test_uint8_and_float_canvases_agree():
    drawing = DRAWINGS["seven"]()
    np.testing.assert_allclose(mnist_like((drawing * 255).astype(np.uint8)), mnist_like(drawing), atol=1e-7)


def test_filled_rectangle_is_exact():
    """200 x 60 px of ink scale to exactly 20 x 6 px of full ink."""
    image = mnist_like(_rectangle(40, 100, 200, 60)).reshape(28, 28)
    rows, cols = np.nonzero(image)
    assert (rows.max() - rows.min() + 1, cols.max() - cols.min() + 1) == (20, 6)
    assert (image[rows.min():rows.max() + 1, cols.min():cols.max() + 1] == 1.0).all()
    assert image.sum() == 120.0


def test_canvas_must_be_two_dimensional():
    with pytest.raises(ValueError):
        mnist_like(np.zeros((280, 280, 3)))


def test_area_resize_conserves_mean_and_averages_blocks():
    rng = np.random.default_rng(0)
    image = rng.random((280, 280))
    small = area_resize(image, 28, 28)
    np.testing.assert_allclose(small, image.reshape(28, 10, 28, 10).mean(axis=(1, 3)), atol=1e-12)
    np.testing.assert_allclose(area_resize(image, 20, 7).mean(), image.mean(), rtol=1e-12)


def test_where_mnist_puts_the_centre_of_mass(mnist):
    """The convention mnist_like must follow, read off the real data: MNIST translated each
    digit so that its centre of mass lies within half a pixel of (14, 14)."""
    for split in (mnist.validation, mnist.test):
        images = split.images.astype(np.float64)
        mass = images.sum(axis=(1, 2))
        rows = images.sum(axis=2) @ np.arange(28) / mass
        cols = images.sum(axis=1) @ np.arange(28) / mass
        assert np.mean((np.abs(rows - 14.0) <= 0.5) & (np.abs(cols - 14.0) <= 0.5)) > 0.999
        assert abs(rows.mean() - 14.0) < 0.05 and abs(cols.mean() - 14.0) < 0.05


def _upscaled(images):
    """Each 28 x 28 uint8 MNIST image drawn 10 times larger: a 280 x 280 canvas in [0, 1]."""
    return [np.kron(image / 255.0, np.ones((10, 10))) for image in images]


def test_mnist_digit_drawn_large_comes_back_as_itself(mnist):
    originals = mnist.test.X[:100]
    back = np.array([mnist_like(c) for c in _upscaled(mnist.test.images[:100])])
    correlations = [np.corrcoef(a, b)[0, 1] for a, b in zip(originals, back)]
    assert sum(c > 0.9 for c in correlations) >= 95
    assert np.median(correlations) > 0.99


def test_mnist_digit_drawn_large_gets_the_same_prediction(mnist, one_epoch):
    model, _ = one_epoch
    originals = mnist.test.X[:100]
    back = np.array([mnist_like(c) for c in _upscaled(mnist.test.images[:100])])
    agreement = np.mean(model.predict(back) == model.predict(originals))
    assert agreement >= 0.95
