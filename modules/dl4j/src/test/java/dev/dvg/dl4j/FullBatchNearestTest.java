package dev.dvg.dl4j;

import dev.dvg.dl4j.parity.ParityBatch;
import dev.dvg.dl4j.parity.SyntheticBatches;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nearest DL4J mapping of the full-batch minimisers (digits20-mlp25's default) builds and
 * actually minimises: a few full-batch fit() iterations of DL4J's LBFGS / CONJUGATE_GRADIENT lower
 * the loss on a fixed batch.
 */
class FullBatchNearestTest {

    private static final Logger LOG = LoggerFactory.getLogger(FullBatchNearestTest.class);

    @ParameterizedTest
    @ValueSource(strings = {"lbfgs", "cg"})
    void dl4jFullBatchAlgorithmsMinimise(String kind) {
        ModelSpec m = ReferenceModels.get(ReferenceModels.DIGITS20_MLP25);
        OptimizerSpec o = kind.equals("lbfgs") ? new OptimizerSpec.Lbfgs(10, 10) : new OptimizerSpec.ConjugateGradient(10);
        Goliath g = Goliath.build(m.network(), o, m.seed(), GoliathOptions.DEFAULT.withBceFromLogits(true));
        assertEquals(kind.equals("lbfgs") ? OptimizationAlgorithm.LBFGS : OptimizationAlgorithm.CONJUGATE_GRADIENT,
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
}
