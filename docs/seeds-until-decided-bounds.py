# Reference values for SequentialDesignTest.allEightLooksMatchScipysMultivariateNormal (scipy 1.17; slow: about 15 minutes).
# all 8 looks of the 3..10 design (fractions 0.3..1.0) solved look by look with scipy's
# multivariate normal CDF (Genz): corr(Z_i, Z_j) = sqrt(t_i / t_j)
import numpy as np
from scipy import stats, optimize
a = 0.05
spent = lambda t: 2 - 2 * stats.norm.cdf(stats.norm.isf(a / 2) / np.sqrt(t))
t = np.arange(3, 11) / 10
for two in (True, False):
    c = []
    for k in range(len(t)):
        tk = t[:k + 1]
        cov = np.sqrt(np.minimum.outer(tk, tk) / np.maximum.outer(tk, tk))
        def stay(ck):
            up = np.array(c + [ck])
            lo = -up if two else np.full(k + 1, -np.inf)
            return stats.multivariate_normal.cdf(up, mean=np.zeros(k + 1), cov=cov, lower_limit=lo, abseps=1e-8, releps=1e-8, maxpts=2_000_000 * (k + 1), rng=np.random.default_rng(1))
        target = 1 - spent(tk[-1])
        c.append(optimize.brentq(lambda x: stay(x) - target, 1.0, 6.0, xtol=1e-9))
    print("two-sided" if two else "one-sided", [round(x, 6) for x in c])
