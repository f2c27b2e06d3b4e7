package dev.dvg.engine.eval;

import dev.dvg.engine.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values checked against scikit-learn's definitions by hand. */
class EvaluationTest {

    @Test
    void classificationReportLikeSklearn() {
        // y_true = [0,0,1,1,2,2,2], y_pred = [0,1,1,1,2,0,2]
        ClassificationReport r = ClassificationReport.ofLabels(new int[]{0, 0, 1, 1, 2, 2, 2},
                new int[]{0, 1, 1, 1, 2, 0, 2}, 3);
        assertArrayEquals(new long[]{1, 1, 0}, r.confusion()[0]);
        assertArrayEquals(new long[]{1, 0, 2}, r.confusion()[2]);
        assertEquals(5.0 / 7, r.accuracy(), 1e-12);
        assertEquals(0.5, r.precision(0), 1e-12);
        assertEquals(2.0 / 3, r.precision(1), 1e-12);
        assertEquals(1.0, r.recall(1), 1e-12);
        assertEquals(0.8, r.f1(1), 1e-12);
        assertEquals(2.0 / 3, r.recall(2), 1e-12);
        assertEquals(0.8, r.f1(2), 1e-12);
        assertEquals((0.5 + 0.8 + 0.8) / 3, r.macroAverage(ClassificationReport.Metric.F1), 1e-12);
        assertEquals((0.5 * 2 + 0.8 * 2 + 0.8 * 3) / 7, r.weightedAverage(ClassificationReport.Metric.F1), 1e-12);
        assertEquals(3, r.support(2));
        String text = r.render();
        assertTrue(text.contains("macro avg") && text.contains("weighted avg") && text.contains("0.7143"), text);
    }

    @Test
    void fromOutputsUsesArgmax() {
        Tensor out = Tensor.wrap(new float[]{0.1f, 0.9f, 0.8f, 0.2f}, 2, 2);
        Tensor y = Tensor.wrap(new float[]{0, 1, 0, 1}, 2, 2);
        ClassificationReport r = ClassificationReport.of(out, y);
        assertEquals(0.5, r.accuracy(), 1e-12);
        assertEquals(0.0, r.precision(0), 1e-12, "no true class-0 example: precision 0 (zero_division=0)");
        assertThrows(IllegalArgumentException.class, () -> ClassificationReport.of(out, Tensor.zeros(3, 2)));
    }

    @Test
    void binaryMetricsAndAuc() {
        float[] p = {0.9f, 0.4f, 0.6f, 0.1f, 0.6f};
        float[] y = {1, 1, 0, 0, 1};
        BinaryReport r = BinaryReport.of(p, y);
        // predicted: 1,0,1,0,1 → TP 2, FN 1, FP 1, TN 1
        assertArrayEquals(new long[]{1, 1}, r.confusion()[0]);
        assertArrayEquals(new long[]{1, 2}, r.confusion()[1]);
        assertEquals(0.6, r.accuracy(), 1e-12);
        assertEquals(2.0 / 3, r.precision(), 1e-12);
        assertEquals(2.0 / 3, r.recall(), 1e-12);
        // pairs (pos, neg): 0.9>0.6,0.9>0.1, 0.4<0.6,0.4>0.1, 0.6=0.6 (½), 0.6>0.1 → 4.5/6
        assertEquals(0.75, r.rocAuc(), 1e-12);
        assertTrue(Double.isNaN(BinaryReport.of(new float[]{0.2f}, new float[]{1}).rocAuc()));
        assertThrows(IllegalArgumentException.class, () -> BinaryReport.of(new float[]{0.2f}, new float[]{2}));
    }
}
