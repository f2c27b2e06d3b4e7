package dev.dvg.runner;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The course's pretrained ex4 weights in both engines: accuracy and cost (λ = 0 and 1) on the
 * training set, David and DL4J in agreement. Real weights and digits come from the shared data
 * folder ({@code -Ddvg.shared.data}, set by surefire); those tests skip with a reason without it.
 */
class PretrainedTest {

    /**
     * These weights on OpenCV's digits.png (the course's digits quantised to 8 bits), measured with
     * this suite (the engines differ by 1.6e-6 relative): not the course's ex4data1.mat numbers.
     */
    static final double PNG_COST_LAMBDA0 = 0.290845;
    static final double PNG_COST_LAMBDA1 = 0.386986;
    static final double PNG_ACCURACY = 0.976;
    /** Absolute tolerance on the costs above (float32 forward passes, summation order). */
    static final double COST_ABS = 1e-5;

    static Path shared(String rel) {
        String prop = System.getProperty("dvg.shared.data");
        assumeTrue(prop != null, "system property dvg.shared.data is not set: shared test data unavailable");
        Path p = Path.of(prop).resolve(rel);
        assumeTrue(Files.isRegularFile(p), "shared test data " + p + " is absent");
        return p;
    }

    static Map<String, Object> evaluate(Path weights, Path digits) throws Exception {
        ModelSpec spec = ReferenceModels.get(ReferenceModels.DIGITS20_MLP25);
        DataSources sources = new DataSources(new DataCatalog(DataConfig.fromEnvironment().withRemote(false)), digits);
        ExperimentData data = ExperimentData.load(spec.data(), sources);
        return Pretrained.evaluate(weights, Pretrained.load(weights, spec), spec, data, 1, 1);
    }

    @SuppressWarnings("unchecked")
    static double value(Map<String, Object> block, String engine, String key) {
        return ((Number) ((Map<String, Map<String, Object>>) block.get("engines")).get(engine).get(key)).doubleValue();
    }

    @Test
    void bothEnginesScoreTheCourseWeightsOnDigitsPngAlike() throws Exception {
        Map<String, Object> b = evaluate(shared("ex4/ex4weights.mat"), shared("opencv-digits/digits.png"));
        System.out.println("ex4 pretrained weights on digits.png: " + b);
        assertEquals(true, b.get("engines_agree"));
        assertEquals(5000, b.get("examples"));
        for (String engine : new String[] {"david", "dl4j"}) {
            assertEquals(PNG_ACCURACY, value(b, engine, "train_accuracy"), 1e-12, engine);
            assertEquals(PNG_COST_LAMBDA0, value(b, engine, "cost_lambda0"), COST_ABS, engine);
            assertEquals(PNG_COST_LAMBDA1, value(b, engine, "cost_lambda1"), COST_ABS, engine);
        }
        assertTrue((double) b.get("max_rel_cost_diff") <= Pretrained.REL_TOLERANCE, b.toString());
    }

    /** The course's own numbers, when a user has put ex4data1.mat into the shared folder. */
    @Test
    void onTheCoursesEx4Data1TheCostsAreTheCourses() throws Exception {
        Path data = shared("ex4/ex4data1.mat");
        Map<String, Object> b = evaluate(shared("ex4/ex4weights.mat"), data);
        for (String engine : new String[] {"david", "dl4j"}) {
            assertEquals(Pretrained.COURSE_COST_LAMBDA0, value(b, engine, "cost_lambda0"), COST_ABS, engine);
            assertEquals(Pretrained.COURSE_COST_LAMBDA1, value(b, engine, "cost_lambda1"), COST_ABS, engine);
            assertEquals(Pretrained.COURSE_ACCURACY, value(b, engine, "train_accuracy"), 1e-4, engine);
        }
    }

    @Test
    void badWeightFilesNameTheFileAndWhatWasExpected(@TempDir Path tmp) throws Exception {
        ModelSpec spec = ReferenceModels.get(ReferenceModels.DIGITS20_MLP25);
        Path missing = tmp.resolve("nope.mat");
        assertMessage(() -> Pretrained.load(missing, spec), missing + ": no such file", "Theta1 25x401");
        Path text = Files.writeString(tmp.resolve("text.mat"), "not a mat file at all, just some text");
        assertMessage(() -> Pretrained.load(text, spec), "--weights " + text, "Theta1 25x401 and Theta2 10x26");
        Path shapes = tmp.resolve("shapes.mat");
        try (MatFile f = Mat5.newMatFile().addArray("Theta1", Mat5.newMatrix(25, 400))
                .addArray("Theta2", Mat5.newMatrix(10, 26))) {
            Mat5.writeToFile(f, shapes.toFile());
        }
        assertMessage(() -> Pretrained.load(shapes, spec), "--weights " + shapes, "'Theta1' is 25x400, expected 25x401");
        Path empty = tmp.resolve("empty.mat");
        try (MatFile f = Mat5.newMatFile().addArray("X", Mat5.newMatrix(2, 2))) {
            Mat5.writeToFile(f, empty.toFile());
        }
        assertMessage(() -> Pretrained.load(empty, spec), "--weights " + empty, "Theta1");
        assertMessage(() -> Pretrained.load(empty, ReferenceModels.get(ReferenceModels.MOONS)), "model moons is not");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
        }
    }
}
