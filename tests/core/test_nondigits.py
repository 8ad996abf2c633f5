"""core.nondigits: the non-digit set and MNIST digits as painted on a canvas, the test material
of core.reading (benchmarks/canvas_fidelity.py measures with it; these tests check the
material itself, and that a small sample of it is read as the benchmark says)."""

import numpy as np
import pytest

from core.mlp import MLP
from core.nondigits import KINDS, SLANT_TILT, STROKE_KINDS, make_non_digits, paint_digit
from core.paths import default_model_path
from core.preprocess import center_of_mass
from core.reading import DIGIT, read_canvas


@pytest.fixture(scope="module")
def model():
    return MLP.load(default_model_path())


def test_non_digits_come_in_turn_and_hold_ink():
    images, kinds = make_non_digits(2 * len(KINDS), size=140, rng=np.random.default_rng(0))
    assert images.shape == (16, 140, 140) and images.dtype == np.uint8
    assert kinds == list(KINDS) * 2
    assert (images.reshape(16, -1).max(axis=1) > 0).all()


def test_non_digits_are_seeded():
    a, _ = make_non_digits(8, size=64, rng=np.random.default_rng(3))
    b, _ = make_non_digits(8, size=64, rng=np.random.default_rng(3))
    c, _ = make_non_digits(8, size=64, rng=np.random.default_rng(4))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_full_canvases_are_mostly_ink():
    images, _ = make_non_digits(30, rng=np.random.default_rng(1), kinds=("full",))
    assert (images.mean(axis=(1, 2)) / 255 >= 0.55).all()


def test_make_non_digits_refuses_bad_arguments():
    with pytest.raises(ValueError):
        make_non_digits(-1)
    with pytest.raises(ValueError):
        make_non_digits(4, size=4)
    with pytest.raises(ValueError):
        make_non_digits(4, kinds=("dot", "letter"))
    images, kinds = make_non_digits(0)
    assert images.shape == (0, 280, 280) and kinds == []


def test_non_digits_are_refused(model):
    """A small sample (5 of each kind, another seed than the benchmark's): the benchmark's
    target is 95% of 800."""
    images, _ = make_non_digits(5 * len(KINDS), rng=np.random.default_rng(12345))
    refused = [read_canvas(model, image).verdict != DIGIT for image in images]
    assert np.mean(refused) >= 0.9


def test_paint_digit_at_scale_ten_is_the_digit_enlarged(mnist):
    image = mnist.test.images[0]
    painted = paint_digit(image)  # scale 280 / 28 = 10, centred
    assert painted.shape == (280, 280) and painted.dtype == np.uint8
    blocks = painted.reshape(28, 10, 28, 10).mean(axis=(1, 3))
    assert np.corrcoef(blocks.ravel(), image.ravel().astype(float))[0, 1] > 0.97
    assert painted.sum() / 100 == pytest.approx(float(image.sum()), rel=0.02)  # ink conserved


def test_paint_digit_places_and_scales(mnist):
    image = mnist.test.images[1]
    painted = paint_digit(image, scale=5, centre=(60, 200))
    rows, _ = np.nonzero(painted > 25)
    assert 60 <= rows.max() - rows.min() + 1 <= 110  # about 20 MNIST pixels x 5
    cy, cx = center_of_mass(painted.astype(float))
    assert abs(cy - 60) < 10 and abs(cx - 200) < 10  # MNIST's centre of mass is its field's centre


def test_paint_digit_with_rng_keeps_the_ink_on_the_canvas(mnist):
    rng = np.random.default_rng(0)
    for image in mnist.test.images[:50]:
        painted = paint_digit(image, rng=rng, stroke_delta=2)
        edge = np.concatenate([painted[0], painted[-1], painted[:, 0], painted[:, -1]])
        assert edge.max() == 0


def test_stroke_delta_thins_and_thickens(mnist):
    image = mnist.test.images[2]
    ink = [int((paint_digit(image, scale=6, stroke_delta=d) > 127).sum()) for d in (-2, 0, 2)]
    assert ink[0] < ink[1] < ink[2]
    thin, normal = paint_digit(image, scale=6, stroke_delta=-2), paint_digit(image, scale=6)
    assert (thin <= normal).all()  # erosion only removes ink


def test_paint_digit_accepts_floats_and_flat_images(mnist):
    image = mnist.test.images[3]
    np.testing.assert_array_equal(paint_digit(image), paint_digit(image.reshape(784) / 255.0))
    with pytest.raises(ValueError):
        paint_digit(np.zeros(100))
    with pytest.raises(ValueError):
        paint_digit(image, scale=0)


def test_painted_digits_are_read_as_the_originals(model, mnist):
    """MNIST's first 200 test digits painted at a random scale (4 to 9) and place, with the
    pen as is, thinner and thicker by 2 canvas pixels a side: read as MNIST's own inputs."""
    rng = np.random.default_rng(7)
    images = mnist.test.images[:200]
    expected = model.predict(mnist.test.X[:200])
    for delta in (0, -2, 2):
        digits = np.array([read_canvas(model, paint_digit(image, rng=rng, stroke_delta=delta)).digit
                           for image in images])
        assert np.mean(digits == expected) >= 0.95, delta


def test_stroke_kinds_come_in_turn_as_drawn_with_the_app_pen():
    """The stroke kinds hold ink in one piece or crossing strokes, the slant leans "\\"."""
    images, kinds = make_non_digits(2 * len(STROKE_KINDS), rng=np.random.default_rng(5), kinds=STROKE_KINDS)
    assert kinds == list(STROKE_KINDS) * 2
    for image, kind in zip(images, kinds):
        features = read_canvas(None, image).features
        assert features is not None and features.all_pieces <= 2, kind
        if kind == "slant":
            assert features.lean > SLANT_TILT[0] - 3 and features.elongation < 0.3


def test_stroke_kinds_are_refused(model):
    """A small sample (10 of each stroke kind, another seed than the benchmark's): the long "\\"
    lines all refused, the kinds together mostly (benchmarks/canvas_fidelity.py measures them)."""
    images, kinds = make_non_digits(10 * len(STROKE_KINDS), rng=np.random.default_rng(54321), kinds=STROKE_KINDS)
    refused = np.array([read_canvas(model, image).verdict != DIGIT for image in images])
    kinds = np.array(kinds)
    assert refused[kinds == "slant"].all()
    assert refused.mean() >= 0.7
