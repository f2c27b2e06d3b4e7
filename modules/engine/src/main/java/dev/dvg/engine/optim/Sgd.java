package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;

import java.util.List;

/**
 * Plain stochastic gradient descent (Robbins &amp; Monro 1951): θ ← θ − lr·g.
 *
 * <p>As DL4J's {@code Sgd} updater (libnd4j {@code sgd_updater}): update = g·lr in float, then
 * θ ← θ − update in float.
 */
public final class Sgd implements Optimizer {

    private final float lr;
    private int iteration;

    public Sgd(double learningRate) {
        this.lr = (float) learningRate;
    }

    @Override
    public void step(List<Param> params) {
        for (int j = 0; j < params.size(); j++) { // indexed: an iterator would be garbage per step
            Param p = params.get(j);
            float[] w = p.value().data();
            float[] g = p.grad().data();
            for (int i = 0, n = p.size(); i < n; i++) {
                w[i] -= g[i] * lr;
            }
        }
        iteration++;
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
