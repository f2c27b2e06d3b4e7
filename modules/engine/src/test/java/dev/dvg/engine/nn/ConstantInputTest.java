package dev.dvg.engine.nn;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.layer.Dense;
import dev.dvg.engine.optim.Optimizers;
import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full-batch training on a constant input: the first dense layer keeps X packed from the second
 * step on, and the weights stay bit-identical to training on a plain tensor of the same data.
 */
class ConstantInputTest {

    // 120 image-like inputs of 300 features, 96 hidden units (> 64, so X·W and Xᵀ·dZ pack A)
    private static final NetworkSpec SPEC = new NetworkSpec(new int[]{300}, List.of(
            new DenseSpec(96, new InitSpec.He()), new ActivationSpec(Activation.RELU),
            new DenseSpec(10, new InitSpec.Xavier())), LossKind.SOFTMAX_CE, 1e-4);
    private static final int N = 120;

    @Test
    void constantFullBatchTrainsToTheSameBits() {
        float[] x = imageLike(N, 300, 5);
        float[] y = labels(N, 6);
        try (Exec two = Exec.create(2)) {
            for (Exec exec : new Exec[]{Exec.serial(), two}) {
                Network plain = Network.build(SPEC, 9, exec);
                Network constant = Network.build(SPEC, 9, exec);
                Trainer tp = new Trainer(plain, Optimizers.create(new OptimizerSpec.RmsProp(1e-3, 0.9, 1e-8)));
                Trainer tc = new Trainer(constant, Optimizers.create(new OptimizerSpec.RmsProp(1e-3, 0.9, 1e-8)));
                Dense first = (Dense) constant.layers().get(0);
                for (int s = 0; s < 6; s++) {
                    double lp = tp.step(MiniBatch.of(Tensor.wrap(x, N, 300), Tensor.wrap(y, N, 10)));
                    // a new tensor every step, as the runner makes: the array is what is recognised
                    double lc = tc.step(MiniBatch.of(Tensor.wrapConstant(x, N, 300), Tensor.wrap(y, N, 10)));
                    assertEquals(lp, lc, 0.0, "loss at step " + s);
                    assertArrayEquals(plain.getFlat(), constant.getFlat(), "weights after step " + s);
                    // packed from the second sighting of the array on
                    assertEquals(s >= 1, first.packedInputBytes() > 0, "packed after step " + s);
                }
                // another constant array drops the panels; a plain one (evaluation) leaves them
                constant.output(Tensor.wrap(x, N, 300));
                assertTrue(first.packedInputBytes() > 0);
                tc.step(MiniBatch.of(Tensor.wrapConstant(x.clone(), N, 300), Tensor.wrap(y, N, 10)));
                tp.step(MiniBatch.of(Tensor.wrap(x, N, 300), Tensor.wrap(y, N, 10)));
                assertEquals(0, first.packedInputBytes());
                assertArrayEquals(plain.getFlat(), constant.getFlat(), "after a new constant array");
            }
        }
    }

    @Test
    void constantTensorRefusesWrites() {
        Tensor t = Tensor.wrapConstant(new float[4], 2, 2);
        assertTrue(t.isConstant());
        assertTrue(t.reshape(4).isConstant());
        assertThrows(UnsupportedOperationException.class, () -> t.set(0, 1f));
    }

    static float[] imageLike(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int p = d / 5; p < d - d / 4; p++) {
                if (r.nextInt(3) == 0) {
                    x[i * d + p] = r.nextFloat();
                }
            }
        }
        return x;
    }

    static float[] labels(int n, long seed) {
        Random r = new Random(seed);
        float[] y = new float[n * 10];
        for (int i = 0; i < n; i++) {
            y[i * 10 + r.nextInt(10)] = 1f;
        }
        return y;
    }
}
