package dev.dvg.dl4j;

import dev.dvg.data.batch.Batch;
import dev.dvg.engine.spec.NetworkSpec;
import dev.dvg.models.ModelSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A DL4J {@link DataSetIterator} over the data module's batch stream, so DL4J consumes the
 * <em>same</em> batches in the <em>same</em> order as David.
 *
 * <p>One pass ("epoch" to DL4J) hands out {@code batchesPerPass} batches of the underlying
 * (endless, seeded) stream. {@link #reset()} does <b>not</b> rewind: it starts the next pass where
 * the stream stands, so {@code fit(iterator, epochs)} sees epoch 0, 1, 2… of the stream exactly as
 * David's trainer does when it pulls the same stream. To replay from the start, build a new stream
 * with the same seed. Async prefetch is refused ({@link #asyncSupported()} false) so DL4J never pulls
 * batches ahead on another thread. Features become [N, D] or [N, C, H, W] as the network's input
 * shape says (a c-order view of the row-major rows), labels [N, K]; arrays are copied into ND4J
 * memory once per batch. A preprocessor, if set, is applied to each DataSet.
 */
public final class BatchStreamIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient Iterator<Batch> stream;
    private final transient NetworkSpec spec;
    private final int[] inputShape;
    private final int outputs;
    private final int batchesPerPass;
    private final int batchSize;
    private final DataType dataType;
    private int handedOut;
    private DataSetPreProcessor preProcessor;

    /**
     * @param stream         the shared batch stream (endless; {@code BatchStream} is)
     * @param spec           the network the batches feed (input shape, outputs)
     * @param batchesPerPass batches per DL4J pass (e.g. the stream's {@code stepsPerEpoch()})
     * @param batchSize      nominal batch size reported by {@link #batch()}
     * @param dataType       FLOAT or DOUBLE, as the network
     */
    public BatchStreamIterator(Iterator<Batch> stream, NetworkSpec spec, int batchesPerPass, int batchSize,
                               DataType dataType) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.inputShape = spec.inputShape();
        this.outputs = ModelSpec.outputUnits(spec);
        if (batchesPerPass < 1) {
            throw new IllegalArgumentException("batchesPerPass must be >= 1, got " + batchesPerPass);
        }
        this.batchesPerPass = batchesPerPass;
        this.batchSize = batchSize;
        this.dataType = Objects.requireNonNull(dataType, "dataType");
    }

    /** Converts one batch into a DataSet shaped for {@code spec}. */
    public static DataSet toDataSet(Batch b, NetworkSpec spec, DataType dataType) {
        int[] in = spec.inputShape();
        int per = 1;
        for (int d : in) {
            per *= d;
        }
        if (b.features() != per) {
            throw new IllegalArgumentException("batch has " + b.features() + " features per example, the network takes "
                    + per);
        }
        int k = ModelSpec.outputUnits(spec);
        if (b.targetWidth() != k) {
            throw new IllegalArgumentException("batch has targets of width " + b.targetWidth() + ", the network has "
                    + k + " outputs");
        }
        long[] shape = new long[in.length + 1];
        shape[0] = b.n();
        for (int i = 0; i < in.length; i++) {
            shape[i + 1] = in[i];
        }
        INDArray x = Nd4j.create(b.x(), shape, 'c').castTo(dataType);
        INDArray y = Nd4j.create(b.y(), new long[]{b.n(), k}, 'c').castTo(dataType);
        return new DataSet(x, y);
    }

    @Override
    public boolean hasNext() {
        return handedOut < batchesPerPass;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("pass of " + batchesPerPass + " batches is over; reset() starts the next");
        }
        Batch b = stream.next();
        handedOut++;
        DataSet ds = toDataSet(b, spec, dataType);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /** Not supported: batch sizes come from the stream. */
    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("the batch size is fixed by the shared batch stream's plan");
    }

    @Override
    public int inputColumns() {
        int per = 1;
        for (int d : inputShape) {
            per *= d;
        }
        return per;
    }

    @Override
    public int totalOutcomes() {
        return outputs;
    }

    /** True: reset starts the next pass (it continues the stream, see the class doc). */
    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        handedOut = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
