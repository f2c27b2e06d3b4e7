package dev.dvg.dl4j.parity;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.dl4j.GoliathOptions;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why parity uses BCE from logits: on the is-zero-logistic recipe (SGD, lr 1) DL4J's own
 * {@code LossBinaryXENT} (clip 1e-7) agrees with David until the overshoot of the first steps pushes
 * some outputs past the clip, then its capped loss and shrunken gradient part ways; with
 * {@code LossSigmoidXentLogits} the same run agrees to float rounding throughout.
 */
class Dl4jBceClipTest {

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jBceClipTest.class);

    @Test
    void dl4jsClippedXentDepartsOnlyOnceOutputsSaturate() throws Exception {
        ModelSpec m = ReferenceModels.get(ReferenceModels.IS_ZERO_LOGISTIC);
        List<ParityBatch> batches;
        try {
            batches = ParityData.batches(m, 128, 10, new DataCatalog(DataConfig.fromEnvironment().withRemote(false)), null);
        } catch (Exception e) {
            LOG.warn("MNIST not cached ({}); using synthetic MNIST-shaped batches", e.getMessage());
            batches = SyntheticBatches.of(m, 128, 10, 7);
        }
        OptimizerSpec sgd = new OptimizerSpec.Sgd(1.0);
        Parity.Result logits = Parity.run(m, sgd, batches, 10, Exec.serial());
        Parity.Result clipped = Parity.run(m, sgd, batches, 10, Exec.serial(), GoliathOptions.EXACT.withBceFromLogits(false));
        LOG.info("is-zero-logistic SGD lr 1, 10 steps: from logits {}; DL4J LossBinaryXENT(1e-7) {}",
                Parity.summary(logits), Parity.summary(clipped));
        for (Parity.StepLoss s : clipped.losses()) {
            LOG.info("  step {}: david {} dl4j-xent {} rel {}", s.step(), s.david(), s.dl4j(), s.relDiff());
        }
        assertTrue(logits.maxRelLossDiff() < 1e-5, "from logits: " + logits.maxRelLossDiff());
        assertTrue(clipped.losses().get(0).relDiff() < 1e-5, "DL4J's XENT agrees before saturation");
        assertTrue(clipped.maxRelLossDiff() > 100 * logits.maxRelLossDiff(),
                "DL4J's clipped XENT departs once outputs saturate: " + clipped.maxRelLossDiff());
    }
}
