package dev.dvg.engine;

import java.util.Arrays;

/**
 * A float32 tensor: a contiguous row-major {@code float[]} and its shape. Deliberately small: no
 * broadcasting, no strides, no autograd — layers call named kernels on the raw arrays.
 *
 * <p>The first dimension is the batch (N) wherever a tensor flows through a network. A tensor may
 * wrap a larger array than it needs (a layer's buffer sized for the largest batch seen); only the
 * first {@link #size()} elements belong to it.
 *
 * <p>A tensor made by {@link #wrapConstant} promises that its elements never change: the data set of
 * full-batch training, fed to the network at every step. Layers may then keep forms derived from it
 * across calls (the first dense layer keeps X packed for its two products), recognising it by its
 * array. Writing to a constant tensor's array breaks that promise and is not detected.
 */
public final class Tensor {

    private final float[] data;
    private final int[] shape;
    private final int size;
    private final boolean constant;

    private Tensor(float[] data, int[] shape) {
        this(data, shape, false);
    }

    private Tensor(float[] data, int[] shape, boolean constant) {
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        if (data.length < n) {
            throw new IllegalArgumentException("array of length " + data.length + " cannot hold shape "
                    + Arrays.toString(shape) + " (" + n + " elements)");
        }
        this.data = data;
        this.size = (int) n;
        this.constant = constant;
    }

    /** A new zero tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE || n < 0) {
            throw new IllegalArgumentException("bad shape " + Arrays.toString(shape));
        }
        return new Tensor(new float[(int) n], shape);
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor wrap(float[] data, int... shape) {
        return new Tensor(data, shape);
    }

    /**
     * Wraps {@code data} (not copied) as a tensor whose elements the caller will never change while
     * any part of the engine may hold it (see the class comment); {@link #set} refuses to write it.
     */
    public static Tensor wrapConstant(float[] data, int... shape) {
        return new Tensor(data, shape, true);
    }

    /** True for a tensor made by {@link #wrapConstant} (or a reshape of one). */
    public boolean isConstant() {
        return constant;
    }

    /** The backing array (may be longer than {@link #size()}). */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return shape[i];
    }

    /** Number of elements (product of the shape). */
    public int size() {
        return size;
    }

    /** Elements per example: {@code size() / dim(0)}. */
    public int perExample() {
        return shape[0] == 0 ? 0 : size / shape[0];
    }

    /** The same data seen with another shape of the same size. */
    public Tensor reshape(int... newShape) {
        Tensor t = new Tensor(data, newShape, constant);
        if (t.size != size) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to "
                    + Arrays.toString(newShape));
        }
        return t;
    }

    /** A deep copy (exactly {@link #size()} elements). */
    public Tensor copy() {
        return new Tensor(Arrays.copyOf(data, size), shape);
    }

    /** Element at a row-major flat index. */
    public float get(int flatIndex) {
        if (flatIndex < 0 || flatIndex >= size) {
            throw new IndexOutOfBoundsException(flatIndex + " not in [0, " + size + ")");
        }
        return data[flatIndex];
    }

    public void set(int flatIndex, float v) {
        if (constant) {
            throw new UnsupportedOperationException("set: " + this + " is constant");
        }
        if (flatIndex < 0 || flatIndex >= size) {
            throw new IndexOutOfBoundsException(flatIndex + " not in [0, " + size + ")");
        }
        data[flatIndex] = v;
    }

    /** A copy of the elements as a new array of length {@link #size()}. */
    public float[] toArray() {
        return Arrays.copyOf(data, size);
    }

    @Override
    public String toString() {
        return (constant ? "ConstantTensor" : "Tensor") + Arrays.toString(shape);
    }
}
