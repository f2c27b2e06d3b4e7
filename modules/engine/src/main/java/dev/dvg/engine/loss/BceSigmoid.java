package dev.dvg.engine.loss;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.layer.Sigmoid;
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
 * grows linearly in |z| for a confidently wrong output).
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

    @Override
    public LossKind kind() {
        return LossKind.BCE_SIGMOID;
    }

    @Override
    public double value(Tensor z, Tensor y) {
        int n = Loss.check(z, y, "bce_sigmoid");
        float[] zd = z.data();
        float[] yd = y.data();
        double sum = 0;
        for (int i = 0, m = z.size(); i < m; i++) {
            sum += term(zd[i], yd[i]);
        }
        return sum / n;
    }

    @Override
    public double valueAndGradient(Tensor z, Tensor y, Tensor dz) {
        int n = Loss.check(z, y, "bce_sigmoid");
        float[] zd = z.data();
        float[] yd = y.data();
        float[] g = dz.data();
        double sum = 0;
        for (int i = 0, m = z.size(); i < m; i++) {
            sum += term(zd[i], yd[i]);
            g[i] = (Sigmoid.sigmoid(zd[i]) - yd[i]) / n;
        }
        return sum / n;
    }

    /** softplus(z) − y·z in double. */
    static double term(float z, float y) {
        double zz = z;
        return Math.max(zz, 0) + Math.log1p(Math.exp(-Math.abs(zz))) - y * zz;
    }

    @Override
    public void activate(Tensor z, Tensor a) {
        float[] zd = z.data();
        float[] ad = a.data();
        for (int i = 0, m = z.size(); i < m; i++) {
            ad[i] = Sigmoid.sigmoid(zd[i]);
        }
    }
}
