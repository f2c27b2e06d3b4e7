package dev.dvg.engine.layer;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.kernels.Gemm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Layers#fuse}: a dense layer that applies the following ReLU itself gives the same bits as
 * the two layers apart — forward output, dX, dW and db — at shapes whose product fuses bias and
 * ReLU into its blocks and at shapes where it does not, for fresh and for repeated (prepacked)
 * inputs, on 1 and 2 threads.
 */
class DenseReluFusionTest {

    private static Exec two;

    @BeforeAll
    static void setUp() {
        two = Exec.create(2);
    }

    @AfterAll
    static void tearDown() {
        two.close();
    }

    @ParameterizedTest(name = "n={0} d={1} h={2} threads={3} constant={4}")
    @CsvSource({
        "512, 784, 256, 1, false", // fused into the product's blocks (the mnist-mlp256 hidden layer)
        "512, 784, 256, 2, false",
        "300, 784, 256, 2, true", // repeated constant input: prepacked A
        "700, 50, 64, 2, false", // 64 units: A read in place, still the packed path
        "9, 30, 5, 1, false", // dot products: bias and ReLU in a pass after the product
        "1, 784, 256, 2, false", // one example: vecmat
    })
    void fusedDenseReluGivesTheBitsOfTheTwoLayers(int n, int d, int h, int threads, boolean constant) {
        Exec ex = threads == 1 ? Exec.serial() : two;
        DenseSpec ds = new DenseSpec(h, new InitSpec.Normal(0.1));
        ActivationSpec rs = new ActivationSpec(Activation.RELU);
        Dense apart = (Dense) Layers.create(ds, new int[]{d}, 0, ex);
        Layer reluApart = Layers.create(rs, new int[]{h}, 1, ex);
        Dense fused = (Dense) Layers.create(ds, new int[]{d}, 0, ex);
        Layer reluFused = Layers.create(rs, new int[]{h}, 1, ex);
        Layers.fuse(List.of(fused, reluFused));
        SplittableRandom r = new SplittableRandom(n + d + h);
        for (int i = 0; i < d * h; i++) {
            float w = (float) (r.nextDouble() - 0.5);
            apart.params().get(0).value().data()[i] = w;
            fused.params().get(0).value().data()[i] = w;
        }
        for (int j = 0; j < h; j++) {
            float b = j % 7 == 3 ? -0f : (float) (r.nextDouble() - 0.5);
            apart.params().get(1).value().data()[j] = b;
            fused.params().get(1).value().data()[j] = b;
        }
        float[] xd = new float[n * d];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = r.nextDouble() < 0.6 ? 0f : (float) r.nextDouble(); // image-like: many zeros
        }
        Tensor x = constant ? Tensor.wrapConstant(xd, n, d) : Tensor.wrap(xd, n, d);
        Tensor dy = Tensor.zeros(n, h);
        for (int i = 0; i < dy.size(); i++) {
            dy.data()[i] = (float) (r.nextDouble() - 0.5);
        }
        for (int step = 0; step < (constant ? 3 : 1); step++) {
            Tensor yApart = reluApart.forward(apart.forward(x, true), true);
            Tensor zFused = fused.forward(x, true);
            Tensor yFused = reluFused.forward(zFused, true);
            assertSame(zFused, yFused, "the fused ReLU passes the dense output on");
            assertArrayEquals(yApart.data(), yFused.data(), 0f, "forward, step " + step);
            Tensor dxApart = apart.backward(reluApart.backward(dy));
            Tensor dxFused = fused.backward(reluFused.backward(dy));
            assertArrayEquals(dxApart.data(), dxFused.data(), 0f, "dX, step " + step);
            assertArrayEquals(apart.params().get(0).grad().data(), fused.params().get(0).grad().data(), 0f, "dW");
            assertArrayEquals(apart.params().get(1).grad().data(), fused.params().get(1).grad().data(), 0f, "db");
        }
        if (n == 512) {
            assertEquals(true, Gemm.abFusesEpilogue(n, h, d), "this shape must exercise the fused product");
        }
    }

    /**
     * Dense → ReLU → Dense: the second dense layer masks its input gradient by [A &gt; 0] and the ReLU
     * passes it on; the ReLU's input gradient, dW and db of both dense layers and dX of the first are
     * the bits of the three layers apart.
     */
    @ParameterizedTest(name = "n={0} d={1} h={2} o={3} threads={4}")
    @CsvSource({
        "512, 784, 256, 10, 1", // dH = dZ2·W2ᵀ masked inside the product (the mnist-mlp256 shape)
        "512, 784, 256, 10, 2",
        "300, 50, 64, 10, 2",
        "9, 30, 5, 3, 1", // dot products: masked in a pass after the product
        "1, 20, 40, 4, 2", // one example
    })
    void denseAfterReluMasksTheGradientWithTheBitsOfTheLayersApart(int n, int d, int h, int o, int threads) {
        Exec ex = threads == 1 ? Exec.serial() : two;
        List<Layer> apart = stack(d, h, o, ex);
        List<Layer> fused = stack(d, h, o, ex);
        Layers.fuse(fused);
        SplittableRandom r = new SplittableRandom(n + d + h + o);
        for (int l : new int[] {0, 2}) {
            for (int q = 0; q < 2; q++) {
                float[] va = apart.get(l).params().get(q).value().data();
                float[] vf = fused.get(l).params().get(q).value().data();
                for (int i = 0; i < va.length; i++) {
                    va[i] = (float) (r.nextDouble() - 0.5);
                    vf[i] = va[i];
                }
            }
        }
        float[] xd = new float[n * d];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = r.nextDouble() < 0.5 ? 0f : (float) r.nextDouble();
        }
        Tensor x = Tensor.wrap(xd, n, d);
        Tensor dy = Tensor.zeros(n, o);
        for (int i = 0; i < dy.size(); i++) {
            dy.data()[i] = (float) (r.nextDouble() - 0.5);
        }
        for (List<Layer> net : List.of(apart, fused)) {
            Tensor t = x;
            for (Layer layer : net) {
                t = layer.forward(t, true);
            }
        }
        Tensor dhApart = apart.get(2).backward(dy);
        Tensor dzApart = apart.get(1).backward(dhApart);
        Tensor dxApart = apart.get(0).backward(dzApart);
        Tensor dzFromDense = fused.get(2).backward(dy);
        Tensor dzFused = fused.get(1).backward(dzFromDense);
        assertSame(dzFromDense, dzFused, "the ReLU passes the masked gradient on");
        assertArrayEquals(dzApart.data(), dzFused.data(), 0f, "the ReLU's input gradient");
        Tensor dxFused = fused.get(0).backward(dzFused);
        assertArrayEquals(dxApart.data(), dxFused.data(), 0f, "dX of the first dense layer");
        for (int l : new int[] {0, 2}) {
            for (int q = 0; q < 2; q++) {
                assertArrayEquals(apart.get(l).params().get(q).grad().data(), fused.get(l).params().get(q).grad().data(),
                        0f, "layer " + l + " " + apart.get(l).params().get(q).name());
            }
        }
        if (n == 512) {
            assertEquals(true, Gemm.abTFusesMask(n, h, o), "this shape must exercise the masked product");
        }
    }

    static List<Layer> stack(int d, int h, int o, Exec ex) {
        return List.of(Layers.create(new DenseSpec(h, new InitSpec.Normal(0.1)), new int[]{d}, 0, ex),
                Layers.create(new ActivationSpec(Activation.RELU), new int[]{h}, 1, ex),
                Layers.create(new DenseSpec(o, new InitSpec.Normal(0.1)), new int[]{h}, 2, ex));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SIGMOID", "TANH"})
    void onlyReluTakesARectifiedInput(Activation a) {
        ActivationLayer layer = (ActivationLayer) Layers.create(new ActivationSpec(a), new int[]{4}, 0, Exec.serial());
        assertThrows(IllegalStateException.class, layer::takeRectifiedInput);
        assertThrows(IllegalStateException.class, layer::takeMaskedGradient);
        Dense dense = (Dense) Layers.create(new DenseSpec(4, new InitSpec.Normal(1.0)), new int[]{3}, 0, Exec.serial());
        Layers.fuse(List.of(dense, layer)); // not a ReLU: nothing is fused
        Tensor x = Tensor.wrap(new float[]{1f, -2f, 3f}, 1, 3);
        dense.params().get(0).value().data()[0] = -5f;
        Tensor z = dense.forward(x, true);
        assertEquals(-5f, z.data()[0], 0f, "a dense layer before a non-ReLU keeps negative outputs");
    }
}
