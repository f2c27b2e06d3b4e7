package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;

import java.util.List;

/**
 * The seed recipe's RMSprop variant with <em>one scalar of state per parameter tensor</em> instead
 * of one per element (a simplification of Tieleman &amp; Hinton 2012):
 *
 * <pre>
 *   s ← γ·s + (1 − γ)·mean(g²)      (s starts at 0; mean over the tensor's elements, in double)
 *   θ ← θ − lr·g / (√s + ε)
 * </pre>
 *
 * No DL4J equivalent: DL4J's RMSprop keeps per-element state ({@link RmsProp}).
 */
public final class ScalarRmsProp implements Optimizer {

    private final double lr;
    private final double gamma;
    private final double eps;
    private double[] s;
    private int iteration;

    public ScalarRmsProp(double learningRate, double decay, double epsilon) {
        this.lr = learningRate;
        this.gamma = decay;
        this.eps = epsilon;
    }

    @Override
    public void step(List<Param> params) {
        if (s == null) {
            s = new double[params.size()];
        } else if (s.length != params.size()) {
            throw new IllegalArgumentException("optimizer: called with " + params.size()
                    + " params, but its state is for " + s.length);
        }
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            float[] w = param.value().data();
            float[] g = param.grad().data();
            int n = param.size();
            double sq = 0;
            for (int i = 0; i < n; i++) {
                sq += (double) g[i] * g[i];
            }
            s[p] = gamma * s[p] + (1 - gamma) * (sq / n);
            float scale = (float) (lr / (Math.sqrt(s[p]) + eps));
            for (int i = 0; i < n; i++) {
                w[i] -= scale * g[i];
            }
        }
        iteration++;
    }

    @Override
    public int iteration() {
        return iteration;
    }
}
