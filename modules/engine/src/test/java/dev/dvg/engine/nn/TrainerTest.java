package dev.dvg.engine.nn;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.optim.Optimizers;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static final NetworkSpec LOGISTIC = new NetworkSpec(new int[]{2},
            List.of(new DenseSpec(1, new InitSpec.Normal(0.01))), LossKind.BCE_SIGMOID, 0);

    /** A linearly separable problem: y = 1 iff x0 + x1 > 0. */
    static List<MiniBatch> batches(int count, int n, long seed) {
        Random rng = new Random(seed);
        List<MiniBatch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] x = new float[n * 2];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                x[2 * i] = (float) rng.nextGaussian();
                x[2 * i + 1] = (float) rng.nextGaussian();
                y[i] = x[2 * i] + x[2 * i + 1] > 0 ? 1f : 0f;
            }
            out.add(MiniBatch.of(Tensor.wrap(x, n, 2), Tensor.wrap(y, n, 1)));
        }
        return out;
    }

    @Test
    void lossFallsAndListenersSeeEveryStep() {
        Network net = Network.build(LOGISTIC, 1, Exec.serial());
        Trainer trainer = new Trainer(net, Optimizers.create(new OptimizerSpec.Sgd(1.0)));
        List<Double> losses = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        trainer.addListener(new TrainingListener() {
            @Override
            public void onStep(int step, double loss) {
                assertEquals(losses.size() + 1, step);
                losses.add(loss);
            }

            @Override
            public void onEpochEnd(int epoch, int stepsSoFar) {
                epochs.add(stepsSoFar);
            }
        });
        List<MiniBatch> data = batches(10, 32, 3);
        trainer.fitEpochs(data::iterator, 3);
        assertEquals(List.of(10, 20, 30), epochs);
        assertEquals(30, losses.size());
        assertEquals(Math.log(2), losses.get(0), 0.02);
        assertTrue(losses.get(29) < 0.3, "loss after 30 steps: " + losses.get(29));
        double last = trainer.fit(batches(100, 32, 4).iterator(), 5);
        assertEquals(35, trainer.steps());
        assertTrue(last < 0.3);
    }

    @Test
    void divergenceNamesTheStepAndLeavesParamsUntouched() {
        Network net = Network.build(LOGISTIC, 1, Exec.serial());
        Trainer trainer = new Trainer(net, Optimizers.create(new OptimizerSpec.Sgd(0.1)));
        List<MiniBatch> data = new ArrayList<>(batches(3, 4, 5));
        data.add(MiniBatch.of(Tensor.wrap(new float[]{Float.NaN, 1}, 1, 2), Tensor.wrap(new float[]{1}, 1, 1)));
        Iterator<MiniBatch> it = data.iterator();
        trainer.fit(it, 3);
        float[] before = net.getFlat();
        DivergenceException e = assertThrows(DivergenceException.class, () -> trainer.fit(it, 10));
        assertEquals(4, e.step());
        assertTrue(e.getMessage().contains("step 4") && e.getMessage().contains("NaN"), e.getMessage());
        assertArrayEquals(before, net.getFlat());
    }
}
