package dev.dvg.engine.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.kernels.Exec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A loss that splits rows over threads gives the serial value and gradient bit for bit. */
class LossThreadsTest {

    @Test
    void softmaxCrossEntropyIsThreadCountIndependent() {
        int n = 20_000;
        int k = 10;
        SplittableRandom r = new SplittableRandom(5);
        float[] z = new float[n * k];
        float[] y = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                z[i * k + j] = (float) (r.nextGaussian() * 4);
            }
            y[i * k + r.nextInt(k)] = 1f;
        }
        Tensor zt = Tensor.wrap(z, n, k);
        Tensor yt = Tensor.wrap(y, n, k);
        Tensor serialGrad = Tensor.zeros(n, k);
        double serial = Loss.of(LossKind.SOFTMAX_CE).valueAndGradient(zt, yt, serialGrad);
        try (Exec two = Exec.create(2)) {
            Loss parallel = Loss.of(LossKind.SOFTMAX_CE, two);
            for (int call = 0; call < 2; call++) { // the second call reuses the row buffer
                Tensor grad = Tensor.zeros(n, k);
                assertEquals(serial, parallel.valueAndGradient(zt, yt, grad), 0.0, "loss, call " + call);
                assertArrayEquals(serialGrad.data(), grad.data(), 0f, "gradient, call " + call);
            }
        }
    }
}
