package dev.dvg.sweeps;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Integers spaced evenly in the logarithm between min and max (both included): layer widths
 * 16…512 as 16, 51, 161, 512 rather than 16, 181, 347, 512. Arbiter's grid treats it like a
 * continuous leaf (it takes {@code points} values of u ∈ [0, 1]); u maps to
 * round(exp(ln min + u·(ln max − ln min))).
 */
final class LogIntegerSpace implements ParameterSpace<Integer> {

    private final int min;
    private final int max;
    private int index = -1;

    LogIntegerSpace(int min, int max) {
        if (min < 1 || max <= min) {
            throw new IllegalArgumentException("log integer space needs 1 <= min < max, got " + min + ", " + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public Integer getValue(double[] input) {
        if (index < 0) {
            throw new IllegalStateException("Arbiter has not assigned this space an index");
        }
        double u = Math.min(1, Math.max(0, input[index]));
        long v = Math.round(Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))));
        return (int) Math.min(max, Math.max(min, v));
    }

    @Override
    public int numParameters() {
        return 1;
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return Collections.singletonList(this);
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Collections.emptyMap();
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public void setIndices(int... indices) {
        if (indices == null || indices.length != 1) {
            throw new IllegalArgumentException("a log integer space takes one index");
        }
        index = indices[0];
    }

    @Override
    public String toString() {
        return "LogIntegerSpace(" + min + ".." + max + ")";
    }
}
