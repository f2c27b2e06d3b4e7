package dev.dvg.data;

/**
 * numpy's legacy {@code numpy.random.RandomState} (MT19937), reproduced bit for bit for the calls the
 * data layer needs, so shuffles and two-moons data can be regenerated in Python and compared:
 * <ul>
 *   <li>{@code RandomState(seed)} for an int seed in [0, 2^32): Matsumoto–Nishimura {@code init_genrand};
 *       {@code RandomState([a, b, ...])}: {@code init_by_array} ({@link #fromArray});</li>
 *   <li>{@link #randomSample()} = {@code random_sample()}: 53-bit double {@code (a>>5, b>>6)};</li>
 *   <li>{@link #gauss()} = {@code standard_normal()}: polar Box–Muller, caching the second value. It
 *       calls {@code log}, where glibc (numpy) and Java ({@link Math#log}, chosen because it agrees with
 *       glibc far more often than {@link StrictMath#log}) differ in the last bit for about 0.1% of draws;
 *       every other call here is numpy's exactly;</li>
 *   <li>{@link #interval(long)} = numpy's {@code random_interval}: masked rejection on 32-bit words;</li>
 *   <li>{@link #shuffle(int[])} = {@code shuffle(ndarray)}, {@link #permutation(int)} = {@code permutation(n)},
 *       {@link #randint(int)} = {@code randint(0, n)}.</li>
 * </ul>
 * Not thread-safe.
 *
 * <p>Reference: M. Matsumoto and T. Nishimura, "Mersenne Twister: a 623-dimensionally equidistributed
 * uniform pseudo-random number generator", ACM TOMACS 8(1), 1998; numpy {@code mt19937.c},
 * {@code distributions.c} ({@code random_interval}) and {@code legacy-distributions.c} ({@code legacy_gauss}).
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;
    private boolean hasGauss;
    private double gauss;

    private NumpyRandomState() {
    }

    /**
     * {@code RandomState(seed)}. Seeds in [0, 2^32) behave exactly as numpy's int seeds; other longs are
     * seeded as numpy's {@code RandomState([low32, high32])} (numpy itself rejects such int seeds).
     */
    public NumpyRandomState(long seed) {
        if (seed >= 0 && seed <= 0xFFFFFFFFL) {
            initGenrand((int) seed);
        } else {
            initByArray(new int[] {(int) seed, (int) (seed >>> 32)});
        }
    }

    /** {@code RandomState(array)} for an array of 32-bit unsigned words. */
    public static NumpyRandomState fromArray(int... key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("seed array must not be empty");
        }
        NumpyRandomState rs = new NumpyRandomState();
        rs.initByArray(key);
        return rs;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
        hasGauss = false;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        mti = N;
        hasGauss = false;
    }

    private void generate() {
        int kk;
        int y;
        for (kk = 0; kk < N - M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; kk < N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        mti = 0;
    }

    /** Next raw 32-bit output (as an unsigned value in a long). */
    public long nextUint32() {
        if (mti >= N) {
            generate();
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    /** {@code random_sample()}: uniform in [0, 1) with 53 random bits. */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code standard_normal()} of the legacy generator (polar method, second value cached). */
    public double gauss() {
        if (hasGauss) {
            hasGauss = false;
            double g = gauss;
            gauss = 0.0;
            return g;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code normal(loc, scale)}. */
    public double normal(double loc, double scale) {
        return loc + scale * gauss();
    }

    /** numpy's {@code random_interval(max)}: uniform in [0, max], by masked rejection. */
    public long interval(long max) {
        if (max < 0 || max > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max must be in [0, 2^32), got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** {@code randint(0, n)}: uniform in [0, n). */
    public int randint(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        return (int) interval(n - 1L);
    }

    /** {@code shuffle(a)} for a 1-d array: Fisher–Yates from the end, j = random_interval(i). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code permutation(n)}: a shuffled {@code arange(n)}. */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a);
        return a;
    }
}
