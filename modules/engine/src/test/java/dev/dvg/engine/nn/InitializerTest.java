package dev.dvg.engine.nn;

import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each init kind has the standard deviation (and, for uniform kinds, the bound) of its DL4J
 * counterpart, with DL4J's fan-in/fan-out: dense 300→200, and a conv 4→6 channels, 5×5, stride 2
 * (fanIn = 100, fanOut = 6·25/4 = 37.5).
 */
class InitializerTest {

    /** Relative tolerance on the sample std of 60,000 (dense) / 600 (conv) draws: ≈ 5 standard errors. */
    private static final double DENSE_STD_TOL = 0.02;
    private static final double CONV_STD_TOL = 0.15;

    static Stream<Arguments> kinds() {
        double dIn = 300;
        double dOut = 200;
        double cIn = 100;
        double cOut = 37.5;
        return Stream.of(
                Arguments.of("normal 0.01", new InitSpec.Normal(0.01), 0.01, 0.01, Double.NaN, Double.NaN),
                Arguments.of("uniform fan", new InitSpec.UniformFan(), 1 / Math.sqrt(dIn + dOut) / Math.sqrt(3),
                        1 / Math.sqrt(cIn + cOut) / Math.sqrt(3), 1 / Math.sqrt(dIn + dOut), 1 / Math.sqrt(cIn + cOut)),
                Arguments.of("xavier", new InitSpec.Xavier(), Math.sqrt(2 / (dIn + dOut)), Math.sqrt(2 / (cIn + cOut)),
                        Double.NaN, Double.NaN),
                Arguments.of("xavier uniform", new InitSpec.XavierUniform(), Math.sqrt(2 / (dIn + dOut)),
                        Math.sqrt(2 / (cIn + cOut)), Math.sqrt(6 / (dIn + dOut)), Math.sqrt(6 / (cIn + cOut))),
                Arguments.of("he", new InitSpec.He(), Math.sqrt(2 / dIn), Math.sqrt(2 / cIn), Double.NaN, Double.NaN),
                Arguments.of("he uniform", new InitSpec.HeUniform(), Math.sqrt(2 / dIn), Math.sqrt(2 / cIn),
                        Math.sqrt(6 / dIn), Math.sqrt(6 / cIn)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void distributionMatchesDl4j(String name, InitSpec init, double denseStd, double convStd, double denseBound,
                                 double convBound) {
        Network dense = Network.build(new NetworkSpec(new int[]{300}, List.of(new DenseSpec(200, init)),
                LossKind.MSE, 0), 3, Exec.serial());
        check(name + " dense", dense.params().get(0).value().toArray(), denseStd, denseBound, DENSE_STD_TOL);
        assertEquals(0f, dense.params().get(1).value().get(0));
        Network conv = Network.build(new NetworkSpec(new int[]{4, 9, 9}, List.of(new Conv2dSpec(6, 5, 5, 2, init),
                new FlattenSpec()), LossKind.MSE, 0), 3, Exec.serial());
        check(name + " conv", conv.params().get(0).value().toArray(), convStd, convBound, CONV_STD_TOL);
    }

    private static void check(String what, float[] w, double std, double bound, double tol) {
        double sq = 0;
        double max = 0;
        for (float v : w) {
            sq += (double) v * v;
            max = Math.max(max, Math.abs(v));
        }
        double sample = Math.sqrt(sq / w.length);
        assertEquals(std, sample, tol * std, what + ": std");
        if (!Double.isNaN(bound)) {
            assertTrue(max <= bound && max > 0.9 * bound, what + ": max |w| " + max + " vs bound " + bound);
        }
    }
}
