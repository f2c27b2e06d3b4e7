package dev.dvg.engine.nn;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.optim.Optimizers;
import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Same seed ⇒ bit-identical weights after training, with 1 and with 2 kernel threads. */
class DeterminismTest {

    static Stream<Arguments> nets() {
        return Stream.of(
                Arguments.of("MLP 50→64 ReLU→10", new NetworkSpec(new int[]{50}, List.of(
                        new DenseSpec(64, new InitSpec.He()), new ActivationSpec(Activation.RELU),
                        new DenseSpec(10, new InitSpec.Xavier())), LossKind.SOFTMAX_CE, 1e-4)),
                Arguments.of("CNN 1@12×12 conv 4@3×3 → pool → dense 10", new NetworkSpec(new int[]{1, 12, 12}, List.of(
                        new Conv2dSpec(4, 3, 3, 1, new InitSpec.UniformFan()), new ActivationSpec(Activation.RELU),
                        new MaxPool2dSpec(2, 2), new FlattenSpec(), new DenseSpec(10, new InitSpec.Xavier())),
                        LossKind.SOFTMAX_CE, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void oneAndTwoThreadsGiveBitIdenticalWeights(String name, NetworkSpec spec) {
        float[] one;
        float[] two;
        try (Exec e1 = Exec.create(1); Exec e2 = Exec.create(2)) {
            one = train(spec, e1);
            two = train(spec, e2);
        }
        assertArrayEquals(one, two, name);
        assertArrayEquals(one, train(spec, Exec.serial()), name + " (rerun)");
    }

    private static float[] train(NetworkSpec spec, Exec exec) {
        Network net = Network.build(spec, 123, exec);
        Trainer trainer = new Trainer(net, Optimizers.create(new OptimizerSpec.Adam(1e-2, 0.9, 0.999, 1e-8)));
        Random rng = new Random(77);
        int per = net.layers().get(0).inputShape().length == 1 ? spec.inputShape()[0] : 144;
        for (int s = 0; s < 15; s++) {
            int n = 37;
            float[] x = new float[n * per];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float[] y = new float[n * 10];
            for (int i = 0; i < n; i++) {
                y[i * 10 + rng.nextInt(10)] = 1f;
            }
            trainer.step(MiniBatch.of(Tensor.wrap(x, n, per), Tensor.wrap(y, n, 10)));
        }
        return net.getFlat();
    }
}
