package dev.dvg.engine.layer;

import dev.dvg.engine.GradCheck;
import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.FlattenSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient checks of single layers and activations: f(X, θ) = Σ R ⊙ layer(X) with a fixed random R,
 * so backward(R) must return ∂f/∂X and leave ∂f/∂θ in the params.
 */
class LayerGradientCheckTest {

    private static final InitSpec INIT = new InitSpec.Normal(1.0);

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("dense 5→4", new DenseSpec(4, INIT), new int[]{5}),
                Arguments.of("dense 1→1", new DenseSpec(1, INIT), new int[]{1}),
                Arguments.of("conv 2@6×6 → 3@3×3 stride 1", new Conv2dSpec(3, 3, 3, 1, INIT), new int[]{2, 6, 6}),
                Arguments.of("conv 1@7×5 → 2@2×3 stride 2", new Conv2dSpec(2, 2, 3, 2, INIT), new int[]{1, 7, 5}),
                Arguments.of("maxpool 2/2 on 2@6×6", new MaxPool2dSpec(2, 2), new int[]{2, 6, 6}),
                Arguments.of("maxpool 3/1 on 1@5×5", new MaxPool2dSpec(3, 1), new int[]{1, 5, 5}),
                Arguments.of("flatten 2@3×3", new FlattenSpec(), new int[]{2, 3, 3}));
    }

    static Stream<Arguments> activations() {
        return Stream.of(Activation.values()).map(a -> Arguments.of(a.name(), new ActivationSpec(a), new int[]{6}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void layerGradients(String name, LayerSpec spec, int[] in) {
        check(name, spec, in);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationGradients(String name, LayerSpec spec, int[] in) {
        check(name, spec, in);
    }

    private static void check(String name, LayerSpec spec, int[] in) {
        Layer layer = Layers.create(spec, in, 0, Exec.serial());
        Random rng = new Random(11);
        for (Param p : layer.params()) {
            for (int i = 0; i < p.size(); i++) {
                p.value().data()[i] = (float) rng.nextGaussian();
            }
        }
        int n = 3;
        int[] shape = new int[in.length + 1];
        shape[0] = n;
        System.arraycopy(in, 0, shape, 1, in.length);
        Tensor x = Tensor.zeros(shape);
        for (int i = 0; i < x.size(); i++) {
            // keep inputs away from ReLU's kink at 0 (see GradCheck)
            double v = rng.nextGaussian();
            x.data()[i] = (float) (v + Math.copySign(0.05, v));
        }
        int outSize = layer.forward(x, true).size();
        float[] r = new float[outSize];
        for (int i = 0; i < outSize; i++) {
            r[i] = (float) rng.nextGaussian();
        }
        int[] outShape = layer.forward(x, true).shape();
        Tensor dx = layer.backward(Tensor.wrap(r.clone(), outShape));
        float[] dxa = dx.toArray();
        List<float[]> grads = new ArrayList<>();
        for (Param p : layer.params()) {
            grads.add(p.grad().toArray());
        }
        java.util.function.DoubleSupplier f = () -> {
            Tensor y = layer.forward(x, true);
            double s = 0;
            for (int i = 0; i < outSize; i++) {
                s += (double) r[i] * y.data()[i];
            }
            return s;
        };
        double eps = spec instanceof DenseSpec || spec instanceof Conv2dSpec ? GradCheck.EPS_LINEAR : GradCheck.EPS;
        GradCheck check = new GradCheck();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            add(failures, check.compare("dX[" + i + "]", dxa[i], GradCheck.numeric(x.data(), i, f, eps)));
        }
        for (int p = 0; p < layer.params().size(); p++) {
            Param param = layer.params().get(p);
            for (int i = 0; i < param.size(); i++) {
                add(failures, check.compare(param.name() + "[" + i + "]", grads.get(p)[i],
                        GradCheck.numeric(param.value().data(), i, f, eps)));
            }
        }
        System.out.println("gradient check " + name + ": " + check.summary());
        assertTrue(failures.isEmpty(), name + ": " + failures);
    }

    private static void add(List<String> failures, String f) {
        if (f != null) {
            failures.add(f);
        }
    }
}
