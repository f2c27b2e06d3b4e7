package dev.dvg.engine;

import java.util.function.DoubleSupplier;

/**
 * Central-difference gradient checking for float32 code.
 *
 * <p>The numeric derivative is (f(θ+ε) − f(θ−ε)) / (θ₊ − θ₋), where θ₊ and θ₋ are the perturbed
 * values <em>as stored in float</em> (so the representation error of θ±ε does not enter), and f is
 * accumulated in double over a float forward pass.
 *
 * <p>Tolerances. DL4J's {@code GradientCheckTests} run in double with ε = 1e−6 and a max relative
 * error of 1e−3. We are float32: a forward pass carries a relative rounding error of ≈ 1e−7 per
 * operation, so f(θ±ε) is only known to ≈ 1e−7·|f|·(a few), and the difference quotient to
 * ≈ 1e−7·|f|/ε. ReLU and max pooling have kinks: if a pre-activation lies within ε of 0 (or two
 * pool inputs within ε of each other) the quotient straddles the kink and is meaningless; with
 * ε = 1e−2 this happened in one unit of a 7→6→4 ReLU case, so {@link #EPS} = 1e−3, small enough
 * to make such crossings rare, large enough that the noise stays ≈ 1e−4 (observed max 2e−4 on the
 * CNN cases). Hence an absolute floor {@link #MIN_ABS_ERROR} = 5e−4 below which a difference is
 * float noise, and above it a max relative error {@link #MAX_REL_ERROR} = 1e−2 (observed
 * ≤ 6e−3). A wrong backward pass shows up as relative errors of order 1 on many entries.
 */
public final class GradCheck {

    /** Perturbation ε of a float parameter. */
    public static final double EPS = 1e-3;
    /**
     * ε for functions linear in each single variable (a dense or convolution layer's output as a
     * function of one element of X or W): central differences are then exact up to rounding, and a
     * large ε shrinks the float noise 1e−7·|f|/ε, which matters when f sums hundreds of outputs.
     */
    public static final double EPS_LINEAR = 1e-1;
    /** Max relative error |a−n| / max(|a|,|n|) accepted above the absolute floor. */
    public static final double MAX_REL_ERROR = 1e-2;
    /** Absolute differences below this are float noise and pass whatever their relative size. */
    public static final double MIN_ABS_ERROR = 5e-4;

    private double maxRel;
    private double maxRelSignificant;
    private double maxAbs;
    private int checked;
    private String worst = "";

    /** Numeric derivative of f with respect to {@code data[i]}; restores data[i]. */
    public static double numeric(float[] data, int i, DoubleSupplier f) {
        return numeric(data, i, f, EPS);
    }

    /** As {@link #numeric(float[], int, DoubleSupplier)} with a given ε. */
    public static double numeric(float[] data, int i, DoubleSupplier f, double eps) {
        float orig = data[i];
        float plus = (float) (orig + eps);
        float minus = (float) (orig - eps);
        data[i] = plus;
        double fp = f.getAsDouble();
        data[i] = minus;
        double fm = f.getAsDouble();
        data[i] = orig;
        return (fp - fm) / ((double) plus - (double) minus);
    }

    /** Records one comparison; returns a failure message or null. */
    public String compare(String what, double analytic, double numeric) {
        checked++;
        double abs = Math.abs(analytic - numeric);
        double denom = Math.max(Math.abs(analytic), Math.abs(numeric));
        double rel = denom == 0 ? 0 : abs / denom;
        if (denom >= 1e-2 && rel > maxRelSignificant) {
            maxRelSignificant = rel;
        }
        if (abs > maxAbs) {
            maxAbs = abs;
        }
        if (abs > MIN_ABS_ERROR && rel > maxRel) {
            maxRel = rel;
            worst = what;
        }
        if (abs > MIN_ABS_ERROR && rel > MAX_REL_ERROR) {
            return what + ": analytic " + analytic + " vs numeric " + numeric + " (rel " + rel + ", abs " + abs + ")";
        }
        return null;
    }

    public double maxRelativeError() {
        return maxRel;
    }

    public String summary() {
        return checked + " derivatives, max rel error where |grad| >= 1e-2 " + String.format("%.3g", maxRelSignificant)
                + ", max rel error above the abs floor " + String.format("%.3g", maxRel)
                + (worst.isEmpty() ? "" : " (" + worst + ")") + ", max abs error " + String.format("%.3g", maxAbs);
    }
}
