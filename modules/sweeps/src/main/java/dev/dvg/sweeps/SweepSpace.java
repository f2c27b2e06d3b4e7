package dev.dvg.sweeps;

import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's whole space for Arbiter: one leaf per parameter, in file order, whose values make a
 * {@link SweepPoint}. Arbiter's generators assign the leaves their indices into the candidate's
 * vector of u ∈ [0, 1] values and call {@link #getValue}.
 */
final class SweepSpace extends AbstractParameterSpace<SweepPoint> {

    private final LinkedHashMap<String, ParameterSpace<?>> leaves = new LinkedHashMap<>();
    private final Map<String, Param> params = new LinkedHashMap<>();

    SweepSpace(List<ParamSpace> spaces) {
        for (ParamSpace s : spaces) {
            leaves.put(s.param().id(), s.leaf());
            params.put(s.param().id(), s.param());
        }
    }

    @Override
    public SweepPoint getValue(double[] parameterValues) {
        LinkedHashMap<String, Serializable> v = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterSpace<?>> e : leaves.entrySet()) {
            Object raw = e.getValue().getValue(parameterValues);
            v.put(e.getKey(), params.get(e.getKey()).check(raw));
        }
        return new SweepPoint(v);
    }

    @Override
    public int numParameters() {
        return leaves.values().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> out = new ArrayList<>();
        for (ParameterSpace<?> l : leaves.values()) {
            out.addAll(l.collectLeaves());
        }
        return out;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return new LinkedHashMap<>(leaves);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("SweepSpace is not a leaf; Arbiter indexes its leaves");
    }
}
