package dev.dvg.engine.nn;

import dev.dvg.engine.layer.Conv2d;
import dev.dvg.engine.layer.Dense;
import dev.dvg.engine.layer.Layer;
import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.InitSpec;

import java.util.List;
import java.util.Random;

/**
 * Seeded weight initialisation, matching DL4J's {@code WeightInit} distributions.
 *
 * <p>Fan-in/fan-out as DL4J counts them: dense fanIn = D, fanOut = H; convolution
 * fanIn = C·KH·KW, fanOut = F·KH·KW / stride² (DL4J's {@code ConvolutionParamInitializer} divides
 * the fan-out by the product of the strides).
 *
 * <table>
 *   <caption>Distributions</caption>
 *   <tr><td>Normal(s)</td><td>N(0,1)·s</td></tr>
 *   <tr><td>UniformFan</td><td>U(−a, a), a = 1/√(fanIn+fanOut)</td></tr>
 *   <tr><td>Xavier</td><td>N(0,1)·√(2/(fanIn+fanOut))</td></tr>
 *   <tr><td>XavierUniform</td><td>U(−a, a), a = √(6/(fanIn+fanOut))</td></tr>
 *   <tr><td>He</td><td>N(0,1)·√(2/fanIn)</td></tr>
 *   <tr><td>HeUniform</td><td>U(−a, a), a = √(6/fanIn)</td></tr>
 * </table>
 *
 * <p>Draw order (so that the numbers are reproducible and documented): one
 * {@link java.util.Random} seeded with the network seed; layers in network order; within a layer
 * the elements of W in row-major order, one draw each ({@code nextGaussian()} for normal kinds,
 * {@code nextDouble()} for uniform kinds: u = (2·nextDouble() − 1)·a). The value is computed in
 * double and rounded to float. Biases are 0 and draw nothing. {@code java.util.Random}'s algorithms
 * are fixed by its specification, so the weights are the same on every JDK.
 */
public final class Initializer {

    private Initializer() {
    }

    /** Initialises every W of {@code layers} from {@code seed}; biases are set to 0. */
    public static void initialize(List<Layer> layers, long seed) {
        Random rng = new Random(seed);
        for (Layer layer : layers) {
            double fanIn;
            double fanOut;
            InitSpec init;
            if (layer instanceof Dense) {
                DenseSpec s = (DenseSpec) layer.spec();
                fanIn = layer.inputShape()[0];
                fanOut = s.units();
                init = s.init();
            } else if (layer instanceof Conv2d) {
                Conv2dSpec s = (Conv2dSpec) layer.spec();
                int c = layer.inputShape()[0];
                fanIn = (double) c * s.kernelH() * s.kernelW();
                fanOut = (double) s.filters() * s.kernelH() * s.kernelW() / ((double) s.stride() * s.stride());
                init = s.init();
            } else {
                continue;
            }
            List<Param> ps = layer.params();
            fill(ps.get(0).value().data(), ps.get(0).size(), init, fanIn, fanOut, rng);
            java.util.Arrays.fill(ps.get(1).value().data(), 0, ps.get(1).size(), 0f);
        }
    }

    static void fill(float[] w, int count, InitSpec init, double fanIn, double fanOut, Random rng) {
        if (init instanceof InitSpec.Normal n) {
            gaussian(w, count, n.scale(), rng);
        } else if (init instanceof InitSpec.UniformFan) {
            uniform(w, count, 1.0 / Math.sqrt(fanIn + fanOut), rng);
        } else if (init instanceof InitSpec.Xavier) {
            gaussian(w, count, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
        } else if (init instanceof InitSpec.XavierUniform) {
            uniform(w, count, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
        } else if (init instanceof InitSpec.He) {
            gaussian(w, count, Math.sqrt(2.0 / fanIn), rng);
        } else if (init instanceof InitSpec.HeUniform) {
            uniform(w, count, Math.sqrt(6.0 / fanIn), rng);
        } else {
            throw new IllegalArgumentException("unknown init " + init);
        }
    }

    private static void gaussian(float[] w, int count, double scale, Random rng) {
        for (int i = 0; i < count; i++) {
            w[i] = (float) (rng.nextGaussian() * scale);
        }
    }

    private static void uniform(float[] w, int count, double a, Random rng) {
        for (int i = 0; i < count; i++) {
            w[i] = (float) ((2 * rng.nextDouble() - 1) * a);
        }
    }
}
