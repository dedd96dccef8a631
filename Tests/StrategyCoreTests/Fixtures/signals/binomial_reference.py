"""Reference p-values for the leaderboard's decay check (BinomialTest.lowerTail).

Run once with scipy 1.17.1; the output is committed as binomial_reference.csv.
Each row: k successes in n trials against win probability p, one-sided (alternative="less"),
i.e. P(X <= k) for X ~ Binomial(n, p).
"""
from scipy.stats import binomtest

cases = [
    (3, 20, 0.6),    # a strategy built to decay: 3 wins of 20 against a 60% backtest
    (11, 20, 0.6),   # a steady one: 11 of 20 against 60%
    (0, 5, 0.5),
    (5, 5, 0.5),
    (7, 10, 0.62),
    (2, 12, 0.55),
    (40, 100, 0.5),
    (450, 1000, 0.5),
    (1, 1, 0.3),
    (0, 1, 0.3),
    (12, 30, 0.62),
    (150, 400, 0.45),
]
print("k,n,p,p_value")
for k, n, p in cases:
    value = float(binomtest(k, n, p, alternative="less").pvalue)
    print(f"{k},{n},{p},{value!r}")
