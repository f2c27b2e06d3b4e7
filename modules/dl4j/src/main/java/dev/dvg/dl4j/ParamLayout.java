package dev.dvg.dl4j;

import dev.dvg.engine.spec.Conv2dSpec;
import dev.dvg.engine.spec.DenseSpec;
import dev.dvg.engine.spec.LayerSpec;
import dev.dvg.engine.spec.MaxPool2dSpec;
import dev.dvg.engine.spec.NetworkSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where every parameter tensor of a {@link NetworkSpec} lives in David's flat vector and in DL4J's,
 * and the conversion between the two layouts.
 *
 * <p>David: params in layer order, W then b, each row-major — dense {@code W[D×H]} (W[i][j] at
 * {@code i·H + j}), conv {@code W[F,C,KH,KW]}. DL4J 1.0.0-M2.1: dense/output layers {@code W}
 * [nIn,nOut] in 'f' order (W[i][j] at {@code i + j·nIn}) then {@code b}; convolution layers
 * {@code b} first, then W [nOut,nIn,kH,kW] in 'c' order (the same element order as David's).
 */
public final class ParamLayout {

    /** Kinds of parameter tensors. */
    public enum Kind { DENSE_W, DENSE_B, CONV_W, CONV_B }

    /**
     * One parameter tensor.
     *
     * @param davidName   David's name, {@code "<spec layer index>.W|b"}
     * @param dl4jName    DL4J's key, {@code "<dl4j layer index>_W|b"}
     * @param kind        dense/conv weight/bias
     * @param shape       David's (row-major) shape
     * @param davidOffset offset in David's flat vector
     * @param dl4jOffset  offset in DL4J's flat vector
     */
    public record Entry(String davidName, String dl4jName, Kind kind, int[] shape, int davidOffset, int dl4jOffset) {
        public int size() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }

        public boolean isWeight() {
            return kind == Kind.DENSE_W || kind == Kind.CONV_W;
        }

        @Override
        public String toString() {
            return davidName + "/" + dl4jName + Arrays.toString(shape);
        }
    }

    private final List<Entry> entries;
    private final int numParams;

    private ParamLayout(List<Entry> entries, int numParams) {
        this.entries = List.copyOf(entries);
        this.numParams = numParams;
    }

    /** The layout of a spec; DL4J layer indices follow {@link GoliathBuilder}'s layer mapping. */
    public static ParamLayout of(NetworkSpec spec) {
        List<Entry> davidOrder = new ArrayList<>();
        int[] shape = spec.inputShape();
        int davidOff = 0;
        int dl4jOff = 0;
        List<GoliathBuilder.Mapped> mapped = GoliathBuilder.mapLayers(spec);
        for (GoliathBuilder.Mapped m : mapped) {
            LayerSpec l = spec.layers().get(m.specIndex());
            if (l instanceof DenseSpec d) {
                int in = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
                int h = d.units();
                Entry w = new Entry(m.specIndex() + ".W", m.dl4jIndex() + "_W", Kind.DENSE_W, new int[]{in, h},
                        davidOff, dl4jOff);
                Entry b = new Entry(m.specIndex() + ".b", m.dl4jIndex() + "_b", Kind.DENSE_B, new int[]{h},
                        davidOff + in * h, dl4jOff + in * h);
                davidOrder.add(w);
                davidOrder.add(b);
                davidOff += in * h + h;
                dl4jOff += in * h + h;
                shape = new int[]{h};
            } else if (l instanceof Conv2dSpec c) {
                int ch = shape[0];
                int wSize = c.filters() * ch * c.kernelH() * c.kernelW();
                Entry w = new Entry(m.specIndex() + ".W", m.dl4jIndex() + "_W", Kind.CONV_W,
                        new int[]{c.filters(), ch, c.kernelH(), c.kernelW()}, davidOff, dl4jOff + c.filters());
                Entry b = new Entry(m.specIndex() + ".b", m.dl4jIndex() + "_b", Kind.CONV_B, new int[]{c.filters()},
                        davidOff + wSize, dl4jOff);
                davidOrder.add(w);
                davidOrder.add(b);
                davidOff += wSize + c.filters();
                dl4jOff += wSize + c.filters();
                shape = new int[]{c.filters(), (shape[1] - c.kernelH()) / c.stride() + 1,
                        (shape[2] - c.kernelW()) / c.stride() + 1};
            } else if (l instanceof MaxPool2dSpec p) {
                shape = new int[]{shape[0], (shape[1] - p.size()) / p.stride() + 1,
                        (shape[2] - p.size()) / p.stride() + 1};
            } else {
                // flatten and activation layers do not change the element count
                shape = m.flattens() ? new int[]{Arrays.stream(shape).reduce(1, (a, b) -> a * b)} : shape;
            }
        }
        if (davidOff != dl4jOff) {
            throw new IllegalStateException("layout sizes differ: " + davidOff + " vs " + dl4jOff);
        }
        return new ParamLayout(davidOrder, davidOff);
    }

    /** Entries in David's order (layer order, W then b). */
    public List<Entry> entries() {
        return entries;
    }

    public int numParams() {
        return numParams;
    }

    /** David's flat vector → DL4J's flat vector (new array). */
    public float[] davidToDl4j(float[] david) {
        check(david, "David");
        float[] out = new float[numParams];
        for (Entry e : entries) {
            if (e.kind() == Kind.DENSE_W) {
                int in = e.shape()[0];
                int h = e.shape()[1];
                for (int i = 0; i < in; i++) {
                    for (int j = 0; j < h; j++) {
                        out[e.dl4jOffset() + i + j * in] = david[e.davidOffset() + i * h + j];
                    }
                }
            } else {
                System.arraycopy(david, e.davidOffset(), out, e.dl4jOffset(), e.size());
            }
        }
        return out;
    }

    /** DL4J's flat vector → David's flat vector (new array). */
    public float[] dl4jToDavid(float[] dl4j) {
        check(dl4j, "DL4J");
        float[] out = new float[numParams];
        for (Entry e : entries) {
            if (e.kind() == Kind.DENSE_W) {
                int in = e.shape()[0];
                int h = e.shape()[1];
                for (int i = 0; i < in; i++) {
                    for (int j = 0; j < h; j++) {
                        out[e.davidOffset() + i * h + j] = dl4j[e.dl4jOffset() + i + j * in];
                    }
                }
            } else {
                System.arraycopy(dl4j, e.dl4jOffset(), out, e.davidOffset(), e.size());
            }
        }
        return out;
    }

    /** The slice of one entry out of a David-layout flat vector. */
    public float[] slice(float[] davidFlat, Entry e) {
        return Arrays.copyOfRange(davidFlat, e.davidOffset(), e.davidOffset() + e.size());
    }

    private void check(float[] v, String who) {
        if (v.length != numParams) {
            throw new IllegalArgumentException(who + " parameter vector has " + v.length + " elements, the spec needs "
                    + numParams + " (" + entries + ")");
        }
    }
}
