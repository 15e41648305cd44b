"""The four distributions of `uncertainty:` and the `delay:` mapping, against analytic
results.

Tolerances, and why:
- Sample means of N = 200,000 draws are checked to 4 standard errors, 4 x sd / sqrt(N)
  with the distribution's analytic sd. Seeds are fixed, so each check is deterministic;
  4 SE is what keeps the checks honest across other seeds too (a 4 SE miss has odds of
  about 1 in 16,000 per check), while still catching a wrong mean: with these ranges
  4 SE is at most 0.0013 of the amount (the uniform's), and the mistakes that matter (a
  PERT mean taken as (a+m+b)/3, a swapped low and high, a mode used as a mean) move the
  mean by 0.01 or more. The sample sd is checked too, to 6 of its standard errors, which
  catches a normal drawn with the variance as its sd.
- Empirical quantiles of the same samples are checked to 4 of the sample quantile's
  standard errors, sqrt(q (1 - q) / N) / f(x_q), with f the analytic density at x_q.
- `quantile()` is the inverse distribution function, computed, not sampled: checked to
  1e-12 for the closed forms (uniform, triangular, normal at its known points) and to 1e-7
  for PERT, whose inverse is interpolated from a 16,385-point table (worst error about
  1.2e-8, at the ends where the density is steepest).
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest

from bizcase.model.scenario import Scenario
from bizcase.model.uncertainty import Z_95, Uncertainty
from bizcase.risk.distributions import (
    _beta_table,
    delay_quantile,
    normal_quantile,
    pert_shape,
    quantile,
    sample,
    triangular_quantile,
)
from bizcase.risk.sampler import draw, risk_model

N = 200_000
SE_LIMIT = 4.0
QUANTILES = np.array([0.05, 0.5, 0.95])


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# --------------------------------------------------------------------- analytic results


def _beta_pdf(x: float, a: float, b: float) -> float:
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    return math.exp(log_norm + (a - 1) * math.log(x) + (b - 1) * math.log1p(-x))


def _beta_cdf_integer(x: np.ndarray, a: int, b: int) -> np.ndarray:
    """Beta(a, b) with whole shapes: P(X <= x) = P(Binomial(a + b - 1, x) >= a)."""
    n = a + b - 1
    return sum(math.comb(n, j) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1))


def _analytic(u: Uncertainty) -> tuple[float, float]:
    """Mean and standard deviation of the relative change."""
    if u.distribution == "normal":
        assert u.sd is not None
        return u.likely, u.sd
    a, m, b = u.low, u.likely, u.high
    assert a is not None and b is not None
    if u.distribution == "uniform":
        return (a + b) / 2, (b - a) / math.sqrt(12)
    if u.distribution == "triangular":
        var = (a * a + b * b + m * m - a * b - a * m - b * m) / 18
        return (a + m + b) / 3, math.sqrt(var)
    alpha, beta = pert_shape(a, m, b)
    var = alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1)) * (b - a) ** 2
    return (a + 4 * m + b) / 6, math.sqrt(var)


def _density(u: Uncertainty, x: float) -> float:
    if u.distribution == "normal":
        assert u.sd is not None
        return NormalDist(u.likely, u.sd).pdf(x)
    a, m, b = u.low, u.likely, u.high
    assert a is not None and b is not None
    if u.distribution == "uniform":
        return 1 / (b - a)
    if u.distribution == "triangular":
        return 2 * (x - a) / ((b - a) * (m - a)) if x <= m else 2 * (b - x) / ((b - a) * (b - m))
    alpha, beta = pert_shape(a, m, b)
    return _beta_pdf((x - a) / (b - a), alpha, beta) / (b - a)


CASES = {
    "triangular": Uncertainty(low=-0.3, likely=0.0, high=0.1, distribution="triangular"),
    "pert": Uncertainty(low=-0.3, likely=0.0, high=0.1, distribution="pert"),
    "pert-skewed": Uncertainty(low=-0.5, likely=-0.4, high=0.3, distribution="pert"),
    "uniform": Uncertainty(low=-0.2, high=0.3, distribution="uniform"),
    "normal": Uncertainty(likely=0.05, sd=0.1, distribution="normal"),
}


# ------------------------------------------------------------------------- sample means


@pytest.mark.parametrize("name", CASES)
def test_sample_mean_matches_analytic_mean(name: str) -> None:
    u = CASES[name]
    mean, sd = _analytic(u)
    draws = sample(u, _rng(20160401), N)
    assert draws.shape == (N,)
    assert abs(draws.mean() - mean) < SE_LIMIT * sd / math.sqrt(N)
    # The spread too (the sample sd's standard error is about sd / sqrt(2N) for these
    # light-tailed shapes; 6 of them, to allow for the kurtosis term).
    assert abs(draws.std() - sd) < 6 * sd / math.sqrt(2 * N)


def test_analytic_means_are_the_textbook_ones() -> None:
    # PERT (a + 4m + b) / 6 = (-0.3 + 0 + 0.1) / 6 = -0.0333...; triangular (a + m + b) / 3
    # = -0.0666...; uniform (a + b) / 2 = 0.05; normal: its likely value.
    assert _analytic(CASES["pert"])[0] == pytest.approx(-0.2 / 6, abs=1e-15)
    assert _analytic(CASES["triangular"])[0] == pytest.approx(-0.2 / 3, abs=1e-15)
    assert _analytic(CASES["uniform"])[0] == pytest.approx(0.05, abs=1e-15)
    assert _analytic(CASES["normal"])[0] == 0.05
    # PERT's Beta mean alpha / (alpha + beta) is the same (a + 4m + b) / 6.
    alpha, beta = pert_shape(-0.5, -0.4, 0.3)
    assert alpha + beta == pytest.approx(6.0)
    assert -0.5 + 0.8 * alpha / (alpha + beta) == pytest.approx((-0.5 - 1.6 + 0.3) / 6)


# -------------------------------------------------------------------- analytic quantiles


def test_uniform_quantiles() -> None:
    u = CASES["uniform"]  # -20% to +30%: a + (b - a) q
    np.testing.assert_allclose(quantile(u, QUANTILES), [-0.175, 0.05, 0.275], atol=1e-12)


def test_triangular_quantiles_closed_form() -> None:
    # a = -0.3, c = 0, b = 0.1; corner F(c) = (c - a) / (b - a) = 0.75.
    #   q = 0.05: a + sqrt(q (b - a)(c - a)) = -0.3 + sqrt(0.05 x 0.4 x 0.3) = -0.2225403
    #   q = 0.50: -0.3 + sqrt(0.5 x 0.4 x 0.3) = -0.0550510
    #   q = 0.95: b - sqrt((1 - q)(b - a)(b - c)) = 0.1 - sqrt(0.05 x 0.4 x 0.1) = 0.0552786
    expected = [-0.3 + math.sqrt(0.006), -0.3 + math.sqrt(0.06), 0.1 - math.sqrt(0.002)]
    np.testing.assert_allclose(quantile(CASES["triangular"], QUANTILES), expected, atol=1e-12)
    np.testing.assert_allclose(expected, [-0.2225403, -0.0550510, 0.0552786], atol=1e-7)


@pytest.mark.parametrize(("low", "likely", "high"), [(-0.3, 0.0, 0.1), (0, 0, 1), (0, 1, 1)])
def test_triangular_quantile_inverts_the_distribution_function(
    low: float, likely: float, high: float
) -> None:
    q = np.linspace(0.0, 0.999, 1000)
    x = triangular_quantile(q, low, likely, high)
    span = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        cdf = np.where(
            x < likely,
            (x - low) ** 2 / (span * (likely - low)),
            1 - (high - x) ** 2 / (span * (high - likely)),
        )
    np.testing.assert_allclose(cdf, q, atol=1e-12)


def test_normal_quantiles() -> None:
    u = CASES["normal"]  # likely 5%, sd 10%: 5% -/+ 1.6448536 x 10%
    expected = [0.05 - 0.1 * 1.6448536269514722, 0.05, 0.05 + 0.1 * 1.6448536269514722]
    np.testing.assert_allclose(quantile(u, QUANTILES), expected, atol=1e-9)
    assert abs(Z_95 - NormalDist().inv_cdf(0.95)) < 1e-15


def test_normal_quantile_matches_the_standard_library() -> None:
    q = np.concatenate(
        [
            [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 0.001, 0.02425, 0.0242501],
            np.linspace(0.0005, 0.9995, 1999),
            [0.9757499, 0.97575, 0.999, 1 - 1e-4, 1 - 1e-6, 1 - 1e-8],
        ]
    )
    ours = normal_quantile(q)
    reference = np.array([NormalDist().inv_cdf(float(p)) for p in q])
    np.testing.assert_allclose(ours, reference, rtol=0, atol=1e-8)
    # Symmetric about 0.5, and 0 at the median.
    assert normal_quantile(np.array([0.5]))[0] == 0.0


@pytest.mark.parametrize("name", CASES)
def test_quantile_matches_empirical_quantiles_of_sample(name: str) -> None:
    """`sample` (numpy's generators) and `quantile` (inverse functions) are two ways to the
    same distribution: the sample's P5/P50/P95 agree with quantile() to 4 standard errors
    of a sample quantile."""
    u = CASES[name]
    draws = sample(u, _rng(7), N)
    empirical = np.quantile(draws, QUANTILES)
    exact = quantile(u, QUANTILES)
    for q, got, want in zip(QUANTILES, empirical, exact, strict=True):
        se = math.sqrt(q * (1 - q) / N) / _density(u, float(want))
        assert abs(got - want) < SE_LIMIT * se, (q, got, want, se)


# ------------------------------------------------------------------------------ PERT


@pytest.mark.parametrize("k", [0, 1, 2, 3, 4])
def test_pert_quantile_inverts_the_exact_beta_distribution_function(k: int) -> None:
    """PERT on [0, 1] with likely k/4 is Beta(1 + k, 5 - k), a polynomial distribution
    function: Beta(1, 5) has F(x) = 1 - (1 - x)^5, Beta(3, 3) F(x) = 10x^3 - 15x^4 + 6x^5."""
    u = Uncertainty(low=0.0, likely=k / 4, high=1.0, distribution="pert")
    assert pert_shape(0.0, k / 4, 1.0) == (1 + k, 5 - k)
    q = np.linspace(0.0005, 0.9995, 1999)
    x = quantile(u, q)
    np.testing.assert_allclose(_beta_cdf_integer(x, 1 + k, 5 - k), q, atol=1e-7)


def test_pert_known_quantiles() -> None:
    q = QUANTILES
    # Beta(1, 5): F(x) = 1 - (1 - x)^5, so x_q = 1 - (1 - q)^(1/5):
    # 0.0102062, 0.1294494, 0.4507197.
    u = Uncertainty(low=0.0, likely=0.0, high=1.0, distribution="pert")
    np.testing.assert_allclose(quantile(u, q), 1 - (1 - q) ** 0.2, atol=1e-7)
    np.testing.assert_allclose(1 - (1 - q) ** 0.2, [0.0102062, 0.1294494, 0.4507197], atol=1e-7)
    # Beta(5, 1): F(x) = x^5, so x_q = q^(1/5).
    u = Uncertainty(low=0.0, likely=1.0, high=1.0, distribution="pert")
    np.testing.assert_allclose(quantile(u, q), q**0.2, atol=1e-7)
    # Beta(3, 3) is symmetric: the median is the middle, P5 and P95 mirror each other.
    u = Uncertainty(low=-0.3, likely=0.0, high=0.3, distribution="pert")
    x = quantile(u, q)
    assert x[1] == pytest.approx(0.0, abs=1e-9)
    assert x[0] == pytest.approx(-x[2], abs=1e-9)


def test_beta_table_for_beta_2_2() -> None:
    """Beta(2, 2) (not a PERT shape, whose shapes sum to 6, but the same table) has
    F(x) = 3x^2 - 2x^3 and median 0.5 by symmetry."""
    cdf, grid = _beta_table(2.0, 2.0)
    np.testing.assert_allclose(cdf, 3 * grid**2 - 2 * grid**3, atol=1e-8)
    assert np.interp(0.5, cdf, grid) == pytest.approx(0.5, abs=1e-9)


def test_pert_quantile_matches_numpy_beta_samples() -> None:
    # PERT(-0.5, -0.4, 0.3): Beta(1.5, 4.5) on [-0.5, 0.3]. numpy's own beta draws,
    # 200,000 of them, against quantile() at P5/P50/P95, to 4 SE of a sample quantile.
    alpha, beta = pert_shape(-0.5, -0.4, 0.3)
    assert (alpha, beta) == pytest.approx((1.5, 4.5))
    raw = _rng(11).beta(alpha, beta, N)
    exact = (quantile(CASES["pert-skewed"], QUANTILES) + 0.5) / 0.8
    for q, got, want in zip(QUANTILES, np.quantile(raw, QUANTILES), exact, strict=True):
        se = math.sqrt(q * (1 - q) / N) / _beta_pdf(float(want), alpha, beta)
        assert abs(got - want) < SE_LIMIT * se


def test_pert_quantile_with_likely_at_an_end_gives_no_warning() -> None:
    # Beta(1, 5) has density 5 at 0; it must not be lost to 0 x log(0) = NaN.
    u = Uncertainty(low=0.0, likely=0.0, high=0.4, distribution="pert")
    with np.errstate(all="raise"):
        x = quantile(u, np.array([0.0, 0.5, 0.999]))
    assert np.all(np.isfinite(x))
    assert x[0] == 0.0


# ------------------------------------------------------------------- degenerate ranges


def test_zero_width_ranges_are_constant() -> None:
    for dist in ("pert", "triangular"):
        u = Uncertainty(low=0.1, likely=0.1, high=0.1, distribution=dist)
        assert np.all(sample(u, _rng(1), 10) == 0.1)
        assert np.all(quantile(u, QUANTILES) == 0.1)
    u = Uncertainty(low=-0.1, high=-0.1, distribution="uniform")
    assert np.all(sample(u, _rng(1), 10) == -0.1)
    u = Uncertainty(likely=0.0, sd=0.0, distribution="normal")
    assert np.all(sample(u, _rng(1), 10) == 0.0)


def test_normal_is_truncated_by_low_high_and_minus_100_percent() -> None:
    # Truncated, not clipped: draws stay within the bounds, and no probability piles up
    # on a bound (a clipped normal of sd 200% would put 31% of its draws at -100%).
    wide = Uncertainty(likely=0.0, sd="200%", distribution="normal")
    draws = sample(wide, _rng(3), N)
    assert draws.min() >= -1.0
    assert np.count_nonzero(draws == -1.0) == 0
    assert quantile(wide, np.array([0.0]))[0] == pytest.approx(-1.0, abs=1e-9)
    bounded = Uncertainty(low=-0.1, likely=0.0, high=0.1, sd="20%", distribution="normal")
    draws = sample(bounded, _rng(3), N)
    assert draws.min() >= -0.1 and draws.max() <= 0.1
    assert np.count_nonzero((draws == -0.1) | (draws == 0.1)) == 0
    # sd 20% on [-10%, +10%]: nearly uniform (the density at the bounds is 88% of the
    # centre's), so about a fifth of the draws fall in each fifth of the range
    assert np.histogram(draws, bins=5, range=(-0.1, 0.1))[0].min() > 0.18 * N


def test_truncated_normal_moments_match_the_analytic_ones() -> None:
    # The case: mean 0, sd 15%, kept within -20% and +10%. With alpha = -0.2/0.15,
    # beta = 0.1/0.15, Z = Phi(beta) - Phi(alpha), the truncated normal has
    #   mean = mu + sd (phi(alpha) - phi(beta)) / Z
    #   var  = sd^2 [1 + (alpha phi(alpha) - beta phi(beta)) / Z - ((phi(alpha) - phi(beta)) / Z)^2]
    from statistics import NormalDist

    unit = NormalDist()
    mu, sd, lo, hi = 0.0, 0.15, -0.2, 0.1
    alpha, beta = (lo - mu) / sd, (hi - mu) / sd
    z = unit.cdf(beta) - unit.cdf(alpha)
    pa, pb = unit.pdf(alpha), unit.pdf(beta)
    mean = mu + sd * (pa - pb) / z
    var = sd**2 * (1 + (alpha * pa - beta * pb) / z - ((pa - pb) / z) ** 2)
    u = Uncertainty(low="-20%", likely=0.0, high="10%", sd="15%", distribution="normal")
    draws = sample(u, _rng(11), 400_000)
    # sampling error of the mean: sd/sqrt(n) ~ 1.1e-4; 5 of them allowed
    assert draws.mean() == pytest.approx(mean, abs=5 * math.sqrt(var / 400_000))
    assert draws.var() == pytest.approx(var, rel=0.01)
    # and its quantiles invert its distribution function: F(x_q) = q
    q = np.array([0.05, 0.5, 0.95])
    x = quantile(u, q)
    cdf = [(unit.cdf((v - mu) / sd) - unit.cdf(alpha)) / z for v in x]
    assert cdf == pytest.approx(q.tolist(), abs=1e-8)


# --------------------------------------------------------------------------- delays

DELAY = ((0, 0.6), (1, 0.3), (2, 0.1))


def test_delay_quantile_follows_cumulative_probabilities() -> None:
    # Cumulative 60%, 90%, 100%: q in [0, 0.6) -> 0 years, [0.6, 0.9) -> 1, [0.9, 1) -> 2.
    q = np.array([0.0, 0.3, 0.5999, 0.6, 0.75, 0.8999, 0.9, 0.95, 0.999999])
    assert delay_quantile(DELAY, q).tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    # A year with no probability is never drawn.
    q = np.linspace(0, 0.9999, 10_000)
    assert set(delay_quantile(((0, 0.5), (1, 0.0), (2, 0.5)), q).tolist()) == {0, 2}
    assert set(delay_quantile(((0, 0.0), (3, 1.0)), q).tolist()) == {3}
    # Probabilities summing to 99.99% (allowed) still cover every q below 1.
    assert delay_quantile(((0, 0.5), (1, 0.4999)), np.array([0.99995]))[0] == 1


def _scenario_with_delay() -> Scenario:
    return Scenario.model_validate(
        {
            "name": "Delays",
            "start": 2016,
            "years": 5,
            "partners": [{"id": "a", "name": "A"}],
            "savings": [
                {"name": "late", "annual": 100, "delay": {0: "60%", 1: "30%", 2: "10%"}},
                {"name": "on time", "annual": 100},
            ],
        }
    )


def test_sampled_delay_frequencies() -> None:
    model = risk_model(_scenario_with_delay())
    years = draw(model, _rng(2016), N).delay["savings"]
    assert not years[:, 1].any()  # no delay written: never delayed
    counts = np.bincount(years[:, 0], minlength=3) / N
    for k, p in enumerate((0.6, 0.3, 0.1)):
        assert abs(counts[k] - p) < SE_LIMIT * math.sqrt(p * (1 - p) / N)
