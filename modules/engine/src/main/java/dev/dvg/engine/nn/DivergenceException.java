package dev.dvg.engine.nn;

/** Training produced a NaN or infinite loss; names the step (1-based) and the value. */
public final class DivergenceException extends RuntimeException {

    private final int step;
    private final double loss;

    public DivergenceException(int step, double loss) {
        super("training diverged at step " + step + ": loss = " + loss
                + " (lower the learning rate, or check the inputs for NaN/Inf)");
        this.step = step;
        this.loss = loss;
    }

    public int step() {
        return step;
    }

    public double loss() {
        return loss;
    }
}
