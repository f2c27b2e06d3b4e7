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
    /** Single-value lists: constants kept out of Arbiter (its grid mis-indexes zero-parameter leaves). */
    private final Map<String, Serializable> constants = new LinkedHashMap<>();
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    SweepSpace(List<ParamSpace> spaces) {
        for (ParamSpace s : spaces) {
            String id = s.param().id();
            if (s instanceof ParamSpace.Discrete d && d.values().size() == 1) {
                constants.put(id, d.values().get(0));
            } else {
                leaves.put(id, s.leaf());
            }
            params.put(id, s.param());
            order.add(id);
        }
    }

    @Override
    public SweepPoint getValue(double[] parameterValues) {
        LinkedHashMap<String, Serializable> v = new LinkedHashMap<>();
        for (String id : order) {
            Object raw = constants.containsKey(id) ? constants.get(id) : leaves.get(id).getValue(parameterValues);
            v.put(id, params.get(id).check(raw));
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
