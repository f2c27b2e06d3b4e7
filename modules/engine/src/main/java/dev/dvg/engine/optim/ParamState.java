package dev.dvg.engine.optim;

import dev.dvg.engine.nn.Param;

import java.util.List;

/**
 * Per-param optimiser state: {@code slots} float arrays per param position, allocated on the first
 * step and checked on every later one (same params, same sizes, same order).
 */
final class ParamState {

    private final int slots;
    private final float initial;
    private float[][][] state;
    private int[] sizes;

    /** @param initial the value every state element starts at (0, or ε for DL4J's RMSprop) */
    ParamState(int slots, float initial) {
        this.slots = slots;
        this.initial = initial;
    }

    /** State slot {@code slot} of param {@code i}; (re)checks the list on {@code i == 0}. */
    float[] get(List<Param> params, int i, int slot) {
        if (state == null) {
            state = new float[params.size()][slots][];
            sizes = new int[params.size()];
            for (int p = 0; p < params.size(); p++) {
                sizes[p] = params.get(p).size();
                for (int s = 0; s < slots; s++) {
                    state[p][s] = new float[sizes[p]];
                    java.util.Arrays.fill(state[p][s], initial);
                }
            }
        } else if (i == 0) {
            check(params);
        }
        return state[i][slot];
    }

    private void check(List<Param> params) {
        if (params.size() != sizes.length) {
            throw new IllegalArgumentException("optimizer: called with " + params.size()
                    + " params, but its state is for " + sizes.length);
        }
        for (int p = 0; p < sizes.length; p++) {
            if (params.get(p).size() != sizes[p]) {
                throw new IllegalArgumentException("optimizer: param " + params.get(p).name() + " has "
                        + params.get(p).size() + " elements, state has " + sizes[p]);
            }
        }
    }
}
