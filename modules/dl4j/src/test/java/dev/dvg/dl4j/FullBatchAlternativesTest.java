package dev.dvg.dl4j;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures (does not assert) DL4J's full-batch algorithms on digits20-mlp25 from Goliath's seed-42
 * initialisation: loss and training accuracy after 10/20/50/100/200 fit() iterations. This is how
 * {@link GoliathBuilder#LBFGS_NEAREST} was chosen; rerun it after a DL4J upgrade
 * ({@code -Ddvg.alternatives=ALGO:lineSearch,...} picks the rows).
 *
 * <p>DL4J 1.0.0-M2.1, JDK 17, float, 200 iterations:
 * <pre>
 *   LBFGS:5                  stalls from iteration 3: loss 3.23504, accuracy 0.1106 (also LBFGS:20)
 *   CONJUGATE_GRADIENT:5     50: loss 1.56758 acc 0.8232   200: loss 0.76702 acc 0.9132
 *   LINE_GRADIENT_DESCENT:5  identical to CONJUGATE_GRADIENT at every printed digit
 * </pre>
 */
@Tag("long")
class FullBatchAlternativesTest {

    private static final Logger LOG = LoggerFactory.getLogger(FullBatchAlternativesTest.class);

    @Test
    void compare() {
        Digits20Fixture d = Digits20Fixture.loadOrNull();
        assumeTrue(d != null, "digits.png is not in the shared data folder");
        Goliath base = d.goliath();
        DataSet ds = d.dataSet(base);
        String rows = System.getProperty("dvg.alternatives", "LBFGS:5,CONJUGATE_GRADIENT:5,LINE_GRADIENT_DESCENT:5");
        for (String row : rows.split(",")) {
            String[] p = row.split(":");
            MultiLayerNetwork net = d.withAlgorithm(base, OptimizationAlgorithm.valueOf(p[0]), Integer.parseInt(p[1]));
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= 200; i++) {
                net.fit(ds);
                if (i == 10 || i == 20 || i == 50 || i == 100 || i == 200) {
                    sb.append(String.format(" [%d: loss %.5f acc %.4f]", i, net.score(ds, false),
                            d.accuracy(net, ds.getFeatures())));
                }
            }
            LOG.info("digits20-mlp25 DL4J {}:{}", row, sb);
        }
    }
}
