package dev.dvg.engine.nn;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.layer.Layer;
import dev.dvg.engine.layer.Layers;
import dev.dvg.engine.loss.Loss;
import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.kernels.Exec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny cases computed by hand. */
class KnownValuesTest {

    private static final float TOL = 1e-6f;

    @Test
    void logisticForwardBackward() {
        // z = 0.5·2 − 1·1 + 0 = 0, σ = 0.5, loss = ln 2, dZ = 0.5 − 1, dW = x·dZ, db = dZ
        NetworkSpec spec = new NetworkSpec(new int[]{2}, List.of(new DenseSpec(1, new InitSpec.Normal(1))),
                LossKind.BCE_SIGMOID, 0);
        Network net = Network.build(spec, 1, Exec.serial());
        net.setFlat(new float[]{0.5f, -1f, 0f});
        double loss = net.computeGradients(Tensor.wrap(new float[]{2, 1}, 1, 2), Tensor.wrap(new float[]{1}, 1, 1));
        assertEquals(Math.log(2), loss, 1e-7);
        assertArrayEquals(new float[]{-1f, -0.5f, -0.5f}, net.getFlatGradients(), TOL);
        assertArrayEquals(new float[]{0.5f}, net.output(Tensor.wrap(new float[]{2, 1}, 1, 2)).toArray(), TOL);
    }

    @Test
    void l2PenaltyOnWeightsOnly() {
        NetworkSpec spec = new NetworkSpec(new int[]{2}, List.of(new DenseSpec(1, new InitSpec.Normal(1))),
                LossKind.MSE, 0.5);
        Network net = Network.build(spec, 1, Exec.serial());
        net.setFlat(new float[]{1f, 2f, 3f});
        // z = 1·1 + 2·0 + 3 = 4, y = 4 → data loss 0; penalty 0.25·(1 + 4) = 1.25; dW = 0.5·W, db = 0
        double loss = net.computeGradients(Tensor.wrap(new float[]{1, 0}, 1, 2), Tensor.wrap(new float[]{4}, 1, 1));
        assertEquals(1.25, loss, 1e-9);
        assertArrayEquals(new float[]{0.5f, 1f, 0f}, net.getFlatGradients(), TOL);
    }

    @Test
    void softmaxCrossEntropy() {
        // softmax([0, ln 3]) = [1/4, 3/4]; y = [0, 1] → loss = −ln(3/4); dZ = [1/4, −1/4]
        Tensor z = Tensor.wrap(new float[]{0f, (float) Math.log(3)}, 1, 2);
        Tensor y = Tensor.wrap(new float[]{0f, 1f}, 1, 2);
        Tensor dz = Tensor.zeros(1, 2);
        assertEquals(-Math.log(0.75), Loss.of(LossKind.SOFTMAX_CE).valueAndGradient(z, y, dz), 1e-7);
        assertArrayEquals(new float[]{0.25f, -0.25f}, dz.toArray(), TOL);
    }

    @Test
    void meanSquaredErrorAveragesOverOutputsAndExamples() {
        // z = [1, 3], y = [0, 1] → ((1)² + (2)²)/2 = 2.5; dZ = 2(z − y)/(K·N) = [1, 2]
        Tensor dz = Tensor.zeros(1, 2);
        double v = Loss.of(LossKind.MSE).valueAndGradient(Tensor.wrap(new float[]{1, 3}, 1, 2),
                Tensor.wrap(new float[]{0, 1}, 1, 2), dz);
        assertEquals(2.5, v, 1e-9);
        assertArrayEquals(new float[]{1f, 2f}, dz.toArray(), TOL);
    }

    @Test
    void bceStaysFiniteForSaturatedOutputs() {
        Loss bce = Loss.of(LossKind.BCE_SIGMOID);
        // a confidently wrong output: loss ≈ |z| (softplus), not ∞
        double v = bce.value(Tensor.wrap(new float[]{-200f}, 1, 1), Tensor.wrap(new float[]{1f}, 1, 1));
        assertEquals(200.0, v, 1e-9);
    }

    @Test
    void convolutionAndPooling() {
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Layer conv = Layers.create(new Conv2dSpec(1, 2, 2, 1, new InitSpec.Normal(1)), new int[]{1, 3, 3}, 0,
                Exec.serial());
        System.arraycopy(new float[]{1, 1, 1, 1}, 0, conv.params().get(0).value().data(), 0, 4);
        conv.params().get(1).value().data()[0] = 0.5f;
        Tensor y = conv.forward(Tensor.wrap(img.clone(), 1, 1, 3, 3), true);
        assertArrayEquals(new float[]{12.5f, 16.5f, 24.5f, 28.5f}, y.toArray(), TOL);
        conv.setNeedsInputGradient(false);
        assertNull(conv.backward(Tensor.wrap(new float[]{1, 0, 0, 0}, 1, 1, 2, 2)));
        assertArrayEquals(new float[]{1, 2, 4, 5}, conv.params().get(0).grad().toArray(), TOL);

        Layer pool = Layers.create(new MaxPool2dSpec(2, 1), new int[]{1, 3, 3}, 1, Exec.serial());
        assertArrayEquals(new float[]{5, 6, 8, 9}, pool.forward(Tensor.wrap(img.clone(), 1, 1, 3, 3), true).toArray(), TOL);
        Tensor dx = pool.backward(Tensor.wrap(new float[]{1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(new float[]{0, 0, 0, 0, 1, 2, 0, 3, 4}, dx.toArray(), TOL);
    }

    @Test
    void buffersAreReusedForTheSameBatchSize() {
        NetworkSpec spec = new NetworkSpec(new int[]{3}, List.of(new DenseSpec(4, new InitSpec.He()),
                new ActivationSpec(Activation.RELU), new DenseSpec(2, new InitSpec.He())), LossKind.SOFTMAX_CE, 0);
        Network net = Network.build(spec, 1, Exec.serial());
        Tensor a = Tensor.zeros(5, 3);
        Tensor b = Tensor.zeros(5, 3);
        Tensor first = net.preOutput(a, true);
        assertSame(first, net.preOutput(b, true), "same N: the same output buffer");
        Layer dense = net.layers().get(0);
        Tensor dz = Tensor.zeros(5, 4);
        dense.forward(a, true);
        Tensor dx1 = dense.backward(dz);
        assertNull(dx1, "the first layer computes no dX");
        Layer relu = net.layers().get(1);
        relu.forward(Tensor.zeros(5, 4), true);
        Tensor g1 = relu.backward(dz);
        relu.forward(Tensor.zeros(5, 4), true);
        assertSame(g1, relu.backward(dz));
    }

    @Test
    void reluDerivativeIsZeroAtZero() {
        Layer relu = Layers.create(new ActivationSpec(Activation.RELU), new int[]{3}, 0, Exec.serial());
        assertArrayEquals(new float[]{0, 0, 2}, relu.forward(Tensor.wrap(new float[]{-1, 0, 2}, 1, 3), true).toArray());
        assertArrayEquals(new float[]{0, 0, 1}, relu.backward(Tensor.wrap(new float[]{1, 1, 1}, 1, 3)).toArray());
    }

    @Test
    void denseAfterImageWithoutFlattenIsRejected() {
        NetworkSpec spec = new NetworkSpec(new int[]{1, 6, 6},
                List.of(new Conv2dSpec(2, 3, 3, 1, new InitSpec.He()), new DenseSpec(3, new InitSpec.He())),
                LossKind.SOFTMAX_CE, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.build(spec, 1, Exec.serial()));
        assertTrue(e.getMessage().contains("layer 1") && e.getMessage().contains("Flatten"), e.getMessage());
    }

    @Test
    void imageOutputWithoutFlattenIsRejected() {
        NetworkSpec spec = new NetworkSpec(new int[]{1, 6, 6}, List.of(new Conv2dSpec(2, 3, 3, 1, new InitSpec.He())),
                LossKind.SOFTMAX_CE, 0);
        assertThrows(IllegalArgumentException.class, () -> Network.build(spec, 1, Exec.serial()));
    }

    @Test
    void paramNamesAndLayout() {
        NetworkSpec spec = new NetworkSpec(new int[]{3}, List.of(new DenseSpec(4, new InitSpec.Xavier()),
                new ActivationSpec(Activation.RELU), new DenseSpec(2, new InitSpec.Xavier())), LossKind.SOFTMAX_CE, 0);
        Network net = Network.build(spec, 5, Exec.serial());
        assertEquals(List.of("0.W", "0.b", "2.W", "2.b"), net.params().stream().map(Param::name).toList());
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, net.numParams());
        float[] flat = net.getFlat();
        assertEquals(net.params().get(0).value().get(5), flat[5]);
        assertEquals(0f, flat[12]);
        assertEquals(net.params().get(2).value().get(0), flat[16]);
    }

    @Test
    void sameSeedSameWeightsAndInitScale() {
        NetworkSpec spec = new NetworkSpec(new int[]{400}, List.of(new DenseSpec(300, new InitSpec.Normal(0.01))),
                LossKind.BCE_SIGMOID, 0);
        float[] a = Network.build(spec, 9, Exec.serial()).getFlat();
        assertArrayEquals(a, Network.build(spec, 9, Exec.serial()).getFlat());
        double sq = 0;
        for (int i = 0; i < 400 * 300; i++) {
            sq += (double) a[i] * a[i];
        }
        assertEquals(0.01, Math.sqrt(sq / (400 * 300)), 2e-4);
    }
}
