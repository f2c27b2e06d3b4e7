package dev.dvg.kernels;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vectorised updates equal the plain scalar formulas bit for bit (lengths around the vector
 * width exercise the tail), and subnormal state is stored as 0.
 */
class UpdatesTest {

    private static float[] random(Random r, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian() * scale;
        }
        return x;
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 15, 16, 17, 33, 1000})
    void rmsPropEqualsTheScalarFormula(int n) {
        Random r = new Random(n);
        float[] w = random(r, n, 1f);
        float[] s = random(r, n, 0.01f);
        for (int i = 0; i < n; i++) {
            s[i] = Math.abs(s[i]);
        }
        float[] w2 = w.clone();
        float[] s2 = s.clone();
        float lr = 1e-3f, decay = 0.95f, eps = 1e-8f;
        for (int step = 0; step < 3; step++) {
            float[] g = random(r, n, 0.1f);
            Updates.rmsProp(n, w, g, s, lr, decay, eps);
            for (int i = 0; i < n; i++) {
                s2[i] = s2[i] * decay + g[i] * g[i] * (1f - decay);
                w2[i] -= (lr * g[i]) / ((float) Math.sqrt(s2[i]) + eps);
            }
            assertArrayEquals(s2, s, "state, step " + step);
            assertArrayEquals(w2, w, "weights, step " + step);
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 15, 16, 17, 33, 1000})
    void adamEqualsTheScalarFormula(int n) {
        Random r = new Random(100 + n);
        float[] w = random(r, n, 1f);
        float[] m = new float[n];
        float[] v = new float[n];
        float[] w2 = w.clone();
        float[] m2 = new float[n];
        float[] v2 = new float[n];
        float alpha = 3.2e-4f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        for (int step = 0; step < 3; step++) {
            float[] g = random(r, n, 0.1f);
            Updates.adam(n, w, g, m, v, alpha, b1, b2, eps);
            for (int i = 0; i < n; i++) {
                m2[i] = b1 * m2[i] + g[i] * (1f - b1);
                v2[i] = b2 * v2[i] + g[i] * g[i] * (1f - b2);
                w2[i] -= (m2[i] * alpha) / ((float) Math.sqrt(v2[i]) + eps);
            }
            assertArrayEquals(m2, m, "m, step " + step);
            assertArrayEquals(v2, v, "v, step " + step);
            assertArrayEquals(w2, w, "weights, step " + step);
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 15, 16, 17, 33, 1000})
    void nesterovEqualsTheScalarFormula(int n) {
        Random r = new Random(200 + n);
        float[] w = random(r, n, 1f);
        float[] v = new float[n];
        float[] w2 = w.clone();
        float[] v2 = new float[n];
        float lr = 0.05f, mu = 0.9f;
        for (int step = 0; step < 3; step++) {
            float[] g = random(r, n, 0.1f);
            Updates.nesterov(n, w, g, v, lr, mu);
            for (int i = 0; i < n; i++) {
                float prev = mu * v2[i];
                v2[i] = prev - lr * g[i];
                w2[i] -= prev + (-mu - 1f) * v2[i];
            }
            assertArrayEquals(v2, v, "velocity, step " + step);
            assertArrayEquals(w2, w, "weights, step " + step);
        }
    }

    /** With a zero gradient the state decays; once it would be subnormal it is stored as 0. */
    @Test
    void subnormalStateBecomesZero() {
        int n = 37; // vector body and scalar tail
        float[] g = new float[n];
        float[] w = new float[n];
        float[] s = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        float[] vel = new float[n];
        java.util.Arrays.fill(s, 2f * Float.MIN_NORMAL);
        java.util.Arrays.fill(m, 2f * Float.MIN_NORMAL);
        java.util.Arrays.fill(v, 2f * Float.MIN_NORMAL);
        java.util.Arrays.fill(vel, -2f * Float.MIN_NORMAL);
        Updates.rmsProp(n, w, g, s, 1e-3f, 0.9f, 1e-8f);   // 1.8 MIN_NORMAL: kept
        assertEquals(2f * Float.MIN_NORMAL * 0.9f, s[n - 1]);
        Updates.rmsProp(n, w, g, s, 1e-3f, 0.4f, 1e-8f);   // 0.72 MIN_NORMAL: flushed
        Updates.adam(n, w, g, m, v, 1e-3f, 0.4f, 0.4f, 1e-8f);
        Updates.nesterov(n, new float[n], g, vel, 0.1f, 0.4f);
        for (int i = 0; i < n; i++) {
            assertEquals(0f, s[i], "rmsprop state " + i);
            assertEquals(0f, m[i], "adam m " + i);
            assertEquals(0f, v[i], "adam v " + i);
            assertEquals(0f, vel[i], "velocity " + i);
            assertEquals(0f, w[i], "rmsprop/adam weights do not move on a zero gradient " + i);
        }
    }
}
