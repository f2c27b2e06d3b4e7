package dev.dvg.dl4j.parity;

import dev.dvg.engine.spec.OptimizerSpec;
import dev.dvg.kernels.Exec;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParityApiTest {

    @Test
    void defaultsForTheCli() {
        assertEquals(new OptimizerSpec.Sgd(1.0), Parity.parityOptimizer(ReferenceModels.get("is-zero-logistic")));
        assertInstanceOf(OptimizerSpec.Adam.class, Parity.parityOptimizer(ReferenceModels.get("mnist-lenet")));
        assertEquals(new OptimizerSpec.Sgd(0.1), Parity.parityOptimizer(ReferenceModels.get("digits20-mlp25")));
        assertEquals(new OptimizerSpec.Sgd(0.1), Parity.parityOptimizer(ReferenceModels.recipe("mnist-mlp256")));
        assertEquals(0, Parity.parityBatchSize(ReferenceModels.get("moons")));
        assertEquals(8, Parity.parityBatchSize(ReferenceModels.get("mnist-lenet")));
        assertEquals(128, Parity.parityBatchSize(ReferenceModels.get("is-zero-mlp64")));
    }

    @Test
    void printsEveryStepAndTheMaxima() {
        ModelSpec m = ReferenceModels.get("digits20-mlp25");
        List<ParityBatch> b = SyntheticBatches.of(m, 20, 3, 5);
        Parity.Result r = Parity.run(m, new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8), b, 3, Exec.serial());
        assertEquals(3, r.losses().size());
        assertEquals(4, r.gradients().size());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Parity.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("parity digits20-mlp25"), out);
        assertTrue(out.contains("max loss diff"), out);
        assertEquals(3, out.lines().filter(l -> l.matches("\\s+[0-2]\\s+.*")).count(), out);
        assertThrows(IllegalArgumentException.class, () -> Parity.run(m, new OptimizerSpec.Sgd(0.1), b, 5, Exec.serial()));
        assertThrows(UnsupportedOperationException.class,
                () -> Parity.run(m, new OptimizerSpec.Lbfgs(5, 10), b, 1, Exec.serial()));
    }
}
