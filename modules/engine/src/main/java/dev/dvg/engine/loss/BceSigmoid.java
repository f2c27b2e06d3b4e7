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
 * grows linearly in |z| for a confidently wrong output). DL4J's {@code LossBinaryXENT} instead
 * evaluates log σ(z) and log(1−σ(z)) on the activated output (recent versions clip σ to
 * [1e−5, 1−1e−5] first) and forms dZ as σ'(z)·(a−y)/(a(1−a)); the two agree to float rounding
 * while 1e−5 &lt; σ(z) &lt; 1−1e−5, and differ only for saturated outputs, where DL4J's per-output loss
 * is capped near 11.5.
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
