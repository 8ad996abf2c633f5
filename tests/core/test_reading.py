"""core.reading.read_canvas: the network's answer to a canvas and whether it is a digit at all.

A dash, a dot and a full canvas are "not a digit" and give no NaN; an empty canvas claims
nothing; test digits (as MNIST gives them, painted on a canvas, inverted) are read right; and
no 2-D input, however odd, makes it raise or return NaN. The calibration figures (1% of digits
at most refused, 95% of non-digits at least) are measured by benchmarks/canvas_fidelity.py."""

import dataclasses

import numpy as np
import pytest

from core import reading
from core.mlp import MLP
from core.nondigits import paint_digit
from core.paths import default_model_path
from core.preprocess import mnist_like
from core.reading import DIGIT, NOT_A_DIGIT, UNSURE, Reading, is_ink_high, read_canvas

try:  # hypothesis runs the property test where installed; the seeded fuzz test runs everywhere
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp
except ImportError:  # pragma: no cover
    given = None


@pytest.fixture(scope="module")
def model():
    """The bundled network, loaded as the app loads it."""
    return MLP.load(default_model_path())


def _canvas():
    return np.zeros((280, 280), dtype=np.uint8)


def _line(p0, p1, radius, size=280):
    """A uint8 canvas with a round-capped stroke from p0 to p1 (row, col) of half-width radius."""
    rows, cols = np.mgrid[0:size, 0:size].astype(np.float64)
    (r0, c0), (r1, c1) = p0, p1
    dr, dc = r1 - r0, c1 - c0
    t = np.clip(((rows - r0) * dr + (cols - c0) * dc) / max(dr * dr + dc * dc, 1e-12), 0.0, 1.0)
    distance = np.hypot(rows - (r0 + t * dr), cols - (c0 + t * dc))
    return (np.clip(radius + 0.5 - distance, 0, 1) * 255).astype(np.uint8)


def _assert_finite(reading: Reading):
    for name in ("activations", "input", "cropped", "scaled"):
        value = getattr(reading, name)
        if value is not None:
            assert np.isfinite(value).all(), name
    if reading.features is not None:
        assert all(np.isfinite(v) for v in reading.features.as_dict().values())
    assert reading.verdict in (DIGIT, UNSURE, NOT_A_DIGIT)
    assert (reading.reason == "") == (reading.verdict == DIGIT)


NOT_DIGITS = {
    "horizontal dash": lambda: _line((140, 60), (140, 220), 11),
    "dash 30 degrees above horizontal": lambda: _line((180, 50), (100, 190), 8),
    "dot": lambda: _line((120, 150), (120, 150), 11),
    "small dot in a corner": lambda: _line((270, 8), (271, 9), 3),
    "full canvas": lambda: np.full((280, 280), 255, np.uint8),
    "full canvas, float": lambda: np.ones((280, 280)),
    "ink over most of the canvas": lambda: np.pad(np.full((250, 250), 255, np.uint8), 15),
    "filled disc": lambda: _line((140, 140), (140, 140), 80),
}


@pytest.mark.parametrize("name", list(NOT_DIGITS))
def test_dash_dot_and_full_canvas_are_not_digits(model, name):
    reading = read_canvas(model, NOT_DIGITS[name]())
    assert reading.verdict == NOT_A_DIGIT, (reading.reason, reading.features)
    _assert_finite(reading)


def test_reasons_name_the_shape(model):
    assert read_canvas(model, NOT_DIGITS["horizontal dash"]()).reason == "line"
    assert read_canvas(model, NOT_DIGITS["dot"]()).reason == "dot"
    assert read_canvas(model, NOT_DIGITS["full canvas"]()).reason == "full"
    assert read_canvas(model, NOT_DIGITS["ink over most of the canvas"]()).reason == "full"
    assert read_canvas(model, NOT_DIGITS["filled disc"]()).reason == "blot"


def test_a_dot_is_not_read_as_a_square(model):
    """mnist_like scales a dot up to fill the 20 x 20 box (a square the network reads as a
    digit); read_canvas still shows that input but says it is not a digit."""
    reading = read_canvas(model, NOT_DIGITS["dot"]())
    assert reading.input is not None and reading.input.reshape(28, 28).max() == 1.0
    assert reading.verdict == NOT_A_DIGIT and reading.reason == "dot"


@pytest.mark.parametrize("canvas", [
    np.zeros((280, 280), np.uint8),
    np.zeros((280, 280), np.float32),
    np.full((280, 280), 0.05),  # a faint smudge below the ink threshold
    np.full((280, 280), 0.3),  # one uniform grey level: nothing drawn
], ids=["uint8", "float32", "faint", "uniform-grey"])
def test_empty_canvas_claims_nothing(model, canvas):
    reading = read_canvas(model, canvas)
    assert (reading.verdict, reading.reason) == (NOT_A_DIGIT, "empty")
    assert reading.digit is None and reading.activations is None and reading.input is None


def test_contract_types(model, mnist):
    reading = read_canvas(model, paint_digit(mnist.test.images[0]))
    assert reading.activations.shape == (10,) and reading.activations.dtype == np.float64
    assert reading.input.shape == (784,) and reading.input.dtype == np.float32
    assert reading.cropped.dtype == np.float32 and reading.scaled.dtype == np.float32
    assert max(reading.scaled.shape) == 20
    assert reading.digit == int(np.argmax(reading.activations))
    assert reading.inverted is False
    _assert_finite(reading)


def test_input_is_mnist_like_of_the_canvas(model, mnist):
    """The one preprocessing: read_canvas's input is core.preprocess.mnist_like's."""
    for image in mnist.test.images[:20]:
        canvas = paint_digit(image, rng=np.random.default_rng(0))
        np.testing.assert_array_equal(read_canvas(model, canvas).input, mnist_like(canvas))


def test_test_digits_read_right(model, mnist):
    """The first 300 test images, as MNIST gives them and painted at a random scale and place,
    are read as the network reads MNIST's own inputs, and hardly any is refused."""
    rng = np.random.default_rng(0)
    images, labels = mnist.test.images[:300], mnist.test.y[:300]
    baseline = model.score(mnist.test.X[:300], labels)
    for canvases in (images, [paint_digit(image, rng=rng) for image in images]):
        readings = [read_canvas(model, c) for c in canvases]
        accuracy = np.mean([r.digit == y for r, y in zip(readings, labels)])
        refused = np.mean([r.verdict != DIGIT for r in readings])
        assert accuracy >= baseline - 0.01
        assert refused <= 0.02


def test_inverted_digits_read_as_the_originals(model, mnist):
    """200 test digits as dark ink on white (a photo of ink on paper) are recognised as such
    and read exactly as the originals (5% before polarity detection)."""
    images, labels = mnist.test.images[:200], mnist.test.y[:200]
    originals = [read_canvas(model, image) for image in images]
    inverted = [read_canvas(model, 255 - image) for image in images]
    assert all(r.inverted for r in inverted) and not any(r.inverted for r in originals)
    assert [r.digit for r in inverted] == [r.digit for r in originals]
    assert np.mean([r.digit == y for r, y in zip(inverted, labels)]) >= 0.95
    np.testing.assert_allclose(inverted[0].input, originals[0].input, atol=1e-6)


def test_photo_of_ink_on_grey_paper(model, mnist):
    """Grey paper (200 of 255) with a little noise and dark-grey ink (40): read as the digit."""
    rng = np.random.default_rng(1)
    reads = 0
    for image, label in zip(mnist.test.images[:50], mnist.test.y[:50]):
        ink = paint_digit(image, rng=rng) / 255.0
        photo = 200 - 160 * ink + rng.normal(0, 4, ink.shape)
        reading = read_canvas(model, np.clip(photo, 0, 255).astype(np.uint8))
        assert reading.inverted
        reads += reading.digit == label
    assert reads >= 47


def test_is_ink_high():
    assert is_ink_high(np.zeros((28, 28), np.uint8))
    assert not is_ink_high(np.full((28, 28), 255, np.uint8))
    touching = _line((0, 140), (279, 140), 20)  # a stroke across the border is still ink
    assert is_ink_high(touching)
    assert not is_ink_high(255 - touching)


def test_without_a_network(mnist):
    reading = read_canvas(None, paint_digit(mnist.test.images[0]))
    assert (reading.verdict, reading.reason, reading.digit, reading.activations) == (UNSURE, "no network", None, None)
    assert reading.input is not None
    assert read_canvas(None, NOT_DIGITS["dot"]()).verdict == NOT_A_DIGIT


def test_canvas_must_be_two_dimensional(model):
    for bad in (np.zeros((28, 28, 3)), np.zeros(784), np.float64(1.0)):
        with pytest.raises(ValueError):
            read_canvas(model, bad)


ODD = {
    "1x1 black": np.zeros((1, 1), np.uint8),
    "1x1 white": np.full((1, 1), 255, np.uint8),
    "1x1 float ink": np.ones((1, 1)),
    "0x5": np.zeros((0, 5)),
    "1000x3 random": np.random.default_rng(0).integers(0, 256, (1000, 3)).astype(np.uint8),
    "3x1000 stripe": np.pad(np.ones((1, 1000)), ((1, 1), (0, 0))),
    "single pixel": np.pad(np.full((1, 1), 255, np.uint8), ((100, 179), (30, 249))),
    "checkerboard": np.indices((280, 280)).sum(axis=0) % 2 * 255.0 / 255.0,
    "noise": np.random.default_rng(1).random((280, 280)),
    "out of range floats": np.random.default_rng(2).normal(0, 3, (50, 50)),
    "inf": np.where(np.eye(30) > 0, np.inf, 0.0),
    "bool": np.eye(30, dtype=bool),
    "int64 0..255": _line((20, 20), (200, 200), 5).astype(np.int64),
    "float16": np.eye(40, dtype=np.float16),
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_canvases_never_raise_or_give_nan(model, name):
    _assert_finite(read_canvas(model, ODD[name]))


def test_random_small_canvases_never_raise_or_give_nan(model):
    """A seeded fuzz over small arrays of every kind (runs with or without hypothesis)."""
    rng = np.random.default_rng(0)
    for _ in range(300):
        shape = tuple(rng.integers(1, 40, 2))
        kind = rng.integers(4)
        if kind == 0:
            canvas = rng.integers(0, 256, shape).astype(np.uint8)
        elif kind == 1:
            canvas = (rng.random(shape) < rng.random()).astype(np.float32)
        elif kind == 2:
            canvas = rng.random(shape) * (rng.random(shape) < 0.1)
        else:
            canvas = np.zeros(shape, np.uint8)
            canvas[tuple(rng.integers(0, s) for s in shape)] = rng.integers(1, 256)
        _assert_finite(read_canvas(model, canvas))


if given is not None:
    _SHAPES = hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=40)
    _CANVASES = st.one_of(
        hnp.arrays(np.uint8, _SHAPES, elements=st.integers(0, 255)),
        hnp.arrays(st.sampled_from([np.float32, np.float64]), _SHAPES, elements=st.floats(0.0, 1.0, width=32)),
    )
    _BUNDLED = MLP.load(default_model_path())

    @settings(max_examples=200, deadline=None)
    @given(_CANVASES)
    def test_read_canvas_never_raises_or_gives_nan(canvas):
        _assert_finite(read_canvas(_BUNDLED, canvas))


def test_unusual_shapes_need_a_confident_network(model, mnist):
    """A digit's features pass shape_reason; made unusual (three holes, three pieces, a dense
    box, hairlines) they pass only with a confident network (UNUSUAL_TOP)."""
    features = read_canvas(model, mnist.test.images[0]).features
    assert reading.shape_reason(features) == "" and reading.unusual_shape(features) == ""
    unusual = {
        "scribble": {"holes": reading.UNUSUAL_HOLES},
        "scattered": {"pieces": reading.UNUSUAL_PIECES},
        "dense": {"box_fraction": 0.9, "elongation": 0.8},
        "hairline": {"extent_widths": reading.HAIRLINE_WIDTHS + 1},
    }
    for reason, change in unusual.items():
        odd = dataclasses.replace(features, **change)
        assert reading.shape_reason(odd) == "" and reading.unusual_shape(odd) == reason


def _strokes(*segments, radius=11):
    """A canvas with several round-capped strokes (row, col) to (row, col), the app's 22 px pen."""
    return np.maximum.reduce([_line(p0, p1, radius) for p0, p1 in segments])


STROKE_SHAPES = {
    # (canvas, reason): what a newcomer drew and had read as a digit (issue 8's follow-up)
    "X": (lambda: _strokes(((50, 50), (230, 230)), ((50, 230), (230, 50))), "crossed lines"),
    "+": (lambda: _strokes(((40, 140), (240, 140)), ((140, 40), (140, 240))), "crossed lines"),
    "#": (lambda: _strokes(((40, 100), (240, 90)), ((40, 180), (240, 170)), ((100, 40), (95, 240)),
                           ((180, 40), (175, 240))), "crossed lines"),
    "\\ at 45 degrees": (lambda: _line((40, 40), (240, 240), 11), "line"),
    "long \\ at 35 degrees": (lambda: _line((20, 80), (260, 248), 11), "line"),
}


@pytest.mark.parametrize("name", list(STROKE_SHAPES))
def test_crossed_lines_and_backslash_are_not_digits(model, name):
    draw, reason = STROKE_SHAPES[name]
    result = read_canvas(model, draw())
    _assert_finite(result)
    assert (result.verdict, result.reason) == (NOT_A_DIGIT, reason)


def test_a_slash_is_still_a_one(model):
    """A "/" line leaning 30 degrees is how MNIST's ones lean: read as a 1, not refused."""
    result = read_canvas(model, _line((30, 200), (250, 73), 11))
    assert result.features.lean < 0
    assert (result.verdict, result.digit) == (DIGIT, 1)


def test_straight_strokes_of_an_x_a_hash_and_a_digit(mnist):
    """straight_strokes finds the two strokes of an X crossing, the four of a # each crossing
    two, one stroke in a straight line, and strokes that do not all cross in a 0."""
    def strokes(canvas):
        return read_canvas(None, canvas).features

    x = strokes(STROKE_SHAPES["X"][0]())
    assert (x.straight_strokes, x.crossed_strokes) == (2, 2) and x.straight_cover > reading.CROSSED_COVER
    hash_ = strokes(STROKE_SHAPES["#"][0]())
    assert (hash_.straight_strokes, hash_.crossed_strokes) == (4, 4)
    line = strokes(_line((140, 40), (140, 240), 11))
    assert (line.straight_strokes, line.crossed_strokes) == (1, 0) and line.straight_cover > 0.98
    zero = strokes(mnist.test.images[3])  # a 0
    assert mnist.test.y[3] == 0 and reading.stroke_shape(zero) == ""
    assert reading.straight_strokes(np.zeros((5, 5), dtype=bool), 1.0) == (0, 0.0, 0)


def test_stroke_shapes_need_a_doubtful_network(model, mnist):
    """stroke_shape names crossed lines and a zigzag; read_canvas refuses them only below
    STROKES_TOP (a confident network keeps its digit)."""
    features = read_canvas(model, mnist.test.images[0]).features
    assert reading.stroke_shape(features) == ""
    crossed = dataclasses.replace(features, straight_strokes=2, crossed_strokes=2, straight_cover=0.99,
                                  extent_widths=reading.CROSSED_WIDTHS + 1)
    assert reading.stroke_shape(crossed) == "crossed lines"
    assert reading.stroke_shape(dataclasses.replace(crossed, crossed_strokes=1)) == ""
    zigzag = dataclasses.replace(features, crossings=reading.ZIGZAG_CROSSINGS, holes=0,
                                 all_holes=reading.ZIGZAG_PINHOLES)
    assert reading.stroke_shape(zigzag) == "zigzag"
    assert reading.stroke_shape(dataclasses.replace(zigzag, holes=1)) == ""


def test_fours_and_sevens_are_still_digits(model, mnist):
    """The digits most like a + or an X (MNIST's straight-stroked 4s and 7s): of the first 300
    of each in the test set, as given and painted, at most 1% are refused."""
    rng = np.random.default_rng(8)
    images = mnist.test.images[np.isin(mnist.test.y, (4, 7))][:600]
    readings = [read_canvas(model, image) for image in images]
    readings += [read_canvas(model, paint_digit(image, rng=rng)) for image in images[:200]]
    assert np.mean([r.verdict != DIGIT for r in readings]) <= 0.01
