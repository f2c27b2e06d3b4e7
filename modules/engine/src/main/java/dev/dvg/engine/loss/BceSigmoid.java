package dev.dvg.engine.loss;

import dev.dvg.engine.Tensor;
import dev.dvg.kernels.Elementwise;
import dev.dvg.engine.spec.LossKind;

/**
 * Binary cross-entropy fused with a sigmoid output, summed over the K outputs of an example and
 * averaged over the N examples:
 *
 * <pre>
 *   L  = (1/N) Σ_n Σ_k −[ y log σ(z) + (1−y) log(1−σ(z)) ]
 *      = (1/N) Σ_n Σ_k  [ softplus(z) − y·z ],     softplus(z) = max(z,0) + log(1 + e^−|z|)
 *   dZ = (σ(Z) − Y) / N
 * </pre>
 *
 * The softplus form is exact and never takes the log of 0, so the loss stays finite for any Z (it
 * grows linearly in |z| for a confidently wrong output). σ(z) and log(1 + e^−|z|) come from one
 * vectorised float pass ({@link Elementwise#sigmoidAndSoftplusRest}); the terms are summed in double,
 * in index order.
 *
 * <p>Where DL4J differs (1.0.0-M2.1 {@code LossBinaryXENT}, default {@code clipEps} = 1e−5): it
 * clips the sigmoid output to a_c = clip(σ(z), 1e−5, 1−1e−5), scores
 * −[y log a_c + (1−y) log(1−a_c)] (so a per-output loss is capped at −log 1e−5 ≈ 11.5), and forms
 * dZ = σ'(z)·(a_c − y)/(a_c(1 − a_c)) with the <em>unclipped</em> σ'(z) = σ(1−σ). Inside the clip
 * range this equals σ(z) − y up to float rounding; for saturated outputs (|z| ≳ 11.5) DL4J's
 * gradient shrinks towards 0 while David's stays σ(z) − y. Step-by-step comparisons on BCE models
 * therefore agree only while no output saturates.
 */
public final class BceSigmoid implements Loss {

    /** log(1 + e^−|z|) per output of the last call (grown as needed, one per network). */
    private float[] rest = new float[0];
    private float[] activations = new float[0];

    @Override
    public LossKind kind() {
        return LossKind.BCE_SIGMOID;
    }

    @Override
    public double value(Tensor z, Tensor y) {
        int n = Loss.check(z, y, "bce_sigmoid");
        int m = z.size();
        float[] a = activations(m);
        Elementwise.sigmoidAndSoftplusRest(z.data(), a, rest, 0, m);
        return sum(z.data(), y.data(), m) / n;
    }

    @Override
    public double valueAndGradient(Tensor z, Tensor y, Tensor dz) {
        int n = Loss.check(z, y, "bce_sigmoid");
        int m = z.size();
        float[] yd = y.data();
        float[] g = dz.data();
        activations(m);
        Elementwise.sigmoidAndSoftplusRest(z.data(), g, rest, 0, m);
        double sum = sum(z.data(), yd, m);
        for (int i = 0; i < m; i++) {
            g[i] = (g[i] - yd[i]) / n;
        }
        return sum / n;
    }

    /** Σ softplus(z) − y·z over the m outputs, in double and in index order, from {@link #rest}. */
    private double sum(float[] zd, float[] yd, int m) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double zz = zd[i];
            sum += Math.max(zz, 0) + rest[i] - yd[i] * zz;
        }
        return sum;
    }

    /** Sizes the buffers for m outputs; returns the activation scratch. */
    private float[] activations(int m) {
        if (rest.length < m) {
            rest = new float[m];
            activations = new float[m];
        }
        return activations;
    }

    @Override
    public void activate(Tensor z, Tensor a) {
        Elementwise.sigmoid(z.data(), a.data(), 0, z.size());
    }
}
