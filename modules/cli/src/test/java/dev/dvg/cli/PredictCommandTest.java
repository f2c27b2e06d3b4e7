package dev.dvg.cli;

import dev.dvg.data.LabeledData;
import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DatasetId;
import dev.dvg.data.kaggle.KaggleDigits;
import dev.dvg.engine.io.ModelFile;
import dev.dvg.kernels.Exec;
import dev.dvg.models.David;
import dev.dvg.models.ModelMetadata;
import dev.dvg.models.ModelSpec;
import dev.dvg.models.ReferenceModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dvg predict} end to end: a short real MNIST training through {@code dvg run} saves both
 * engines' models; each classifies a Kaggle-format CSV written from MNIST test images; then the
 * error paths (bad model, bad CSV, incompatible model), each exit 2 with the file named.
 */
class PredictCommandTest {

    /** Kaggle rows written from the first MNIST test images. */
    static final int ROWS = 2_000;
    /** 400 RMSprop steps of batch 128 reach ~0.95 on MNIST; the floor leaves room for seed noise. */
    static final double MIN_ACCURACY = 0.92;

    @TempDir
    static Path tmp;
    static LabeledData mnist;

    @BeforeAll
    static void loadMnist() throws IOException {
        // the cache (the suite needs `dvg data fetch all`; MNIST missing fails loudly, as elsewhere)
        mnist = DataCatalog.fromEnvironment().loadTest(DatasetId.MNIST).head(ROWS);
    }

    static DvgTest.Result dvg(String... args) {
        return DvgTest.dvg(args);
    }

    static Path kaggleCsv(String name, boolean labelled) throws IOException {
        Path f = tmp.resolve(name);
        LabeledData d = labelled ? mnist : new LabeledData("unlabelled", mnist.x(), null, mnist.n(),
                mnist.featureShape(), mnist.numClasses());
        KaggleDigits.writeCsv(f, d);
        return f;
    }

    @Test
    void briefTrainingThenPredictWritesASubmissionAndScoresLabelledCsvs() throws IOException {
        Path experiments = Files.createDirectories(tmp.resolve("experiments"));
        Files.writeString(experiments.resolve("mlp-brief.yaml"), """
                id: mlp-brief
                model: mnist-mlp256
                seeds: [42]
                sameInit: true
                threads: {david: 1, dl4j: 1}
                targetAccuracy: 0.9
                paritySteps: 10
                budgets:
                  quick: {training: {sampling: shuffled-epochs, batchSize: 128, steps: 400}, evalEvery: 400}
                """);
        Path results = tmp.resolve("results");
        DvgTest.Result run = dvg("run", "mlp-brief", "--budget", "quick", "--experiments", experiments.toString(),
                "--out", results.toString(), "--no-report");
        assertEquals(ExitCodes.OK, run.code(), run.err());
        Path runDir;
        try (var dirs = Files.list(results.resolve("mlp-brief"))) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path test = kaggleCsv("test.csv", false);
        Path train = kaggleCsv("train.csv", true);
        for (String model : List.of("models/david-seed42.dvgm", "models/dl4j-seed42.zip")) {
            Path m = runDir.resolve(model);
            assertTrue(Files.isRegularFile(m), m + " saved by the run");
            Path sub = tmp.resolve(m.getFileName() + "-submission.csv");
            DvgTest.Result p = dvg("predict", "--model", m.toString(), "--csv", test.toString(), "--out", sub.toString());
            assertEquals(ExitCodes.OK, p.code(), p.err());
            List<String> lines = Files.readAllLines(sub);
            assertEquals("ImageId,Label", lines.get(0));
            assertEquals(ROWS + 1, lines.size());
            int correct = 0;
            for (int i = 1; i <= ROWS; i++) {
                String[] cols = lines.get(i).split(",");
                assertEquals(2, cols.length, lines.get(i));
                assertEquals(i, Integer.parseInt(cols[0]), "1-based ImageId in order");
                int label = Integer.parseInt(cols[1]);
                assertTrue(label >= 0 && label <= 9, lines.get(i));
                correct += label == mnist.labels()[i - 1] ? 1 : 0;
            }
            double acc = correct / (double) ROWS;
            System.out.printf("dvg predict %s on %d MNIST test images: accuracy %.4f%n", model, ROWS, acc);
            assertTrue(acc >= MIN_ACCURACY, model + " accuracy " + acc);

            // a labelled CSV: the same predictions, scored
            Path sub2 = tmp.resolve(m.getFileName() + "-train-submission.csv");
            DvgTest.Result s = dvg("predict", "--model", m.toString(), "--csv", train.toString(), "--out", sub2.toString());
            assertEquals(ExitCodes.OK, s.code(), s.err());
            assertEquals(lines, Files.readAllLines(sub2));
            assertTrue(s.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.4f (%d of %d", acc, correct, ROWS)),
                    s.out());
            assertTrue(s.out().contains("most frequent confusions"), s.out());
        }
    }

    /** An untrained model saved as a run would save it (the error paths need no training). */
    static Path savedModel(String id, String name) throws IOException {
        ModelSpec spec = ReferenceModels.get(id);
        Path f = tmp.resolve(name);
        try (Exec exec = Exec.create(1)) {
            ModelFile.save(David.network(spec, exec), new ModelMetadata(spec, "david", id, "test-run").toMap(), f);
        }
        return f;
    }

    static void assertUsageError(DvgTest.Result r, String... expected) {
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    static DvgTest.Result predict(Path model, Path csv) {
        return dvg("predict", "--model", model.toString(), "--csv", csv.toString(), "--out",
                tmp.resolve("never.csv").toString());
    }

    @Test
    void badModelFilesAreUsageErrorsNamingTheFile() throws IOException {
        Path csv = kaggleCsv("ok.csv", false);
        Path missing = tmp.resolve("missing.dvgm");
        assertUsageError(predict(missing, csv), missing.toString(), "no such model file");
        Path text = Files.writeString(tmp.resolve("notes.dvgm"), "hello");
        assertUsageError(predict(text, csv), text.toString(), "not a saved model");

        // a model file of format 1 (no metadata): say what is missing and how to get a new one
        Path plain = tmp.resolve("plain.dvgm");
        try (Exec exec = Exec.create(1)) {
            ModelFile.save(David.network(ReferenceModels.get(ReferenceModels.MNIST_MLP256), exec), plain);
        }
        byte[] b = Files.readAllBytes(plain);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
        int metaAt = 12 + bb.getInt(8);
        java.nio.ByteBuffer v1 = java.nio.ByteBuffer.allocate(b.length - 4);
        v1.put(b, 0, metaAt).put(b, metaAt + 4, b.length - 8 - metaAt - 4).putInt(4, 1);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v1.array(), 0, v1.position());
        v1.putLong(crc.getValue());
        Path old = Files.write(tmp.resolve("old.dvgm"), v1.array());
        assertUsageError(predict(old, csv), old.toString(), "format version 1 carries no metadata");

        Path digits20 = savedModel(ReferenceModels.DIGITS20_MLP25, "digits20.dvgm");
        assertUsageError(predict(digits20, csv), digits20.toString(), "expects 400 input features",
                "784 pixels (28x28)");
        Path isZero = savedModel(ReferenceModels.IS_ZERO_LOGISTIC, "is-zero.dvgm");
        assertUsageError(predict(isZero, csv), isZero.toString(), "not the 10 digit classes");
        assertFalse(Files.exists(tmp.resolve("never.csv")), "no submission on errors");
    }

    @Test
    void badCsvCellsAreUsageErrorsNamingFileLineAndColumn() throws IOException {
        Path model = savedModel(ReferenceModels.MNIST_MLP256, "mlp.dvgm");
        Path good = kaggleCsv("good.csv", false);
        List<String> lines = Files.readAllLines(good).subList(0, 4);

        Path shortRow = write("short.csv", lines.get(0), lines.get(1), "1,2,3");
        assertUsageError(predict(model, shortRow), shortRow.toString(), "line 3: 3 columns, expected 784");
        Path word = write("word.csv", lines.get(0), lines.get(1), lines.get(2).replaceFirst("^[0-9]+,[0-9]+,", "0,x,"));
        assertUsageError(predict(model, word), word.toString(), "line 3: pixel1 = 'x' is not an integer (column 2)");
        Path big = write("big.csv", lines.get(0), lines.get(1).replaceFirst("^[0-9]+,", "256,"));
        assertUsageError(predict(model, big), big.toString(), "line 2: pixel0 = 256 outside 0..255 (column 1)");
        Path header = write("header.csv", "id,a,b", "1,2,3");
        assertUsageError(predict(model, header), header.toString(), "line 1: header");
        Path none = tmp.resolve("none.csv");
        assertUsageError(predict(model, none), none.toString());
    }

    private static Path write(String name, String... lines) throws IOException {
        return Files.write(tmp.resolve(name), List.of(lines));
    }
}
