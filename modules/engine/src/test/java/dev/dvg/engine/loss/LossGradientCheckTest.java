package dev.dvg.engine.loss;

import dev.dvg.engine.GradCheck;
import dev.dvg.engine.Tensor;
import dev.dvg.engine.spec.LossKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** dZ of every fused loss against central differences of its value, including large |Z|. */
class LossGradientCheckTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(LossKind.class)
    void lossGradients(LossKind kind) {
        Loss loss = Loss.of(kind);
        Random rng = new Random(3);
        int n = 4;
        int k = 3;
        Tensor z = Tensor.zeros(n, k);
        Tensor y = Tensor.zeros(n, k);
        for (int i = 0; i < z.size(); i++) {
            z.data()[i] = (float) (3 * rng.nextGaussian());
        }
        for (int r = 0; r < n; r++) {
            if (kind == LossKind.SOFTMAX_CE) {
                y.data()[r * k + rng.nextInt(k)] = 1f;
            } else {
                for (int j = 0; j < k; j++) {
                    y.data()[r * k + j] = kind == LossKind.MSE ? (float) rng.nextGaussian() : rng.nextFloat();
                }
            }
        }
        Tensor dz = Tensor.zeros(n, k);
        double v = loss.valueAndGradient(z, y, dz);
        assertTrue(Math.abs(v - loss.value(z, y)) < 1e-12, "value and valueAndGradient agree");
        GradCheck check = new GradCheck();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < z.size(); i++) {
            String f = check.compare("dZ[" + i + "]", dz.data()[i], GradCheck.numeric(z.data(), i, () -> loss.value(z, y)));
            if (f != null) {
                failures.add(f);
            }
        }
        System.out.println("gradient check " + kind + ": " + check.summary());
        assertTrue(failures.isEmpty(), kind + ": " + failures);
    }
}
