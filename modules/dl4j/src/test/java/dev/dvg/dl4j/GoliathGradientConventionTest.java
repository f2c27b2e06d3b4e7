package dev.dvg.dl4j;

import dev.dvg.engine.spec.Activation;
import dev.dvg.engine.spec.ActivationSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.InitSpec;
import dev.dvg.engine.spec.LossKind;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.engine.spec.OptimizerSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks, in double precision and without David, that {@link Goliath#gradientAsDavid} is the
 * gradient of {@link Goliath#loss} (batch-mean loss + (l2/2)·ΣW²) by central differences — i.e. that
 * the DL4J conventions (per-example dL/dZ, L2 applied in the updater) are converted correctly.
 */
class GoliathGradientConventionTest {

    private static final Logger LOG = LoggerFactory.getLogger(GoliathGradientConventionTest.class);
    private static final double H = 1e-6;
    private static final double TOL = 1e-6;

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void gradientIsTheDerivativeOfTheScore(LossKind loss) {
        int k = loss == LossKind.BCE_SIGMOID ? 3 : 3;
        NetworkSpec spec = new NetworkSpec(new int[]{4},
                List.of(new DenseSpec(5, new InitSpec.Xavier()), new ActivationSpec(Activation.TANH),
                        new DenseSpec(k, new InitSpec.Xavier())), loss, 0.3);
        Goliath g = Goliath.build(spec, new OptimizerSpec.Sgd(0.1), 7,
                GoliathOptions.EXACT.withDataType(DataType.DOUBLE));
        int n = 6;
        Random r = new Random(3);
        float[] x = new float[n * 4];
        float[] y = new float[n * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            if (loss == LossKind.SOFTMAX_CE) {
                y[i * k + r.nextInt(k)] = 1;
            } else {
                for (int j = 0; j < k; j++) {
                    y[i * k + j] = loss == LossKind.MSE ? (float) r.nextGaussian() : r.nextInt(2);
                }
            }
        }
        float[] theta = g.paramsAsDavid();
        float[] grad = new float[theta.length];
        g.gradientAsDavid(x, y, n, grad);
        double maxErr = 0;
        for (int i = 0; i < theta.length; i++) {
            float[] p = theta.clone();
            p[i] = (float) (theta[i] + H);
            double hi = lossAt(g, p, x, y, n);
            double actualH = p[i] - theta[i];
            p[i] = (float) (theta[i] - H);
            double lo = lossAt(g, p, x, y, n);
            double actualL = theta[i] - p[i];
            double numeric = (hi - lo) / (actualH + actualL);
            maxErr = Math.max(maxErr, Math.abs(numeric - grad[i]));
        }
        LOG.info("DL4J gradient convention ({}): max |analytic - numeric| = {}", loss, maxErr);
        assertTrue(maxErr < TOL, loss + ": max gradient error " + maxErr);
    }

    private static double lossAt(Goliath g, float[] p, float[] x, float[] y, int n) {
        g.setParamsFromDavid(p);
        return g.loss(x, y, n);
    }
}
