package dev.dvg.engine.optim;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.OptimizerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Three steps of each optimiser on a two-element param with fixed gradients, against the update
 * formulas evaluated independently in double ({@link #TOL}: float rounding of values of order 1).
 */
class OptimizerFormulaTest {

    private static final double TOL = 2e-6;
    private static final float[] G = {0.5f, -2f};

    private static Param param() {
        return new Param("0.W", Tensor.wrap(new float[]{1f, 1f}, 2), Tensor.wrap(G.clone(), 2), true);
    }

    private static void assertParams(double[] expected, Param p, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], p.value().get(i), TOL, what + " element " + i);
        }
    }

    @Test
    void sgd() {
        Optimizer o = Optimizers.create(new OptimizerSpec.Sgd(0.1));
        Param p = param();
        double[] w = {1, 1};
        for (int t = 1; t <= 3; t++) {
            o.step(List.of(p));
            for (int i = 0; i < 2; i++) {
                w[i] -= 0.1 * G[i];
            }
            assertParams(w, p, "sgd step " + t);
        }
        assertEquals(3, o.iteration());
    }

    @Test
    void momentum() {
        Optimizer o = Optimizers.create(new OptimizerSpec.Momentum(0.1, 0.9));
        Param p = param();
        double[] w = {1, 1};
        double[] v = {0, 0};
        for (int t = 1; t <= 3; t++) {
            o.step(List.of(p));
            for (int i = 0; i < 2; i++) {
                v[i] = 0.9 * v[i] - 0.1 * G[i];
                w[i] += v[i];
            }
            assertParams(w, p, "momentum step " + t);
        }
    }

    @Test
    void nesterovAsDl4j() {
        Optimizer o = Optimizers.create(new OptimizerSpec.Nesterov(0.1, 0.9));
        Param p = param();
        double[] w = {1, 1};
        double[] v = {0, 0};
        for (int t = 1; t <= 3; t++) {
            o.step(List.of(p));
            for (int i = 0; i < 2; i++) {
                double vOld = v[i];
                v[i] = 0.9 * v[i] - 0.1 * G[i];
                w[i] += -0.9 * vOld + 1.9 * v[i];
            }
            assertParams(w, p, "nesterov step " + t);
        }
        // first step by hand: v = −0.05, θ = 1 + 1.9·(−0.05) = 0.905
        Param q = param();
        Optimizers.create(new OptimizerSpec.Nesterov(0.1, 0.9)).step(List.of(q));
        assertEquals(0.905, q.value().get(0), TOL);
    }

    @Test
    void rmsPropAsDl4jStateStartsAtEpsilon() {
        double eps = 1e-3;
        Optimizer o = Optimizers.create(new OptimizerSpec.RmsProp(0.1, 0.9, eps));
        Param p = param();
        double[] w = {1, 1};
        double[] s = {eps, eps};
        for (int t = 1; t <= 3; t++) {
            o.step(List.of(p));
            for (int i = 0; i < 2; i++) {
                s[i] = 0.9 * s[i] + 0.1 * G[i] * G[i];
                w[i] -= 0.1 * G[i] / (Math.sqrt(s[i]) + eps);
            }
            assertParams(w, p, "rmsprop step " + t);
        }
    }

    @Test
    void scalarRmsPropKeepsOneStatePerTensor() {
        Optimizer o = Optimizers.create(new OptimizerSpec.ScalarRmsProp(0.1, 0.9, 1e-3));
        Param p = param();
        double[] w = {1, 1};
        double s = 0;
        double normSq = 0.25 + 4;
        for (int t = 1; t <= 3; t++) {
            o.step(List.of(p));
            s = 0.9 * s + 0.1 * normSq;
            for (int i = 0; i < 2; i++) {
                w[i] -= 0.1 * G[i] / (Math.sqrt(s) + 1e-3);
            }
            assertParams(w, p, "scalar rmsprop step " + t);
        }
    }

    @Test
    void adamWithBiasCorrectedStepSize() {
        Optimizer o = Optimizers.create(new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8));
        Param p = param();
        double[] w = {1, 1};
        double[] m = {0, 0};
        double[] v = {0, 0};
        for (int t = 1; t <= 3; t++) {
            o.step(List.of(p));
            double alpha = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            for (int i = 0; i < 2; i++) {
                m[i] = 0.9 * m[i] + 0.1 * G[i];
                v[i] = 0.999 * v[i] + 0.001 * G[i] * G[i];
                w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
            assertParams(w, p, "adam step " + t);
        }
        // the first Adam step moves each weight by ≈ lr·sign(g): α_1 = lr·√0.001/0.1, m/√v = sign(g)·0.1/√0.001
        Param q = param();
        Optimizers.create(new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8)).step(List.of(q));
        assertEquals(0.99, q.value().get(0), 1e-6);
        assertEquals(1.01, q.value().get(1), 1e-6);
    }

    @Test
    void fullBatchSpecsAreNotMinibatchOptimizers() {
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create(new OptimizerSpec.Lbfgs(5, 10)));
    }

    @Test
    void stateIsCheckedAgainstTheParams() {
        Optimizer o = Optimizers.create(new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8));
        o.step(List.of(param()));
        Param other = new Param("0.W", Tensor.zeros(3), Tensor.zeros(3), true);
        assertThrows(IllegalArgumentException.class, () -> o.step(List.of(other)));
    }
}
