package dev.dvg.dl4j;

import dev.dvg.dl4j.parity.ParityBatch;
import dev.dvg.dl4j.parity.SyntheticBatches;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@link Goliath#gradientAsDavid} in the middle of training must not change what training does
 * next: DL4J 1.0.0-M2.1's computeGradientAndScore() disturbs the updater state when called
 * outside fit(), which Goliath undoes.
 */
class GradientCallKeepsTrainingStateTest {

    @ParameterizedTest
    @ValueSource(strings = {"rmsprop", "adam", "nesterov"})
    void twinWithoutGradientCallsEndsIdentical(String kind) {
        ModelSpec m = ReferenceModels.get(ReferenceModels.MOONS);
        OptimizerSpec o = switch (kind) {
            case "rmsprop" -> new OptimizerSpec.RmsProp(1e-2, 0.95, 1e-8);
            case "adam" -> new OptimizerSpec.Adam(1e-2, 0.9, 0.999, 1e-8);
            default -> new OptimizerSpec.Nesterov(0.05, 0.9);
        };
        List<ParityBatch> batches = SyntheticBatches.of(m, 16, 8, 3);
        Goliath a = Goliath.build(m.network(), o, 1, GoliathOptions.EXACT);
        Goliath b = Goliath.build(m.network(), o, 1, GoliathOptions.EXACT);
        b.setParamsFromDavid(a.paramsAsDavid());
        float[] grad = new float[a.layout().numParams()];
        for (ParityBatch p : batches) {
            a.fitStep(p.x(), p.y(), p.n());
            b.fitStep(p.x(), p.y(), p.n());
            b.gradientAsDavid(p.x(), p.y(), p.n(), grad);
        }
        assertArrayEquals(a.paramsAsDavid(), b.paramsAsDavid(), kind);
    }
}
