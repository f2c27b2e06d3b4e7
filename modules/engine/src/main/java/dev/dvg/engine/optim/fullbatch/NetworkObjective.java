package dev.dvg.engine.optim.fullbatch;

import dev.dvg.engine.Tensor;
import dev.dvg.engine.nn.Network;
import dev.dvg.engine.nn.Param;

import java.util.List;

/**
 * A {@link Network} on fixed full-batch data (X, Y) seen as an {@link Objective} over its flat
 * parameters ({@link Network#getFlat()} layout): f(θ) = the network's loss (mean data loss + L2),
 * ∇f = its gradients. The minimisers work in double; each evaluation rounds θ to float, runs the
 * float network and widens the loss and gradients back to double.
 */
public final class NetworkObjective implements Objective {

    private final Network network;
    private final Tensor x;
    private final Tensor y;
    private final float[] flat;

    public NetworkObjective(Network network, Tensor x, Tensor y) {
        this.network = network;
        this.x = x;
        this.y = y;
        this.flat = new float[network.numParams()];
    }

    @Override
    public int dim() {
        return flat.length;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] g) {
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) theta[i];
        }
        network.setFlat(flat);
        double loss = network.computeGradients(x, y);
        int off = 0;
        List<Param> params = network.params();
        for (int j = 0; j < params.size(); j++) { // indexed: an iterator would be garbage per evaluation
            Param p = params.get(j);
            float[] gd = p.grad().data();
            for (int i = 0, n = p.size(); i < n; i++) {
                g[off + i] = gd[i];
            }
            off += p.size();
        }
        return loss;
    }

    /** The network's current params widened to double (a starting point). */
    public double[] start() {
        float[] f = network.getFlat();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
