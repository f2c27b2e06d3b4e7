package dev.dvg.dl4j.parity;

import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parity backbone: every reference model × every optimiser both engines implement exactly,
 * David's initial weights copied into DL4J, float32, synthetic batches of the model's shapes
 * (seeded). Asserts forward, gradients, K-step losses and final params; logs the observed maxima.
 */
class ReferenceParityTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceParityTest.class);

    /** Forward outputs, float32, elementwise relative (entries ≥ 1e-6). */
    static final double FORWARD_REL = 1e-5;
    /** Gradient per tensor, max |diff| / max |grad|. */
    static final double GRADIENT_SCALE_REL = 1e-4;
    /** Per-step loss, relative. */
    static final double LOSS_REL = 1e-4;
    /** Final params per tensor after K steps, max |diff| / max |param|. */
    static final double PARAM_SCALE_REL = 1e-3;

    static final int STEPS = 50;

    private static Exec exec;
    private static final List<String> SUMMARY = new ArrayList<>();

    @BeforeAll
    static void start() {
        exec = Exec.serial();
    }

    @AfterAll
    static void stop() {
        exec.close();
        LOG.info("parity summary (float32, {} steps):\n  {}", STEPS, String.join("\n  ", SUMMARY));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ModelSpec m : ReferenceModels.all()) {
            double sgdLr = m.optimizer() instanceof OptimizerSpec.Sgd s ? s.learningRate() : 0.1;
            for (OptimizerSpec o : List.of(new OptimizerSpec.Sgd(sgdLr), new OptimizerSpec.Nesterov(0.05, 0.9),
                    new OptimizerSpec.RmsProp(1e-3, 0.95, 1e-8), new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8))) {
                out.add(Arguments.of(m.id(), o));
            }
        }
        return out.stream();
    }

    static int batchSize(ModelSpec m) {
        return Parity.parityBatchSize(m);
    }

    /**
     * Real data when it is available offline (MNIST cache, ../shared/data/opencv-digits/digits.png,
     * generated moons), else seeded synthetic batches of the same shapes — logged, never silent.
     */
    private static final java.util.Map<String, List<ParityBatch>> BATCHES = new java.util.HashMap<>();

    static synchronized List<ParityBatch> batches(ModelSpec m) {
        return BATCHES.computeIfAbsent(m.id(), id -> load(m));
    }

    private static List<ParityBatch> load(ModelSpec m) {
        String shared = System.getProperty("dvg.shared.data", "../shared/data");
        Path png = Path.of(shared, "opencv-digits", "digits.png");
        try {
            DataCatalog catalog = new DataCatalog(DataConfig.fromEnvironment().withRemote(false));
            List<ParityBatch> b = ParityData.batches(m, batchSize(m), STEPS, catalog, png);
            LOG.info("{}: real data, {} batches of {}", m.id(), b.size(), b.get(0).n());
            return b;
        } catch (Exception e) {
            LOG.warn("{}: real data unavailable ({}); using synthetic batches of the same shapes", m.id(),
                    e.getMessage());
            return SyntheticBatches.of(m, batchSize(m) == 0 ? 64 : batchSize(m), STEPS, 1234);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void davidMatchesDl4j(String id, OptimizerSpec optimizer) {
        ModelSpec m = ReferenceModels.get(id);
        List<ParityBatch> batches = batches(m);
        long t0 = System.nanoTime();
        Parity.Result r = Parity.run(m, optimizer, batches, STEPS, exec);
        LOG.info("{} {}: parity run took {} ms", id, optimizer, (System.nanoTime() - t0) / 1_000_000);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Parity.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8));
        LOG.info("\n{}", buf.toString(StandardCharsets.UTF_8));
        SUMMARY.add(Parity.summary(r));
        assertAll(
                () -> assertTrue(r.forwardMaxRel() <= FORWARD_REL, "forward rel " + r.forwardMaxRel()),
                () -> assertTrue(r.maxGradientScaleRel() <= GRADIENT_SCALE_REL, "gradient " + r.maxGradientScaleRel()),
                () -> assertTrue(Math.abs(r.initialLossDavid() - r.initialLossDl4j())
                        <= LOSS_REL * Math.abs(r.initialLossDavid()), "initial loss"),
                () -> assertTrue(r.maxRelLossDiff() <= LOSS_REL, "loss rel " + r.maxRelLossDiff()),
                () -> assertTrue(r.maxFinalParamScaleRel() <= PARAM_SCALE_REL, "params " + r.maxFinalParamScaleRel()));
    }
}
