package dev.dvg.data.kaggle;

import dev.dvg.data.DataFormatException;
import dev.dvg.data.LabeledData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KaggleDigitsTest {
    @TempDir
    Path dir;

    static LabeledData sample(boolean labelled) {
        int n = 3;
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 31) % 256) / 255f;
        }
        return new LabeledData("sample", x, labelled ? new int[] {7, 0, 9} : null, n, new int[] {1, 28, 28}, 10);
    }

    @Test
    void trainAndTestRoundTrip() throws IOException {
        Path train = dir.resolve("train.csv");
        KaggleDigits.writeCsv(train, sample(true));
        assertTrue(Files.readAllLines(train).get(0).startsWith("label,pixel0,pixel1,"));
        LabeledData back = KaggleDigits.readTrain(train);
        assertEquals(3, back.n());
        assertArrayEquals(new int[] {7, 0, 9}, back.labels());
        assertArrayEquals(sample(true).x(), back.x());
        assertArrayEquals(new int[] {1, 28, 28}, back.featureShape());

        Path test = dir.resolve("test.csv");
        KaggleDigits.writeCsv(test, sample(false));
        LabeledData t = KaggleDigits.readTest(test);
        assertNull(t.labels());
        assertArrayEquals(sample(false).x(), t.x());
        // a train file is not a test file
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaggleDigits.readTest(train));
        assertTrue(e.getMessage().contains("line 1: header has 785 columns starting 'label'"), e.getMessage());
    }

    @Test
    void badRowsNameFileAndLine() throws IOException {
        Path train = dir.resolve("train.csv");
        KaggleDigits.writeCsv(train, sample(true));
        List<String> lines = Files.readAllLines(train);

        Path badLabel = dir.resolve("bad-label.csv");
        Files.write(badLabel, List.of(lines.get(0), lines.get(1), lines.get(2).replaceFirst("^0,", "12,")));
        DataFormatException e = assertThrows(DataFormatException.class, () -> KaggleDigits.readTrain(badLabel));
        assertTrue(e.getMessage().startsWith(badLabel + ": line 3: label 12 outside 0..9"), e.getMessage());

        Path badPixel = dir.resolve("bad-pixel.csv");
        Files.write(badPixel, List.of(lines.get(0), lines.get(1).replaceFirst("^7,\\d+,", "7,256,")));
        e = assertThrows(DataFormatException.class, () -> KaggleDigits.readTrain(badPixel));
        assertTrue(e.getMessage().contains("line 2: pixel0 = 256 outside 0..255"), e.getMessage());

        Path shortRow = dir.resolve("short.csv");
        Files.write(shortRow, List.of(lines.get(0), lines.get(1), "3,1,2"));
        e = assertThrows(DataFormatException.class, () -> KaggleDigits.readTrain(shortRow));
        assertTrue(e.getMessage().contains("line 3: 3 columns, expected 785"), e.getMessage());

        Path text = dir.resolve("text.csv");
        Files.write(text, List.of(lines.get(0), lines.get(1).replaceFirst("^7,", "seven,")));
        e = assertThrows(DataFormatException.class, () -> KaggleDigits.readTrain(text));
        assertTrue(e.getMessage().contains("line 2: label = 'seven' is not an integer"), e.getMessage());

        Path headerOnly = dir.resolve("empty.csv");
        Files.write(headerOnly, List.of(lines.get(0)));
        e = assertThrows(DataFormatException.class, () -> KaggleDigits.readTrain(headerOnly));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void submissionIsOneBasedAndAtomic() throws IOException {
        Path sub = dir.resolve("out/submission.csv");
        KaggleDigits.writeSubmission(sub, new int[] {2, 0, 9});
        assertEquals(List.of("ImageId,Label", "1,2", "2,0", "3,9"), Files.readAllLines(sub));
        assertThrows(IllegalArgumentException.class, () -> KaggleDigits.writeSubmission(sub, new int[] {10}));
        assertEquals(4, Files.readAllLines(sub).size(), "rejected write left the old file");
    }
}
