package dev.dvg.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RMSprop and Adam split a large tensor over threads and give the serial update bit for bit. */
class ParallelUpdateTest {

    /** Above the split threshold and not a multiple of the grain or of a vector. */
    private static final int N = ParallelUpdate.MIN_ELEMENTS * 2 + 37;

    private static List<Param> params(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[N];
        float[] small = new float[10];
        for (int i = 0; i < N; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < small.length; i++) {
            small[i] = (float) r.nextGaussian();
        }
        return List.of(new Param("0.W", Tensor.wrap(w, N), Tensor.zeros(N), true),
                new Param("0.b", Tensor.wrap(small, small.length), Tensor.zeros(small.length), false));
    }

    private static void gradients(List<Param> ps, int step) {
        SplittableRandom r = new SplittableRandom(100 + step);
        for (Param p : ps) {
            float[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (r.nextGaussian() * 1e-2);
            }
        }
    }

    private static void sameAsSerial(OptimizerSpec spec) {
        List<Param> serial = params(1);
        List<Param> split = params(1);
        Optimizer one = Optimizers.create(spec);
        try (Exec two = Exec.create(2)) {
            Optimizer parallel = Optimizers.create(spec, two);
            for (int step = 0; step < 3; step++) {
                gradients(serial, step);
                gradients(split, step);
                one.step(serial);
                parallel.step(split);
                for (int p = 0; p < serial.size(); p++) {
                    assertArrayEquals(serial.get(p).value().data(), split.get(p).value().data(), 0f,
                            spec + " step " + step + " param " + p);
                }
            }
        }
        assertTrue(serial.get(0).value().data()[0] != params(1).get(0).value().data()[0], "the update moved W");
    }

    @Test
    void rmsProp() {
        sameAsSerial(new OptimizerSpec.RmsProp(1e-3, 0.9, 1e-8));
    }

    @Test
    void adam() {
        sameAsSerial(new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8));
    }
}
