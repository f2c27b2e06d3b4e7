package dev.dvg.engine.loss;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.spec.LossKind;

/**
 * Mean squared error on identity outputs, averaged over the K outputs of an example and over the N
 * examples — DL4J's {@code LossMSE} (its L2 loss Σ_k (y−z)² divided by nOut):
 *
 * <pre>
 *   L  = (1/N) Σ_n (1/K) Σ_k (z[n,k] − y[n,k])²
 *   dZ = 2 (Z − Y) / (K·N)
 * </pre>
 */
public final class MeanSquaredError implements Loss {

    @Override
    public LossKind kind() {
        return LossKind.MSE;
    }

    @Override
    public double value(Tensor z, Tensor y) {
        int n = Loss.check(z, y, "mse");
        float[] zd = z.data();
        float[] yd = y.data();
        double sum = 0;
        for (int i = 0, m = z.size(); i < m; i++) {
            double d = (double) zd[i] - yd[i];
            sum += d * d;
        }
        return sum / z.dim(1) / n;
    }

    @Override
    public double valueAndGradient(Tensor z, Tensor y, Tensor dz) {
        int n = Loss.check(z, y, "mse");
        float[] zd = z.data();
        float[] yd = y.data();
        float[] g = dz.data();
        float scale = 2f / ((float) z.dim(1) * n);
        double sum = 0;
        for (int i = 0, m = z.size(); i < m; i++) {
            double d = (double) zd[i] - yd[i];
            sum += d * d;
            g[i] = (zd[i] - yd[i]) * scale;
        }
        return sum / z.dim(1) / n;
    }

    @Override
    public void activate(Tensor z, Tensor a) {
        System.arraycopy(z.data(), 0, a.data(), 0, z.size());
    }
}
