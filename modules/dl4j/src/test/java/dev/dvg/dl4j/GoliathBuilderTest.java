package dev.dvg.dl4j;

import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoliathBuilderTest {

    private static Layer layer(MultiLayerConfiguration c, int i) {
        return c.getConf(i).getLayer();
    }

    @Test
    void lenetMapsToTruncatedConvMaxPoolAndCOrderFlatten() {
        ModelSpec m = ReferenceModels.get(ReferenceModels.MNIST_LENET);
        MultiLayerConfiguration c = GoliathBuilder.build(m.network(), m.optimizer(), 1, GoliathOptions.DEFAULT)
                .configuration();
        assertEquals(5, c.getConfs().size());
        ConvolutionLayer c1 = assertInstanceOf(ConvolutionLayer.class, layer(c, 0));
        assertEquals(ConvolutionMode.Truncate, c1.getConvolutionMode());
        assertInstanceOf(ActivationReLU.class, c1.getActivationFn());
        assertEquals(8, c1.getNOut());
        assertInstanceOf(WeightInitDistribution.class, c1.getWeightInitFn());
        SubsamplingLayer p1 = assertInstanceOf(SubsamplingLayer.class, layer(c, 1));
        assertEquals(org.deeplearning4j.nn.conf.layers.PoolingType.MAX, p1.getPoolingType());
        OutputLayer out = assertInstanceOf(OutputLayer.class, layer(c, 4));
        assertEquals(256, out.getNIn());
        assertInstanceOf(ActivationSoftmax.class, out.getActivationFn());
        assertInstanceOf(LossMCXENT.class, out.getLossFn());
        assertInstanceOf(CnnToFeedForwardPreProcessor.class, c.getInputPreProcess(4));
    }

    @Test
    void denseWithoutActivationIsIdentityNotDl4jsSigmoidDefault() {
        ModelSpec m = ReferenceModels.get(ReferenceModels.IS_ZERO_MLP64);
        MultiLayerConfiguration c = GoliathBuilder.build(m.network(), m.optimizer(), 1, GoliathOptions.DEFAULT)
                .configuration();
        assertInstanceOf(ActivationSigmoid.class, ((DenseLayer) layer(c, 0)).getActivationFn());
        OutputLayer out = (OutputLayer) layer(c, 1);
        assertInstanceOf(LossBinaryXENT.class, out.getLossFn());
        assertEquals(GoliathOptions.BCE_CLIP_EPS, ((LossBinaryXENT) out.getLossFn()).getClipEps());
        assertInstanceOf(LossSigmoidXentLogits.class, ((OutputLayer) layer(GoliathBuilder.build(m.network(),
                m.optimizer(), 1, GoliathOptions.EXACT).configuration(), 1)).getLossFn());

        var noAct = new dev.dvg.engine.spec.NetworkSpec(new int[]{3}, java.util.List.of(
                new dev.dvg.engine.spec.DenseSpec(4, new dev.dvg.engine.spec.InitSpec.He()),
                new dev.dvg.engine.spec.DenseSpec(2, new dev.dvg.engine.spec.InitSpec.He())),
                dev.dvg.engine.spec.LossKind.MSE, 0);
        MultiLayerConfiguration c2 = GoliathBuilder.build(noAct, new OptimizerSpec.Sgd(0.1), 1, GoliathOptions.DEFAULT)
                .configuration();
        assertInstanceOf(ActivationIdentity.class, ((DenseLayer) layer(c2, 0)).getActivationFn());
        assertInstanceOf(ActivationIdentity.class, ((OutputLayer) layer(c2, 1)).getActivationFn());
    }

    @Test
    void noExactEquivalentIsRefusedOrNamed() {
        ModelSpec m = ReferenceModels.recipe(ReferenceModels.MNIST_MLP256);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Goliath.build(m, GoliathOptions.EXACT));
        assertTrue(e.getMessage().contains("scalar RMSprop"), e.getMessage());
        Goliath g = Goliath.build(m, GoliathOptions.DEFAULT);
        assertEquals(1, g.approximations().size());
        // each tensor gets its own elementwise RmsProp with lr and eps over sqrt(tensor size)
        var hidden = (org.deeplearning4j.nn.conf.layers.BaseLayer) layer(g.network().getLayerWiseConfigurations(), 0);
        RmsProp w = assertInstanceOf(RmsProp.class, hidden.getIUpdater());
        RmsProp b = assertInstanceOf(RmsProp.class, hidden.getBiasUpdater());
        assertEquals(0.5 / Math.sqrt(784 * 256), w.getLearningRate(), 1e-12);
        assertEquals(1e-3 / Math.sqrt(784 * 256), w.getEpsilon(), 1e-12);
        assertEquals(0.5 / Math.sqrt(256), b.getLearningRate(), 1e-12);
        assertEquals(0.99, b.getRmsDecay(), 0);
        var out = (org.deeplearning4j.nn.conf.layers.BaseLayer) layer(g.network().getLayerWiseConfigurations(), 1);
        assertEquals(0.5 / Math.sqrt(256 * 10), ((RmsProp) out.getIUpdater()).getLearningRate(), 1e-12);
        assertEquals(0.5 / Math.sqrt(10), ((RmsProp) out.getBiasUpdater()).getLearningRate(), 1e-12);

        ModelSpec mom = ReferenceModels.get(ReferenceModels.MOONS).withOptimizer(new OptimizerSpec.Momentum(0.1, 0.9));
        assertThrows(UnsupportedOperationException.class, () -> Goliath.build(mom, GoliathOptions.EXACT));
        Goliath gm = Goliath.build(mom, GoliathOptions.DEFAULT);
        assertTrue(gm.approximations().get(0).contains("no classical-momentum updater"));
        assertInstanceOf(Nesterovs.class, ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer(
                gm.network().getLayerWiseConfigurations(), 0)).getIUpdater());

        Goliath lbfgs = Goliath.build(ReferenceModels.get(ReferenceModels.DIGITS20_MLP25), GoliathOptions.DEFAULT);
        assertTrue(lbfgs.approximations().get(0).startsWith("L-BFGS"), lbfgs.approximations().toString());
    }

    @Test
    void l2OnWeightsOnlyAndDataType() {
        ModelSpec m = ReferenceModels.get(ReferenceModels.DIGITS20_MLP25);
        Goliath g = Goliath.build(m.network(), new OptimizerSpec.Sgd(0.1), 1,
                GoliathOptions.EXACT.withDataType(DataType.DOUBLE));
        assertEquals(DataType.DOUBLE, g.network().params().dataType());
        var l0 = (org.deeplearning4j.nn.conf.layers.BaseLayer) layer(g.network().getLayerWiseConfigurations(), 0);
        assertEquals(1, l0.getRegularization().size());
        assertTrue(l0.getRegularizationBias() == null || l0.getRegularizationBias().isEmpty());
        // the penalty DL4J adds to the score is (l2/2)·ΣW² over the weights only
        float[] p = g.paramsAsDavid();
        g.setParamsFromDavid(p);
        double sum = 0;
        for (ParamLayout.Entry e : g.layout().entries()) {
            if (e.isWeight()) {
                for (int i = e.davidOffset(); i < e.davidOffset() + e.size(); i++) {
                    sum += (double) p[i] * p[i];
                }
            }
        }
        float[] x = new float[400];
        float[] y = new float[10];
        y[3] = 1;
        double withL2 = g.loss(x, y, 1);
        var n0 = m.network();
        Goliath noL2 = Goliath.build(new dev.dvg.engine.spec.NetworkSpec(n0.inputShape(), n0.layers(), n0.loss(), 0), new OptimizerSpec.Sgd(0.1), 1,
                GoliathOptions.EXACT.withDataType(DataType.DOUBLE));
        noL2.setParamsFromDavid(p);
        assertEquals(0.5 * m.network().l2() * sum, withL2 - noL2.loss(x, y, 1), 1e-12);
    }
}
