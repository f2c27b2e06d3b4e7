package dev.dvg.dl4j;

import dev.dvg.dl4j.parity.ParityBatch;
import dev.dvg.dl4j.parity.SyntheticBatches;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The nearest DL4J mapping of the full-batch minimisers (digits20-mlp25's default) builds and
 * actually minimises: a few full-batch fit() iterations lower the loss on a fixed batch, and on the
 * real digits the L-BFGS twin keeps descending and trains.
 */
class FullBatchNearestTest {

    private static final Logger LOG = LoggerFactory.getLogger(FullBatchNearestTest.class);

    @ParameterizedTest
    @ValueSource(strings = {"lbfgs", "cg"})
    void dl4jFullBatchAlgorithmsMinimise(String kind) {
        ModelSpec m = ReferenceModels.get(ReferenceModels.DIGITS20_MLP25);
        OptimizerSpec o = kind.equals("lbfgs") ? new OptimizerSpec.Lbfgs(10, 10) : new OptimizerSpec.ConjugateGradient(10);
        Goliath g = Goliath.build(m.network(), o, m.seed(), GoliathOptions.DEFAULT.withBceFromLogits(true));
        assertEquals(kind.equals("lbfgs") ? GoliathBuilder.LBFGS_NEAREST : OptimizationAlgorithm.CONJUGATE_GRADIENT,
                g.network().getLayerWiseConfigurations().getConf(0).getOptimizationAlgo());
        assertEquals(1, g.approximations().size());
        ParityBatch b = SyntheticBatches.of(m, 200, 1, 4).get(0);
        double start = g.loss(b.x(), b.y(), b.n());
        for (int i = 0; i < 10; i++) {
            g.fitStep(b.x(), b.y(), b.n());
        }
        double end = g.loss(b.x(), b.y(), b.n());
        LOG.info("DL4J {} on digits20-mlp25 (200 synthetic examples): loss {} -> {} in 10 iterations", kind, start, end);
        assertTrue(end < 0.7 * start, kind + ": " + start + " -> " + end);
    }

    /**
     * The runner's L-BFGS twin on the 5000 real digits: the loss falls at every one of the first 20
     * iterations and training accuracy reaches 0.8 in 50 (DL4J's own LBFGS stalls at ≈ 0.11 here,
     * {@link Dl4jLbfgsDefectTest}; measured: 0.8232 at 50, 0.9132 at 200).
     */
    @Test
    void lbfgsTwinTrainsOnDigits20() {
        Digits20Fixture d = Digits20Fixture.loadOrNull();
        assumeTrue(d != null, "digits.png is not in the shared data folder (system property dvg.shared.data)");
        Goliath g = d.goliath();
        double prev = g.loss(d.x, d.y, d.n);
        double first = prev;
        for (int i = 1; i <= 50; i++) {
            g.fitStep(d.x, d.y, d.n);
            if (i <= 20) {
                double now = g.loss(d.x, d.y, d.n);
                assertTrue(now < prev, "iteration " + i + ": loss " + prev + " -> " + now);
                prev = now;
            }
        }
        double acc = d.accuracy(g.network(), g.features(d.x, d.n));
        LOG.info("L-BFGS twin ({}) on digits20-mlp25: loss {} -> {} (20 it.), accuracy {} after 50",
                GoliathBuilder.LBFGS_NEAREST, first, prev, acc);
        assertTrue(acc >= 0.8, "training accuracy after 50 iterations: " + acc);
    }
}
