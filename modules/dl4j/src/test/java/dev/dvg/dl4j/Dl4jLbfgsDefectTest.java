package dev.dvg.dl4j;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedList;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pins why Goliath does not map L-BFGS to DL4J 1.0.0-M2.1's {@code LBFGS} (GoliathBuilder's class
 * doc): its correction pairs are built from an aliased gradient (y ≡ 0) and from θ·g in place of
 * s·y, and on digits20-mlp25 it stalls at a step-0 fixed point. If a DL4J upgrade fixes LBFGS these
 * tests fail: then map {@code OptimizerSpec.Lbfgs} back to {@code OptimizationAlgorithm.LBFGS}
 * ({@link GoliathBuilder#LBFGS_NEAREST}) and delete this class.
 */
class Dl4jLbfgsDefectTest {

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jLbfgsDefectTest.class);
    private static final String UPGRADE = " — DL4J's LBFGS may be fixed: revisit GoliathBuilder.LBFGS_NEAREST";

    private static Digits20Fixture data() {
        Digits20Fixture d = Digits20Fixture.loadOrNull();
        assumeTrue(d != null, "digits.png is not in the shared data folder (system property dvg.shared.data)");
        return d;
    }

    /** The loss and the gradient DL4J's solver sees agree: the defect is not in our loss or L2. */
    @Test
    void solverGradientIsTheDerivativeOfTheScore() {
        Digits20Fixture d = data();
        Goliath g = Goliath.build(d.model.network(), new dev.dvg.engine.spec.OptimizerSpec.Lbfgs(10, 50), 42,
                GoliathOptions.DEFAULT.withBceFromLogits(true).withDataType(DataType.DOUBLE));
        MultiLayerNetwork net = d.withAlgorithm(g, OptimizationAlgorithm.LBFGS, 5);
        DataSet ds = d.dataSet(g);
        net.fit(ds);                                   // creates the solver; moves θ off the initial point
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        BaseOptimizer opt = (BaseOptimizer) net.getOptimizer();
        INDArray grad = opt.gradientAndScore(LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient().dup();
        INDArray theta = net.params().dup();
        double norm = grad.norm2Number().doubleValue();
        INDArray u = grad.div(norm);
        double h = 1e-3;
        net.setParams(theta.add(u.mul(h)));
        double hi = net.score(ds, false);
        net.setParams(theta.sub(u.mul(h)));
        double lo = net.score(ds, false);
        double numeric = (hi - lo) / (2 * h);
        LOG.info("digits20-mlp25, solver's gradient: |g| = {}, central difference along g = {}", norm, numeric);
        assertEquals(norm, numeric, 1e-4 * norm);
    }

    /** The mechanism: after a real step, y = 0 (one buffer) and ρ = 1/(θ_prev·g + EPS), not 1/(s·y). */
    @Test
    @SuppressWarnings("unchecked")
    void lbfgsCorrectionPairsAreWrong() {
        Digits20Fixture d = data();
        Goliath g = d.goliath();
        MultiLayerNetwork net = d.withAlgorithm(g, OptimizationAlgorithm.LBFGS, 5);
        DataSet ds = d.dataSet(g);
        net.fit(ds);
        for (int k = 0; k < 10; k++) {
            INDArray before = net.params().dup();
            net.fit(ds);
            Map<String, Object> st = Digits20Fixture.searchState(net);
            INDArray s0 = ((LinkedList<INDArray>) st.get("s")).getFirst();
            INDArray y0 = ((LinkedList<INDArray>) st.get("y")).getFirst();
            double rho0 = ((LinkedList<Double>) st.get("rho")).getFirst();
            INDArray grad = (INDArray) st.get("g");
            if (s0.norm2Number().doubleValue() == 0) {
                continue;
            }
            assertTrue(net.getFlattenedGradients().data().address() == grad.data().address(),
                    "the search state's gradient is no longer the network's gradient buffer" + UPGRADE);
            assertEquals(0.0, y0.amaxNumber().doubleValue(), "y = g - g_prev is no longer 0" + UPGRADE);
            double thetaDotG = Nd4j.getBlasWrapper().dot(before, grad) + Nd4j.EPS_THRESHOLD;
            LOG.info("LBFGS fit {}: |s| = {}, |y| = 0, rho = {} = 1/(theta.g + EPS) = {}", k + 2,
                    s0.norm2Number(), rho0, 1 / thetaDotG);
            assertEquals(1 / thetaDotG, rho0, 1e-4 * Math.abs(rho0), "rho is no longer 1/(theta.g + EPS)" + UPGRADE);
            return;
        }
        fail("LBFGS took no step in 10 iterations after the first");
    }

    /** The consequence: an ascent direction, line-search step 0, the same score for ever. */
    @Test
    void lbfgsStallsOnDigits20() {
        Digits20Fixture d = data();
        Goliath g = d.goliath();
        MultiLayerNetwork net = d.withAlgorithm(g, OptimizationAlgorithm.LBFGS, 5);
        DataSet ds = d.dataSet(g);
        double[] score = new double[20];
        for (int i = 0; i < score.length; i++) {
            net.fit(ds);
            score[i] = net.score();
        }
        Map<String, Object> st = Digits20Fixture.searchState(net);
        double dirDotG = Nd4j.getBlasWrapper().dot((INDArray) st.get("searchDirection"), (INDArray) st.get("g"));
        double acc = d.accuracy(net, ds.getFeatures());
        LOG.info("DL4J LBFGS on digits20-mlp25: scores {}; last step {}, direction.g {}, accuracy {}",
                java.util.Arrays.toString(score), Digits20Fixture.lastStep(net), dirDotG, acc);
        for (int i = 10; i < score.length; i++) {
            assertEquals(score[9], score[i], 0.0, "LBFGS moved after iteration 10" + UPGRADE);
        }
        assertEquals(0.0, Digits20Fixture.lastStep(net), "line search step" + UPGRADE);
        assertTrue(dirDotG < 0, "direction.g = " + dirDotG + " is no longer an ascent direction" + UPGRADE);
        assertTrue(acc < 0.5, "accuracy " + acc + UPGRADE);
    }
}
