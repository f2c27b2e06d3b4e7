package dev.dvg.engine.nn;

/**
 * Callbacks from a {@link Trainer}. Both have empty defaults so a listener implements what it needs.
 * Listeners run on the training thread between steps; they may read (not modify) the network.
 */
public interface TrainingListener {

    /** After optimiser step {@code step} (1-based); {@code loss} was computed before the update. */
    default void onStep(int step, double loss) {
    }

    /**
     * After epoch {@code epoch} (1-based) when training by epochs, e.g. to evaluate on held-out data;
     * {@code stepsSoFar} counts all steps since the start.
     */
    default void onEpochEnd(int epoch, int stepsSoFar) {
    }
}
