package dev.dvg.dl4j;

import dev.dvg.engine.nn.Network;
import dev.dvg.engine.nn.Param;
import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * David ↔ DL4J weight transfer on every reference architecture: David's W[i][j] must land at DL4J's
 * {@code getParam("<l>_W").getFloat(i, j)} (dense [nIn,nOut]; conv [F,C,KH,KW]), biases likewise,
 * and the round trip must be the identity.
 */
class WeightTransferTest {

    @ParameterizedTest
    @ValueSource(strings = {"is-zero-logistic", "is-zero-mlp64", "mnist-mlp256", "mnist-lenet", "moons", "digits20-mlp25"})
    void everyParamLandsWhereDl4jExpectsIt(String id) {
        ModelSpec m = ReferenceModels.get(id);
        Network david = Network.build(m.network(), 11, Exec.serial());
        Goliath g = Goliath.build(m.network(), new OptimizerSpec.Sgd(0.1), m.seed(), GoliathOptions.EXACT);
        float[] flat = david.getFlat();
        g.setParamsFromDavid(flat);
        assertArrayEquals(flat, g.paramsAsDavid(), "round trip");

        MultiLayerNetwork net = g.network();
        List<Param> params = david.params();
        List<ParamLayout.Entry> entries = g.layout().entries();
        assertEquals(params.size(), entries.size());
        for (int p = 0; p < params.size(); p++) {
            Param dp = params.get(p);
            ParamLayout.Entry e = entries.get(p);
            assertEquals(dp.name(), e.davidName(), "David's param order/names");
            assertArrayEquals(dp.value().shape(), e.shape(), e.davidName());
            INDArray d4 = net.getParam(e.dl4jName()).castTo(DataType.FLOAT);
            float[] v = dp.value().toArray();
            int[] s = e.shape();
            switch (e.kind()) {
                case DENSE_W -> {
                    for (int i = 0; i < s[0]; i += Math.max(1, s[0] / 37)) {
                        for (int j = 0; j < s[1]; j++) {
                            assertEquals(v[i * s[1] + j], d4.getFloat(i, j), e + " [" + i + "," + j + "]");
                        }
                    }
                }
                case CONV_W -> {
                    for (int f = 0; f < s[0]; f++) {
                        for (int c = 0; c < s[1]; c++) {
                            for (int kh = 0; kh < s[2]; kh++) {
                                for (int kw = 0; kw < s[3]; kw++) {
                                    int idx = ((f * s[1] + c) * s[2] + kh) * s[3] + kw;
                                    assertEquals(v[idx], d4.getFloat(f, c, kh, kw), e + " [" + f + "," + c + "," + kh
                                            + "," + kw + "]");
                                }
                            }
                        }
                    }
                }
                case DENSE_B, CONV_B -> assertArrayEquals(v, d4.reshape(d4.length()).toFloatVector(), e.toString());
            }
        }
    }
}
