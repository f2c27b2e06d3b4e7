package dev.dvg.sweeps;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parameter's space in a sweep file, and the Arbiter leaf that samples it. A grid takes
 * {@code points} values of a continuous or integer range (min and max included, evenly spaced in
 * the range or in its logarithm) and every value of a discrete list; a random search draws
 * uniformly (in the log for {@code scale: log}).
 */
public sealed interface ParamSpace {

    Param param();

    /** A fresh Arbiter leaf (leaves carry the index Arbiter assigns them, so never share one). */
    ParameterSpace<?> leaf();

    /** The space as written in sweep.json's definition. */
    Map<String, Object> describe();

    /** A real range [min, max]; {@code log} samples log-uniformly (min must be &gt; 0). */
    record Continuous(Param param, double min, double max, boolean log) implements ParamSpace {
        public Continuous {
            Objects.requireNonNull(param);
            if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("expected finite min < max, got min " + min + ", max " + max);
            }
            if (log && !(min > 0)) {
                throw new IllegalArgumentException("scale log needs min > 0, got " + min);
            }
            param.check(min);
            param.check(max);
        }

        @Override
        public ParameterSpace<?> leaf() {
            return log ? new ContinuousParameterSpace(new LogUniformDistribution(min, max))
                    : new ContinuousParameterSpace(min, max);
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "continuous");
            m.put("min", min);
            m.put("max", max);
            m.put("scale", log ? "log" : "linear");
            return m;
        }
    }

    /**
     * An integer range [min, max]. Linear: Arbiter's {@link IntegerParameterSpace} (a grid takes
     * min(points, max−min+1) values). Log: {@link LogIntegerSpace} (a grid takes {@code points}
     * log-spaced values, rounded).
     */
    record IntRange(Param param, int min, int max, boolean log) implements ParamSpace {
        public IntRange {
            Objects.requireNonNull(param);
            if (min >= max) {
                throw new IllegalArgumentException("expected min < max, got min " + min + ", max " + max);
            }
            if (log && min < 1) {
                throw new IllegalArgumentException("scale log needs min >= 1, got " + min);
            }
            param.check(min);
            param.check(max);
        }

        @Override
        public ParameterSpace<?> leaf() {
            return log ? new LogIntegerSpace(min, max) : new IntegerParameterSpace(min, max);
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "integer");
            m.put("min", min);
            m.put("max", max);
            m.put("scale", log ? "log" : "linear");
            return m;
        }
    }

    /** A list of values (numbers or names), every one a grid point. */
    record Discrete(Param param, List<Serializable> values) implements ParamSpace {
        public Discrete {
            Objects.requireNonNull(param);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("expected a non-empty list of values");
            }
            if (values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException("values repeat: " + values);
            }
        }

        @Override
        public ParameterSpace<?> leaf() {
            return new DiscreteParameterSpace<>(values);
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "discrete");
            m.put("values", values);
            return m;
        }
    }
}
