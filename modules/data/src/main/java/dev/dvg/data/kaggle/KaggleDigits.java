package dev.dvg.data.kaggle;

import dev.dvg.data.DataFormatException;
import dev.dvg.data.LabeledData;
import dev.dvg.data.fetch.AtomicFiles;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Kaggle "Digit Recognizer" files. {@code train.csv}: header {@code label,pixel0,...,pixel783}, then one
 * row per image with a label 0..9 and 784 pixels 0..255 (row-major 28×28). {@code test.csv}: the same
 * without the label column. Rows are parsed with DataVec's {@link CSVRecordReader} (header skipped after
 * it has been checked); pixels are divided by 255, feature shape {@code [1,28,28]}.
 * Submissions are {@code ImageId,Label} with 1-based ImageId, written atomically.
 */
public final class KaggleDigits {
    public static final int PIXELS = 784;

    private KaggleDigits() {
    }

    /** Reads {@code train.csv} (labelled). */
    public static LabeledData readTrain(Path csv) throws IOException {
        return read(csv, true);
    }

    /** Reads {@code test.csv} (unlabelled: {@link LabeledData#labels()} is null). */
    public static LabeledData readTest(Path csv) throws IOException {
        return read(csv, false);
    }

    /** Receives consecutive chunks of a CSV's rows (see {@link #forEachBatch}). */
    @FunctionalInterface
    public interface BatchConsumer {
        /**
         * @param batch   the chunk's rows: pixels ÷ 255, labels when the file has them (else null)
         * @param firstId 0-based index of the chunk's first row in the file (its line is firstId + 2)
         */
        void accept(LabeledData batch, int firstId) throws IOException;
    }

    /**
     * Whether {@code csv} is a train.csv (header {@code label,pixel0,...}) or a test.csv (header
     * {@code pixel0,...}); any other header is a {@link DataFormatException} naming the file.
     */
    public static boolean hasLabelColumn(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "Kaggle digit CSV not found");
        }
        String first = header(csv).strip().split(",", 2)[0].strip();
        boolean labelled = first.equals("label");
        checkHeader(csv, labelled);
        return labelled;
    }

    /**
     * Streams {@code csv} in chunks of at most {@code batchSize} rows, so a large file (Kaggle's
     * 28,000 test images) is never held in memory at once. Every row is checked as in
     * {@link #readTrain}; an error names the file, the line and the column.
     *
     * @return the number of rows
     */
    public static int forEachBatch(Path csv, boolean labelled, int batchSize, BatchConsumer consumer) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "Kaggle digit CSV not found");
        }
        checkHeader(csv, labelled);
        int columns = PIXELS + (labelled ? 1 : 0);
        float[] x = new float[batchSize * PIXELS];
        int[] labels = labelled ? new int[batchSize] : null;
        int n = 0;
        int inBatch = 0;
        try (CSVRecordReader rr = new CSVRecordReader(1, ',')) {
            rr.initialize(new FileSplit(csv.toFile()));
            while (rr.hasNext()) {
                List<Writable> rec = rr.next();
                long line = n + 2L;
                if (rec.size() != columns) {
                    throw new DataFormatException(csv, "line " + line + ": " + rec.size() + " columns, expected " + columns);
                }
                int c = 0;
                if (labelled) {
                    int label = intValue(csv, line, "label", c + 1, rec.get(c++));
                    if (label < 0 || label > 9) {
                        throw new DataFormatException(csv, "line " + line + ": label " + label + " outside 0..9 (column 1)");
                    }
                    labels[inBatch] = label;
                }
                for (int p = 0; p < PIXELS; p++) {
                    int v = intValue(csv, line, "pixel" + p, c + 1, rec.get(c++));
                    if (v < 0 || v > 255) {
                        throw new DataFormatException(csv, "line " + line + ": pixel" + p + " = " + v
                                + " outside 0..255 (column " + c + ")");
                    }
                    x[inBatch * PIXELS + p] = v / 255f;
                }
                n++;
                inBatch++;
                if (inBatch == batchSize) {
                    consumer.accept(chunk(csv, x, labels, inBatch), n - inBatch);
                    inBatch = 0;
                }
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new DataFormatException(csv, "unreadable CSV after " + n + " rows: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + csv, e);
        }
        if (n == 0) {
            throw new DataFormatException(csv, "no data rows after the header");
        }
        if (inBatch > 0) {
            consumer.accept(chunk(csv, x, labels, inBatch), n - inBatch);
        }
        return n;
    }

    private static LabeledData chunk(Path csv, float[] x, int[] labels, int n) {
        return new LabeledData("kaggle-digits/" + csv.getFileName(), Arrays.copyOf(x, n * PIXELS),
                labels == null ? null : Arrays.copyOf(labels, n), n, new int[] {1, 28, 28}, 10);
    }

    private static LabeledData read(Path csv, boolean labelled) throws IOException {
        float[][] x = {new float[1 << 20]};
        int[][] labels = {labelled ? new int[1 << 10] : null};
        int n = forEachBatch(csv, labelled, 1024, (b, first) -> {
            int end = first + b.n();
            if ((long) end * PIXELS > x[0].length) {
                x[0] = Arrays.copyOf(x[0], Math.max(Math.multiplyExact(x[0].length, 2), end * PIXELS));
            }
            System.arraycopy(b.x(), 0, x[0], first * PIXELS, b.n() * PIXELS);
            if (labelled) {
                if (end > labels[0].length) {
                    labels[0] = Arrays.copyOf(labels[0], Math.max(labels[0].length * 2, end));
                }
                System.arraycopy(b.labels(), 0, labels[0], first, b.n());
            }
        });
        return new LabeledData("kaggle-digits/" + csv.getFileName(), Arrays.copyOf(x[0], n * PIXELS),
                labelled ? Arrays.copyOf(labels[0], n) : null, n, new int[] {1, 28, 28}, 10);
    }

    private static int intValue(Path csv, long line, String column, int index, Writable w) throws DataFormatException {
        String s = w.toString().trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new DataFormatException(csv, "line " + line + ": " + column + " = '" + s + "' is not an integer (column "
                    + index + ")");
        }
    }

    private static String header(Path csv) throws IOException {
        String header;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            header = r.readLine();
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataFormatException(csv, "line 1: not UTF-8 text, expected a CSV header", e);
        }
        if (header == null) {
            throw new DataFormatException(csv, "empty file, expected a header line");
        }
        return header;
    }

    private static void checkHeader(Path csv, boolean labelled) throws IOException {
        String header = header(csv);
        String[] cols = header.strip().split(",");
        int expected = PIXELS + (labelled ? 1 : 0);
        String first = labelled ? "label" : "pixel0";
        if (cols.length != expected || !cols[0].strip().equals(first)
                || !cols[cols.length - 1].strip().equals("pixel" + (PIXELS - 1))) {
            throw new DataFormatException(csv, "line 1: header has " + cols.length + " columns starting '" + cols[0]
                    + "', expected " + expected + " columns " + first + ",...,pixel783"
                    + (labelled ? " (train.csv)" : " (test.csv)"));
        }
    }

    /**
     * Writes a Kaggle submission {@code ImageId,Label} (ImageId 1-based, one row per prediction) atomically.
     */
    public static void writeSubmission(Path target, int[] predictions) throws IOException {
        for (int i = 0; i < predictions.length; i++) {
            if (predictions[i] < 0 || predictions[i] > 9) {
                throw new IllegalArgumentException("prediction " + predictions[i] + " for ImageId " + (i + 1) + " outside 0..9");
            }
        }
        AtomicFiles.write(target, out -> {
            StringBuilder sb = new StringBuilder(predictions.length * 8 + 16).append("ImageId,Label\n");
            for (int i = 0; i < predictions.length; i++) {
                sb.append(i + 1).append(',').append(predictions[i]).append('\n');
            }
            out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        });
    }

    /** Writes images (and labels, when present) back as a Kaggle CSV — pixels rounded from x·255 — atomically. */
    public static void writeCsv(Path target, LabeledData data) throws IOException {
        if (data.features() != PIXELS) {
            throw new IllegalArgumentException(data.name() + " has " + data.features() + " features, expected " + PIXELS);
        }
        AtomicFiles.write(target, out -> {
            StringBuilder sb = new StringBuilder();
            if (data.labelled()) {
                sb.append("label,");
            }
            for (int p = 0; p < PIXELS; p++) {
                sb.append(p == 0 ? "" : ",").append("pixel").append(p);
            }
            sb.append('\n');
            for (int i = 0; i < data.n(); i++) {
                if (data.labelled()) {
                    sb.append(data.labels()[i]).append(',');
                }
                for (int p = 0; p < PIXELS; p++) {
                    sb.append(p == 0 ? "" : ",").append(Math.round(data.x()[i * PIXELS + p] * 255f));
                }
                sb.append('\n');
                if (sb.length() > 1 << 16) {
                    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                    sb.setLength(0);
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        });
    }
}
