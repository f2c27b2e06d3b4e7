# Golden values for dev.dvg.data.moons (MoonsTest). Re-run with:
#   python3 make_moons_golden.py > make_moons_golden.txt
# scikit-learn is not needed: this is sklearn.datasets.make_moons (shuffle=True) and
# sklearn.model_selection.train_test_split's permutation, written against numpy's legacy RandomState
# exactly as scikit-learn 1.x calls it (check_random_state(int) -> RandomState(int);
# utils.shuffle -> resample(replace=False) -> arange + random_state.shuffle; noise via normal(scale)).
import numpy as np

def make_moons(n_samples, noise, seed):
    n_out = n_samples // 2
    n_in = n_samples - n_out
    rs = np.random.RandomState(seed)
    outer_x = np.cos(np.linspace(0, np.pi, n_out))
    outer_y = np.sin(np.linspace(0, np.pi, n_out))
    inner_x = 1 - np.cos(np.linspace(0, np.pi, n_in))
    inner_y = 1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5
    X = np.vstack([np.append(outer_x, inner_x), np.append(outer_y, inner_y)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    idx = np.arange(n_samples)
    rs.shuffle(idx)
    X, y = X[idx], y[idx]
    if noise is not None:
        X = X + rs.normal(scale=noise, size=X.shape)
    return X, y

print("numpy", np.__version__)
rs = np.random.RandomState(0)
print("random_sample seed=0", " ".join(float(v).hex() for v in rs.random_sample(5)))
rs = np.random.RandomState(123456789)
print("normal seed=123456789", " ".join(float(v).hex() for v in rs.normal(size=5)))
rs = np.random.RandomState(7)
print("permutation seed=7 n=20", " ".join(str(v) for v in rs.permutation(20)))
rs = np.random.RandomState(7)
print("randint seed=7 n=1000", " ".join(str(v) for v in rs.randint(0, 1000, size=10)))
rs = np.random.RandomState([5, 1])
print("random_sample seed=[5,1]", " ".join(float(v).hex() for v in rs.random_sample(3)))
for (n, noise, seed) in [(1000, 0.2, 42), (101, 0.1, 0), (10, None, 3)]:
    X, y = make_moons(n, noise, seed)
    print("moons", n, noise, seed, len(X))
    for i in range(len(X)):
        print(i, y[i], float(X[i, 0]).hex(), float(X[i, 1]).hex())
# train_test_split(test_size=0.1, random_state=42) on 1000 rows: rows permutation[:100] are test
rs = np.random.RandomState(42)
perm = rs.permutation(1000)
print("split 1000 0.1 42", " ".join(str(v) for v in perm[:100]))
