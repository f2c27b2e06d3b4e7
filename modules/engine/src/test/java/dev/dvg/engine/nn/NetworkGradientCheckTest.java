package dev.dvg.engine.nn;

import dev.dvg.engine.GradCheck;
import dev.dvg.engine.Tensor;
import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole-network gradient checks, one case per model family. */
class NetworkGradientCheckTest {

    private static final InitSpec INIT = new InitSpec.Normal(0.5);

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("logistic 6→1 BCE", spec(new int[]{6}, LossKind.BCE_SIGMOID, 0,
                        new DenseSpec(1, INIT))),
                Arguments.of("MLP sigmoid 6→5→3 BCE", spec(new int[]{6}, LossKind.BCE_SIGMOID, 0,
                        new DenseSpec(5, INIT), act(Activation.SIGMOID), new DenseSpec(3, INIT))),
                Arguments.of("MLP ReLU-softmax 7→6→4 CE + L2", spec(new int[]{7}, LossKind.SOFTMAX_CE, 0.3,
                        new DenseSpec(6, INIT), act(Activation.RELU), new DenseSpec(4, INIT))),
                Arguments.of("tiny CNN conv-relu-pool-flatten-dense CE", spec(new int[]{2, 7, 7}, LossKind.SOFTMAX_CE, 0,
                        new Conv2dSpec(3, 3, 3, 1, INIT), act(Activation.RELU), new MaxPool2dSpec(2, 2),
                        new FlattenSpec(), new DenseSpec(3, INIT))),
                Arguments.of("CNN stride 2, two convs", spec(new int[]{1, 9, 9}, LossKind.SOFTMAX_CE, 0.1,
                        new Conv2dSpec(2, 3, 3, 2, INIT), act(Activation.TANH), new Conv2dSpec(2, 2, 2, 1, INIT),
                        new FlattenSpec(), new DenseSpec(3, INIT))),
                Arguments.of("moons-like deep ReLU 2→5→6→5→1 BCE", spec(new int[]{2}, LossKind.BCE_SIGMOID, 0,
                        new DenseSpec(5, INIT), act(Activation.RELU), new DenseSpec(6, INIT), act(Activation.RELU),
                        new DenseSpec(5, INIT), act(Activation.RELU), new DenseSpec(1, INIT))),
                Arguments.of("ex4-like sigmoid-sigmoid 8→5→4 BCE + L2", spec(new int[]{8}, LossKind.BCE_SIGMOID, 0.5,
                        new DenseSpec(5, INIT), act(Activation.SIGMOID), new DenseSpec(4, INIT))),
                Arguments.of("tanh MSE 4→5→2", spec(new int[]{4}, LossKind.MSE, 0.05,
                        new DenseSpec(5, INIT), act(Activation.TANH), new DenseSpec(2, INIT))),
                Arguments.of("inner softmax 4→5 softmax→3 CE", spec(new int[]{4}, LossKind.SOFTMAX_CE, 0,
                        new DenseSpec(5, INIT), act(Activation.SOFTMAX), new DenseSpec(3, INIT))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void gradientsMatchCentralDifferences(String name, NetworkSpec spec) {
        Network net = Network.build(spec, 42, Exec.serial());
        Random rng = new Random(7);
        int n = 5;
        int[] in = spec.inputShape();
        int per = 1;
        for (int d : in) {
            per *= d;
        }
        Tensor x = Tensor.zeros(n, per);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) rng.nextGaussian();
        }
        Tensor y = targets(spec.loss(), n, net.outputSize(), rng);
        net.computeGradients(x, y);
        GradCheck check = new GradCheck();
        List<String> failures = new ArrayList<>();
        for (Param p : net.params()) {
            float[] analytic = p.grad().toArray();
            for (int i = 0; i < p.size(); i++) {
                double num = GradCheck.numeric(p.value().data(), i, () -> net.loss(x, y));
                String f = check.compare(p.name() + "[" + i + "]", analytic[i], num);
                if (f != null) {
                    failures.add(f);
                }
            }
        }
        System.out.println("gradient check " + name + ": " + check.summary());
        assertTrue(failures.isEmpty(), name + ": " + failures);
    }

    static Tensor targets(LossKind loss, int n, int k, Random rng) {
        Tensor y = Tensor.zeros(n, k);
        for (int r = 0; r < n; r++) {
            if (loss == LossKind.SOFTMAX_CE) {
                y.data()[r * k + rng.nextInt(k)] = 1f;
            } else {
                for (int j = 0; j < k; j++) {
                    y.data()[r * k + j] = loss == LossKind.MSE ? (float) rng.nextGaussian() : rng.nextInt(2);
                }
            }
        }
        return y;
    }

    static NetworkSpec spec(int[] in, LossKind loss, double l2, LayerSpec... layers) {
        return new NetworkSpec(in, List.of(layers), loss, l2);
    }

    static LayerSpec act(Activation a) {
        return new ActivationSpec(a);
    }
}
