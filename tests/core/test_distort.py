"""core.distort: affine and elastic distortions (Simard et al. 2003), reproducible from a seed."""

import numpy as np
import pytest

from core.distort import SIMARD_ELASTIC, Distortion, distort, elastic_fields, gaussian_matrix


def test_identity_settings_return_the_images_unchanged(mnist):
    X = mnist.test.X[:50]
    out = distort(X, Distortion(), np.random.default_rng(0))
    assert out is not X and out.dtype == np.float32 and out.shape == X.shape
    np.testing.assert_array_equal(out, X)
    # Ranges of 0 with an elastic field of alpha 0 too: bilinear sampling at the pixel centres.
    np.testing.assert_allclose(distort(X, Distortion(sigma=4.0), np.random.default_rng(0)), X)


def test_the_same_seed_gives_the_same_copies_and_another_seed_others(mnist):
    X = mnist.test.X[:200]
    a = distort(X, SIMARD_ELASTIC, np.random.default_rng(7))
    b = distort(X, SIMARD_ELASTIC, np.random.default_rng(7))
    c = distort(X, SIMARD_ELASTIC, np.random.default_rng(8))
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    assert a.shape == X.shape and a.dtype == np.float32 and a.min() >= 0 and a.max() <= 1
    assert distort(X.astype(np.float64), SIMARD_ELASTIC, np.random.default_rng(7)).dtype == np.float64


@pytest.mark.parametrize(("distortion", "per_image"), [(Distortion(shift=2.0, rotation=15.0), 0.03),
                                                      (Distortion(alpha=8.0, sigma=4.0), 0.05),
                                                      (SIMARD_ELASTIC, 0.15)])
def test_a_distorted_image_keeps_its_ink_mass(mnist, distortion, per_image):
    """Shifts and rotations move ink without changing it; an elastic field stretches some
    strokes and squeezes others. Over the data the mass stays within 1%; per image (the
    median) within 3% for shifts and rotations, 5% for a mild field (alpha 8) and 15% for
    Simard's (alpha 34, sigma 4: displacements of 1.3 pixels rms; measured 10.5-11%)."""
    X = mnist.test.X[:1000]
    out = distort(X, distortion, np.random.default_rng(1))
    before, after = X.sum(axis=1), out.sum(axis=1)
    assert abs(after.sum() / before.sum() - 1) < 0.01
    assert np.median(np.abs(after - before) / before) < per_image
    assert np.mean(np.abs(out - X)) > 0.01  # and they did change


def test_small_rotations_keep_the_digit_readable(mnist):
    from core.mlp import MLP
    from core.paths import default_model_path

    model = MLP.load(default_model_path())
    X, y = mnist.test.X[:1000], mnist.test.y[:1000]
    out = distort(X, Distortion(rotation=10.0, shift=1.0), np.random.default_rng(2))
    assert (model.predict(out) == y).mean() > 0.9


def test_elastic_fields_are_smoothed_uniform_noise_scaled_by_alpha():
    f1 = elastic_fields(200, 28, 1.0, 4.0, np.random.default_rng(3))
    f34 = elastic_fields(200, 28, 34.0, 4.0, np.random.default_rng(3))
    assert f1.shape == (200, 2, 28, 28) and f1.dtype == np.float32
    np.testing.assert_allclose(f34, 34 * f1, rtol=1e-5, atol=1e-6)
    assert 0.01 < f1.std() < 0.2  # averaging ~ (8 sigma)^2 values of variance 1/3 gives small values
    neighbours = np.corrcoef(f1[:, 0, :, :-1].ravel(), f1[:, 0, :, 1:].ravel())[0, 1]
    assert neighbours > 0.9  # smooth: neighbouring pixels move together
    K = gaussian_matrix(28, 4.0)
    np.testing.assert_allclose(K, K.T)
    assert np.all(K.sum(axis=1) <= 1 + 1e-12) and abs(K[14].sum() - 1) < 1e-3


def test_bad_ranges_and_shapes_are_refused(mnist):
    for bad in ({"shift": -1}, {"rotation": float("nan")}, {"scale": 1.0}, {"alpha": 5, "sigma": 0}):
        with pytest.raises(ValueError, match="distortion|sigma"):
            Distortion(**bad)
    with pytest.raises(ValueError, match="square"):
        distort(np.zeros((3, 10), np.float32), SIMARD_ELASTIC, np.random.default_rng(0))
    with pytest.raises(ValueError, match="rows"):
        distort(np.zeros(784, np.float32), SIMARD_ELASTIC, np.random.default_rng(0))
    assert distort(mnist.test.X[:0], SIMARD_ELASTIC, np.random.default_rng(0)).shape == (0, 784)
