package dev.dvg.engine.nn;

import dev.dvg.engine.optim.Optimizer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The minibatch training loop. Each step:
 * <pre>
 *   loss = network.computeGradients(X, Y)     (forward, loss, backward)
 *   if loss is NaN or ±∞: throw DivergenceException(step, loss)   (params left as before the step)
 *   optimizer.step(network.params())
 *   listeners.onStep(step, loss)
 * </pre>
 * Steps are numbered from 1 and continue across calls to {@code fit}.
 */
public final class Trainer {

    private final Network network;
    private final Optimizer optimizer;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private int step;

    public Trainer(Network network, Optimizer optimizer) {
        this.network = Objects.requireNonNull(network, "network");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    public Trainer addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Steps done so far. */
    public int steps() {
        return step;
    }

    /**
     * Trains on batches from {@code batches} until {@code maxSteps} steps are done or the iterator is
     * exhausted, whichever comes first.
     *
     * @return the loss of the last step (NaN if no step ran)
     */
    public double fit(Iterator<? extends MiniBatch> batches, int maxSteps) {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be >= 0, got " + maxSteps);
        }
        double last = Double.NaN;
        for (int done = 0; done < maxSteps && batches.hasNext(); done++) {
            last = step(batches.next());
        }
        return last;
    }

    /**
     * Trains for {@code epochs} passes, each over a fresh iterator from {@code epochSource} (e.g. a
     * reshuffled batch stream), calling {@link TrainingListener#onEpochEnd} after each pass.
     *
     * @return the loss of the last step (NaN if no step ran)
     */
    public double fitEpochs(Supplier<? extends Iterator<? extends MiniBatch>> epochSource, int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        double last = Double.NaN;
        for (int e = 1; e <= epochs; e++) {
            Iterator<? extends MiniBatch> it = epochSource.get();
            while (it.hasNext()) {
                last = step(it.next());
            }
            for (TrainingListener l : listeners) {
                l.onEpochEnd(e, step);
            }
        }
        return last;
    }

    /** One step on one batch; returns its loss. */
    public double step(MiniBatch batch) {
        double loss = network.computeGradients(batch.x(), batch.y());
        int s = step + 1;
        if (Double.isNaN(loss) || Double.isInfinite(loss)) {
            throw new DivergenceException(s, loss);
        }
        optimizer.step(network.params());
        step = s;
        for (int i = 0; i < listeners.size(); i++) { // indexed: an iterator would be garbage per step
            listeners.get(i).onStep(s, loss);
        }
        return loss;
    }
}
