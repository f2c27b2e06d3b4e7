package dev.dvg.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix multiply in the three forms training needs, float32, row-major, contiguous operands.
 *
 * <pre>
 *   ab : C[m×n] (+)= A[m×k] · B[k×n]      forward        Y  = X · W
 *   abT: C[m×n] (+)= A[m×k] · B[n×k]ᵀ     backward data  dX = dY · Wᵀ
 *   aTb: C[m×n] (+)= A[k×m]ᵀ · B[k×n]     backward W     dW = Xᵀ · dY
 * </pre>
 *
 * With {@code accumulate == false} C is overwritten, otherwise the product is added to it. Offsets
 * address a matrix inside a larger array (e.g. one image of a batch). Two forms finish C with the
 * layer work that follows the product, applied to each block of C while it is in cache where the
 * packed path runs it ({@link #abBias}: + bias, then max(0, ·), a dense layer before a ReLU;
 * {@link #abTMasked}: ⊙ [M &gt; 0], a dense layer's dX after a ReLU), else in passes after it.
 *
 * <h2>How it is fast</h2>
 * All three forms reduce to one strided problem {@code C(i,j) (+)= Σ_p A(i,p)·B(p,j)} and one of
 * three paths, chosen from the shape only:
 * <ul>
 *   <li><b>packed</b> (the general case, BLIS-style): k is cut into at most {@value #KC}-deep
 *       blocks, B is packed into {@code NR}-column panels (NR = two vectors of the preferred species,
 *       32 floats on AVX-512) and A into {@value #MR}-row panels, both zero-padded, and an
 *       {@value #MR}×NR register block of 16 vector accumulators runs over each k block with FMAs.
 *       When n is much narrower than m (e.g. [128×256]·[256×10]) the problem is solved as Cᵀ = Bᵀ·Aᵀ
 *       so the vector lanes run along the long side. When B has at most
 *       {@value #DIRECT_A_MAX_PANELS} panels (n ≤ 64: the 25- and 64-unit hidden layers) and A is
 *       contiguous along k or along m, A is read in place instead of packed (each A element would be
 *       used by one or two panels only) and k blocks may be {@value #KC_DIRECT} deep. The three
 *       register-block kernels (packed A, A by rows, A by columns) differ only in how they address
 *       A; one kernel with A's stride as a parameter measured 10–20 % slower on the packed path.
 *       Packing A also drops the p at which all MR rows of a panel are zero, and a fourth kernel,
 *       indexed, runs over B's rows at the kept p only, reading them where they lie in the packed B:
 *       inputs that are mostly zeros (MNIST pixels: 81 %) cost about half the multiply-adds in X·W
 *       and Xᵀ·dZ. When all of B fits the packing buffer, B is packed once and C's row blocks are
 *       the outer loop, so a block of C stays in cache over every k block (at full batch C is
 *       60,000 × 256). An A that stays the same over many products (full-batch training's X) can be
 *       packed once ({@link PackedA}): its products then do not pack A, and give the same bits;
 *       when B does not fit the buffer either (Xᵀ·dZ at full batch), they read B's rows where they
 *       lie in B (rows along n, whole panels) and pack nothing.</li>
 *   <li><b>dots</b>, when A and B are both contiguous along k and one side of C is small (abT with
 *       few rows or columns, ab with n = 1): each C(i,j) is one vectorised dot product. An ab with a
 *       narrow B (n ≤ {@value #DOTS_PACK_MAX_N}, e.g. the [128×256]·[256×10] output layer) first
 *       transposes B into a per-thread buffer to get there.</li>
 *   <li><b>vecmat</b>, when m is tiny and B is contiguous along n (N = 1 inference): rows of B are
 *       streamed straight from the caller's array, no packing.</li>
 * </ul>
 * Packing buffers are per thread and reused, and a parallel product's loop body is a reused
 * per-thread object, so the hot path does not allocate.
 *
 * <h2>Determinism</h2>
 * Threads split the <em>output</em> (panels of columns, or row tiles), never k. Every C(i,j) is
 * computed by the same sequence of float operations whatever the thread count and whichever tile it
 * lands in: the packed and vecmat paths run one FMA chain per element in increasing p, starting from
 * C (or 0 when overwriting) and continuing block after block (minus the p a panel dropped, whose
 * terms 0·B(p, j) would leave the chain unchanged: panels are MR-row aligned from row 0 whatever the
 * split, so the same p are dropped for any thread count; a NaN in A is never dropped, but a
 * non-finite B(p, j) facing an all-zero panel column does not reach C, where a plain GEMM would give
 * 0·∞ = NaN); horizontal sums of vector lanes are done in a fixed pairwise order, the same for an
 * output computed alone or among 16 ({@link #treeSum}; never with {@code reduceLanes}, whose order
 * is unspecified and differs between the interpreter and C2). Results are therefore bit-identical for 1 and 2 threads and run after run; they differ
 * from a naive loop only by float rounding (summation order).
 */
public final class Gemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register block. */
    static final int MR = 8;
    /** Columns of the register block: two vectors. */
    static final int NR = 2 * L;
    /** Maximal depth of a k block (k is split into equal blocks no deeper than this). */
    static final int KC = 256;
    /** Rows of A packed at a time (multiple of MR). */
    static final int MC = 128;
    /**
     * Floats between two packed A panels beyond their MR·kc values: one cache line, so that the
     * panels of a block (8 KB apart at kc = 256) do not all map to the same L1 sets while they are
     * written side by side. Packing Xᵀ's blocks at batch 512 (a stand-alone loop of packColumnRuns,
     * 4 alternating runs): best 0.17 ms with the pad, 0.185 ms without.
     */
    static final int PANEL_PAD = 16;
    /**
     * Least k-block depth at which a transposed B is packed with gathers ({@code packTransposed}).
     * Shallower blocks (dX = dZ·Wᵀ of a layer with few outputs, k = 10 for mnist-mlp256's) are
     * copied by the scalar loop: their gather loop would run too few iterations to be compiled by
     * C2 soon, and until then the Vector API's fallback allocates (125 KB per full-batch
     * mnist-mlp256 step, 1 thread, still at step 30).
     */
    static final int GATHER_B_MIN_KC = 64;
    /** Columns of B packed at a time (multiple of NR). */
    static final int NC = 1024;
    /**
     * A is read in place, not packed, when a k block has at most this many B panels (n ≤ 2·NR, e.g.
     * the 25- and 64-unit hidden layers) and A is contiguous along k or along m: packing it would
     * cost about as much as the multiply it serves.
     */
    static final int DIRECT_A_MAX_PANELS = 2;
    /**
     * Maximal k block when A is read in place: no packed A to keep small, and each register-block
     * call's fixed cost (C in and out, through the edge tile for n = 25) is spread over more FMAs.
     * The B panels (≤ 64 × 1024 floats) stay in L2.
     */
    static final int KC_DIRECT = 1024;
    /** Below this many multiply-adds a product runs on the caller's thread only. */
    static final long PARALLEL_MIN_MACS = 1L << 16;
    /** Below this many rows (and with B contiguous along n) the unpacked vecmat path is used. */
    static final int VECMAT_MAX_M = 3;
    /** abT/ab(n=1) with fewer rows or columns than this use the dot-product path. */
    static final int DOTS_MAX_SIDE = 8;
    /**
     * Below this many multiply-adds a dot-product product runs on the caller's thread: the
     * [128×256]·[256×10] output layer (327,680) ran at 16.6 GFLOP/s on one thread and 8.3 on two.
     */
    static final long DOTS_PARALLEL_MIN_MACS = 1L << 20;
    /** ab with at most this many columns transposes B (n×k floats) and uses the dot-product path. */
    static final int DOTS_PACK_MAX_N = 16;

    /** 0, 1, 2, …: the kept p of a prepacked panel that dropped none. */
    private static final int[] IDENTITY = new int[KC];

    static {
        for (int i = 0; i < IDENTITY.length; i++) {
            IDENTITY[i] = i;
        }
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** Numbers the products whose chunks are claimed, so packing buffers know whose blocks they hold. */
    private static final AtomicLong PRODUCTS = new AtomicLong();
    /** Row tiles per grain of a claimed row split (see {@link #packed}). */
    static final int CLAIMED_ROW_TILES = 2;

    /** Per-thread scratch: packed A block, packed B block, an edge tile, lane sums. */
    private static final class Buffers {
        final float[] a = new float[(MC / MR) * (MR * KC + PANEL_PAD)];
        final float[] b = new float[NC * KC];
        final float[] tile = new float[MR * NR];
        final float[] lanes = new float[16 * L];
        /** Panel t of the packed A kept the values of keep[t·KC + q] (q < kept[t]); kept[t] = kc when not compacted. */
        final int[] keep = new int[(MC / MR) * KC];
        final int[] kept = new int[MC / MR];
        /** Gather offsets of one packed-A column (see packRowsGathered). */
        final int[] map = new int[L];
        /** Gather offsets of one packed-B row of a transposed B (see packTransposed). */
        final int[] bMap = new int[L];
        float[] bt = new float[0];
        /**
         * What {@link #a} and {@link #b} hold, for a product whose chunks are claimed ({@link
         * #packed}): the product's number (0: nothing reusable), and which block of its A (rows ic,
         * mc of them, k block pc) or of its B (columns jc, nc of them, every k block). A thread that
         * claims a product's next chunk skips packing what it already holds.
         */
        long aProduct;
        int aIc;
        int aMc;
        int aPc;
        long bProduct;
        int bJc;
        int bNc;

        float[] bt(int size) {
            if (bt.length < size) {
                bt = new float[size];
            }
            return bt;
        }
    }

    private Gemm() {
    }

    /** C[m×n] (+)= A[m×k]·B[k×n]. */
    public static void ab(Exec ex, int m, int n, int k,
                          float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean accumulate) {
        check("ab", m, n, k, a, aOff, b, bOff, c, cOff);
        run(ex, m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, n, 1, accumulate, null, null, 0, false, null, 0);
    }

    /**
     * C[m×n] (+)= A[m×k]·B[k×n] with A given as {@link #prepackAb}'s panels: the same numbers as
     * {@code ab} on {@code a.source()}, without packing A again.
     */
    public static void ab(Exec ex, int m, int n, int k, PackedA a,
                          float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        a.check("ab", false, m, k);
        check("ab", m, n, k, a.source, a.offset, b, bOff, c, cOff);
        run(ex, m, n, k, a.source, a.offset, k, 1, b, bOff, n, 1, c, cOff, n, 1, accumulate, a, null, 0, false, null, 0);
    }

    /**
     * C[m×n] = A[m×k]·B[k×n] + bias (added to every row), then max(0, ·) when {@code relu}: the
     * bits of {@code ab} followed by {@link Elementwise#addRowBias} and {@link Elementwise#reluForward}
     * over C. Where {@link #abFusesEpilogue} holds, bias and ReLU are applied to each block of C as
     * soon as it is final, while it is still in cache, instead of in passes over the whole of C
     * after the product (MNIST at full batch: 2 × 61 MB read and written less per step); other
     * shapes get those passes, on the caller's thread.
     */
    public static void abBias(Exec ex, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                              float[] c, int cOff, float[] bias, int biasOff, boolean relu) {
        check("abBias", m, n, k, a, aOff, b, bOff, c, cOff);
        checkRange("abBias", "bias", bias, biasOff, n);
        run(ex, m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, n, 1, false, null, bias, biasOff, relu, null, 0);
    }

    /** {@link #abBias} with A given as {@link #prepackAb}'s panels. */
    public static void abBias(Exec ex, int m, int n, int k, PackedA a, float[] b, int bOff,
                              float[] c, int cOff, float[] bias, int biasOff, boolean relu) {
        a.check("abBias", false, m, k);
        check("abBias", m, n, k, a.source, a.offset, b, bOff, c, cOff);
        checkRange("abBias", "bias", bias, biasOff, n);
        run(ex, m, n, k, a.source, a.offset, k, 1, b, bOff, n, 1, c, cOff, n, 1, false, a, bias, biasOff, relu, null, 0);
    }

    /** True when {@link #abBias} of this shape applies bias and ReLU block by block, inside the product. */
    public static boolean abFusesEpilogue(int m, int n, int k) {
        return m > 0 && n > 0 && k > 0 && path(m, n, k, 1, n, 1, n, 1) == PACKED;
    }

    /** C[m×n] (+)= A[m×k]·B[n×k]ᵀ. */
    public static void abT(Exec ex, int m, int n, int k,
                           float[] a, int aOff, float[] b, int bOff,
                           float[] c, int cOff, boolean accumulate) {
        check("abT", m, n, k, a, aOff, b, bOff, c, cOff);
        run(ex, m, n, k, a, aOff, k, 1, b, bOff, 1, k, c, cOff, n, 1, accumulate, null, null, 0, false, null, 0);
    }

    /**
     * C[m×n] = A[m×k]·B[n×k]ᵀ, kept where M[m×n] &gt; 0 and 0 elsewhere (M row-major like C, from
     * {@code maskOff}): the bits of {@code abT} followed by {@link Elementwise#reluBackward} with M as
     * the ReLU's output — dZ = (dY·Wᵀ) ⊙ [A &gt; 0] for a dense layer whose input A is a ReLU's output.
     * Where {@link #abTFusesMask} holds, each block of C is masked as soon as it is final, while it
     * is in cache, instead of in a pass over the whole of C after the product (mnist-mlp256 at full
     * batch: dY·Wᵀ is 60,000 × 256, 61 MB written, read and written again); other shapes get that
     * pass, on the caller's thread. C and M must not overlap.
     */
    public static void abTMasked(Exec ex, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                 float[] c, int cOff, float[] mask, int maskOff) {
        check("abTMasked", m, n, k, a, aOff, b, bOff, c, cOff);
        checkRange("abTMasked", "mask", mask, maskOff, (long) m * n);
        run(ex, m, n, k, a, aOff, k, 1, b, bOff, 1, k, c, cOff, n, 1, false, null, null, 0, false, mask, maskOff);
    }

    /** True when {@link #abTMasked} of this shape masks C block by block, inside the product. */
    public static boolean abTFusesMask(int m, int n, int k) {
        return m > 0 && n > 0 && k > 0 && path(m, n, k, 1, 1, k, n, 1) == PACKED;
    }

    /** C[m×n] (+)= A[k×m]ᵀ·B[k×n]. */
    public static void aTb(Exec ex, int m, int n, int k,
                           float[] a, int aOff, float[] b, int bOff,
                           float[] c, int cOff, boolean accumulate) {
        check("aTb", m, n, k, a, aOff, b, bOff, c, cOff);
        run(ex, m, n, k, a, aOff, 1, m, b, bOff, n, 1, c, cOff, n, 1, accumulate, null, null, 0, false, null, 0);
    }

    /**
     * C[m×n] (+)= A[k×m]ᵀ·B[k×n] with A given as {@link #prepackATb}'s panels: the same numbers as
     * {@code aTb} on {@code a.source()}, without packing A again.
     */
    public static void aTb(Exec ex, int m, int n, int k, PackedA a,
                           float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        a.check("aTb", true, m, k);
        check("aTb", m, n, k, a.source, a.offset, b, bOff, c, cOff);
        run(ex, m, n, k, a.source, a.offset, 1, m, b, bOff, n, 1, c, cOff, n, 1, accumulate, a, null, 0, false, null, 0);
    }

    private static void check(String form, int m, int n, int k, float[] a, int aOff,
                              float[] b, int bOff, float[] c, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("Gemm." + form + ": dimensions must be >= 0, got m=" + m
                    + " n=" + n + " k=" + k);
        }
        checkRange(form, "A", a, aOff, (long) m * k);
        checkRange(form, "B", b, bOff, (long) k * n);
        checkRange(form, "C", c, cOff, (long) m * n);
    }

    private static void checkRange(String form, String name, float[] arr, int off, long size) {
        if (off < 0 || off + size > arr.length) {
            throw new IllegalArgumentException("Gemm." + form + ": " + name + " needs " + size
                    + " floats from offset " + off + " but its array has length " + arr.length);
        }
    }

    private static void run(Exec ex, int m, int n, int k,
                            float[] a, int aOff, int ars, int acs,
                            float[] b, int bOff, int brs, int bcs,
                            float[] c, int cOff, int crs, int ccs, boolean acc, PackedA pa,
                            float[] bias, int biasOff, boolean relu, float[] mask, int maskOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!acc) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        c[cOff + i * crs + j * ccs] = 0f;
                    }
                }
            }
            if (bias != null || mask != null) {
                epilogue(c, cOff, crs, 0, m, 0, n, bias, biasOff, relu, mask, maskOff);
            }
            return;
        }
        Exec e = (long) m * n * k < PARALLEL_MIN_MACS ? Exec.serial() : ex;
        int path = path(m, n, ars, acs, brs, bcs, crs, ccs);
        if ((bias != null || mask != null) && path != PACKED) {
            // the product, then bias and ReLU, or the mask, in passes over C (ccs == 1: only ab takes
            // a bias, only abT a mask)
            run(ex, m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, crs, ccs, false, pa, null, 0, false,
                    null, 0);
            epilogue(c, cOff, crs, 0, m, 0, n, bias, biasOff, relu, mask, maskOff);
            return;
        }
        if (path == DOTS) {
            dots(e, m, n, k, a, aOff, ars, b, bOff, bcs, c, cOff, crs, ccs, acc);
        } else if (path == DOTS_NARROW_B) {
            // narrow B (e.g. [256×10]): transpose it once on this thread, then one dot per output
            float[] bt = BUFFERS.get().bt(n * k);
            for (int p = 0; p < k; p++) {
                int src = bOff + p * brs;
                for (int j = 0; j < n; j++) {
                    bt[j * k + p] = b[src + j];
                }
            }
            dots(e, m, n, k, a, aOff, ars, bt, 0, k, c, cOff, crs, ccs, acc);
        } else if (path == VECMAT) {
            vecmat(e, m, n, k, a, aOff, ars, acs, b, bOff, brs, c, cOff, crs, acc);
        } else if (path == VECMAT_TRANSPOSED) {
            // Cᵀ[n×m] = Bᵀ·Aᵀ: rows of Cᵀ are contiguous in i and Aᵀ is contiguous along i
            vecmat(e, n, m, k, b, bOff, bcs, brs, a, aOff, acs, c, cOff, ccs, acc);
        } else if (path == PACKED_TRANSPOSED) {
            packed(e, n, m, k, b, bOff, bcs, brs, a, aOff, acs, ars, c, cOff, ccs, crs, acc, null, null, 0, false,
                    null, 0);
        } else {
            packed(e, m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, crs, ccs, acc, pa, bias, biasOff, relu,
                    mask, maskOff);
        }
    }

    private static final int DOTS = 0;
    private static final int DOTS_NARROW_B = 1;
    private static final int VECMAT = 2;
    private static final int VECMAT_TRANSPOSED = 3;
    private static final int PACKED_TRANSPOSED = 4;
    private static final int PACKED = 5;

    /** Which path a product of this shape and these strides takes (k plays no part). */
    private static int path(int m, int n, int ars, int acs, int brs, int bcs, int crs, int ccs) {
        if (acs == 1 && brs == 1 && (m < DOTS_MAX_SIDE || n < DOTS_MAX_SIDE)) {
            return DOTS;
        } else if (acs == 1 && bcs == 1 && n <= DOTS_PACK_MAX_N && m > VECMAT_MAX_M) {
            return DOTS_NARROW_B;
        } else if (m <= VECMAT_MAX_M && bcs == 1 && ccs == 1) {
            return VECMAT;
        } else if (n <= VECMAT_MAX_M && ars == 1 && crs == 1) {
            return VECMAT_TRANSPOSED;
        } else if (efficiency(n, m) > efficiency(m, n) * 1.25) {
            return PACKED_TRANSPOSED;
        }
        return PACKED;
    }

    /**
     * True when {@code ab} of this shape packs A (so {@link #prepackAb} panels would serve it); false
     * when it reads A in place, where prepacked panels would only cost memory.
     */
    public static boolean abPacksA(int m, int n, int k) {
        return m > 0 && n > 0 && k > 0 && path(m, n, k, 1, n, 1, n, 1) == PACKED && ceilDiv(n, NR) > DIRECT_A_MAX_PANELS;
    }

    /** True when {@code aTb} of this shape packs A (see {@link #abPacksA}). */
    public static boolean aTbPacksA(int m, int n, int k) {
        return m > 0 && n > 0 && k > 0 && path(m, n, 1, m, n, 1, n, 1) == PACKED && ceilDiv(n, NR) > DIRECT_A_MAX_PANELS;
    }

    /** Fraction of the register-block lanes doing useful work for an m×n output. */
    private static double efficiency(int m, int n) {
        double em = (double) m / (ceilDiv(m, MR) * MR);
        double en = (double) n / (ceilDiv(n, NR) * NR);
        return em * en;
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    // ---------------------------------------------------------------- prepacked A

    /**
     * A's panels packed once, for an operand that stays the same over many products: the inputs of
     * full-batch training, which meet the weights in X·W and Xᵀ·dZ at every step. It holds what the
     * packed path's packing of A produces for each {@value #MR}-row panel and each k block — the
     * kept p (those where not all the panel's rows are zero) and their MR values — so a product given
     * it does not pack A: at full batch on MNIST packing X was ~25 % of the step's time, twice over
     * the same array. Products give bit-identical results to the same product on {@link #source()}; one whose
     * shape reads A in place (n ≤ 64) or solves the transposed problem just uses the source.
     *
     * <p>The panels are a copy: the caller guarantees the source's elements do not change while this
     * object is in use. Memory: about the source's non-zero panel columns, 4 bytes per value plus
     * 4 per kept p (MNIST's 47M-float training set: ~100 MB per form).
     */
    public static final class PackedA {
        final float[] source;
        final int offset;
        final boolean transposed;
        final int m;
        final int k;
        final int kc;
        final int kBlocks;
        final int tiles;
        /**
         * Slot {@link #slot}(t, pb) (panel t, k block pb) holds kept p start[slot] … start[slot + 1] − 1.
         * Slots follow the order the product visits them, so its reads of the panels stream: aTb over
         * a long k (Xᵀ·dZ at full batch) takes k block after k block, each over all panels; ab takes
         * panel after panel, each over its few k blocks.
         */
        final int[] start;
        /** MR values per kept p, slot after slot. */
        final float[] values;
        /** The kept p, relative to their k block's first. */
        final int[] rows;

        private PackedA(float[] source, int offset, boolean transposed, int m, int k, int kc, int kBlocks,
                        int tiles, int[] start, float[] values, int[] rows) {
            this.source = source;
            this.offset = offset;
            this.transposed = transposed;
            this.m = m;
            this.k = k;
            this.kc = kc;
            this.kBlocks = kBlocks;
            this.tiles = tiles;
            this.start = start;
            this.values = values;
            this.rows = rows;
        }

        int slot(int t, int pb) {
            return slot(transposed, tiles, kBlocks, t, pb);
        }

        static int slot(boolean transposed, int tiles, int kBlocks, int t, int pb) {
            return transposed ? pb * tiles + t : t * kBlocks + pb;
        }

        /** The array the panels were packed from. */
        public float[] source() {
            return source;
        }

        /** Where A starts in {@link #source()}. */
        public int offset() {
            return offset;
        }

        /** True when this packs exactly {@code a} from {@code aOff} as an m×k A. */
        public boolean isOf(float[] a, int aOff, int m, int k) {
            return a == source && aOff == offset && m == this.m && k == this.k;
        }

        /** Bytes held by the panels. */
        public long bytes() {
            return 4L * (values.length + rows.length + start.length);
        }

        void check(String form, boolean asTransposed, int m, int k) {
            if (asTransposed != transposed || m != this.m || k != this.k) {
                throw new IllegalArgumentException("Gemm." + form + ": A was prepacked for "
                        + (transposed ? "aTb" : "ab") + " as " + this.m + "x" + this.k + ", used as " + m + "x" + k);
            }
        }
    }

    /** A[m×k] (row-major, from {@code aOff}) packed for {@link #ab(Exec, int, int, int, PackedA, float[], int, float[], int, boolean)}. */
    public static PackedA prepackAb(Exec ex, int m, int k, float[] a, int aOff) {
        checkRange("prepackAb", "A", a, aOff, (long) m * k);
        return prepack(ex, m, k, a, aOff, k, 1, false);
    }

    /** A stored as [k×m] (row-major, from {@code aOff}) packed as the Aᵀ of {@link #aTb(Exec, int, int, int, PackedA, float[], int, float[], int, boolean)}. */
    public static PackedA prepackATb(Exec ex, int m, int k, float[] a, int aOff) {
        checkRange("prepackATb", "A", a, aOff, (long) m * k);
        return prepack(ex, m, k, a, aOff, 1, m, true);
    }

    private static PackedA prepack(Exec ex, int m, int k, float[] a, int aOff, int ars, int acs, boolean transposed) {
        if (m < 1 || k < 1) {
            throw new IllegalArgumentException("Gemm.prepack: A must be at least 1x1, got " + m + "x" + k);
        }
        // the blocking of the packed path's non-direct case, so that the chains are the same
        int kBlocks = ceilDiv(k, KC);
        int kc = ceilDiv(k, kBlocks);
        int tiles = ceilDiv(m, MR);
        int[] start = new int[tiles * kBlocks + 1];
        ex.parallelFor(0, tiles, (lo, hi) -> {
            Buffers buf = BUFFERS.get();
            for (int t = lo; t < hi; t++) {
                for (int pb = 0; pb < kBlocks; pb++) {
                    int pc = pb * kc;
                    packA(a, aOff, ars, acs, t * MR, Math.min(MR, m - t * MR), pc, Math.min(kc, k - pc), buf);
                    start[PackedA.slot(transposed, tiles, kBlocks, t, pb) + 1] = buf.kept[0];
                }
            }
        });
        long total = 0;
        for (int s = 1; s < start.length; s++) {
            total += start[s];
            if (total * MR > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("Gemm.prepack: " + m + "x" + k + " keeps too many values for one array");
            }
            start[s] = (int) total;
        }
        float[] values = new float[(int) total * MR];
        int[] rows = new int[(int) total];
        ex.parallelFor(0, tiles, (lo, hi) -> {
            Buffers buf = BUFFERS.get();
            for (int t = lo; t < hi; t++) {
                for (int pb = 0; pb < kBlocks; pb++) {
                    int pc = pb * kc;
                    int kcc = Math.min(kc, k - pc);
                    packA(a, aOff, ars, acs, t * MR, Math.min(MR, m - t * MR), pc, kcc, buf);
                    int q0 = start[PackedA.slot(transposed, tiles, kBlocks, t, pb)];
                    int kept = buf.kept[0];
                    System.arraycopy(buf.a, 0, values, q0 * MR, kept * MR);
                    if (kept == kcc) {
                        System.arraycopy(IDENTITY, 0, rows, q0, kept);
                    } else {
                        System.arraycopy(buf.keep, 0, rows, q0, kept);
                    }
                }
            }
        });
        return new PackedA(a, aOff, transposed, m, k, kc, kBlocks, tiles, start, values, rows);
    }

    // ---------------------------------------------------------------- packed path

    private static void packed(Exec ex, int m, int n, int k,
                               float[] a, int aOff, int ars, int acs,
                               float[] b, int bOff, int brs, int bcs,
                               float[] c, int cOff, int crs, int ccs, boolean acc, PackedA pa,
                               float[] bias, int biasOff, boolean relu, float[] mask, int maskOff) {
        int panels = ceilDiv(n, NR);
        boolean direct = (acs == 1 || ars == 1) && panels <= DIRECT_A_MAX_PANELS;
        int kBlocks = ceilDiv(k, direct ? KC_DIRECT : KC);
        int kc = ceilDiv(k, kBlocks);
        int tiles = ceilDiv(m, MR);
        if (pa != null && (direct || pa.kc != kc)) {
            pa = null; // this product reads A in place: the prepacked panels do not apply
        }
        if (ex.threads() == 1) {
            // no lambda, no future: the serial hot path allocates nothing
            block(0, m, 0, n, k, kc, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, crs, ccs, acc, pa,
                    bias, biasOff, relu, mask, maskOff, 0);
            return;
        }
        // Each thread packs the whole of the operand it does not split, so split the side that costs
        // more to pack: for X·W1 at full batch (m = 60000) splitting columns would pack all of X on
        // every thread. Packing an A whose rows run along k is a transposition by scalar moves or
        // gathers, several times the cost per float of copying a B whose rows run along n (vector
        // copies): such a product splits columns only when n ≥ 4m, others when n ≥ m. JMH, 2
        // threads, Zen 4 VM, medians of 5 paired rounds in ops/s (2026-12-07), rows vs columns:
        // ab:256x256x784 1,668 vs 1,496, ab:128x256x784 3,114 vs 2,935, ab:64x256x784 a tie,
        // ab:32x256x784 10,033 vs 10,796; a Bᵀ (abT, packed by gathers): abT:128x784x256 2,441 vs
        // 2,895, abT:256x784x256 1,385 vs 1,526.
        // Packing A once, in a parallel phase of its own before the column split, measured slower
        // on the same VM (ab:128x256x784 on 2 threads, median of 6 paired rounds: 2,376 vs 3,062
        // ops/s): each thread then reads half of its A from the other core's cache.
        long columnsFromN = pa == null && !direct && acs == 1 && bcs == 1 ? 4L * m : m;
        boolean splitColumns = panels >= ex.threads() ? n >= columnsFromN || tiles < ex.threads() : panels >= tiles;
        // The threads claim chunks of the split side (Exec.parallelForClaimed: large first, one
        // panel or tile last) instead of taking a fixed half each, so that a core slowed by another
        // tenant of the machine does less of the work and the threads finish together. Only where a
        // thread packs the other operand once for all its chunks (Buffers says whose blocks it
        // holds): B in the buffer for a row split; A one block (m ≤ MC, one k block), or prepacked,
        // for a column split. Otherwise each chunk would pack that operand again: fixed halves.
        // Row chunks are whole pairs of tiles (but the last): a chunk of one tile streams every B
        // panel from L2 for 8 rows. JMH, 2 threads, ab:128x256x784, medians of 4 paired rounds:
        // 3,391 ops/s with pairs, 3,320 with fixed quarters of a thread's share; one-tile chunks
        // measured 3 % below those quarters over 7 rounds.
        int count = splitColumns ? panels : tiles;
        boolean claimed = !direct && count >= 2 * ex.threads() && (splitColumns
                ? pa != null || (tiles * MR <= MC && kBlocks == 1)
                : n <= NC && (long) panels * NR * k <= (long) NC * KC);
        Job job = Job.acquire(splitColumns ? Job.PACKED_COLUMNS : Job.PACKED_ROWS, m, n, k, kc,
                a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, crs, ccs, acc);
        job.pa = pa;
        job.bias = bias;
        job.biasOff = biasOff;
        job.relu = relu;
        job.mask = mask;
        job.maskOff = maskOff;
        try {
            if (claimed) {
                job.product = PRODUCTS.incrementAndGet();
                ex.parallelForClaimed(0, count, splitColumns ? 1 : CLAIMED_ROW_TILES, job.body());
            } else {
                ex.parallelFor(0, count, job.body());
            }
        } finally {
            job.release();
        }
    }

    /**
     * One product's operands as a reusable loop body, so a parallel GEMM allocates nothing (a
     * capturing lambda would be a new object per call). One per caller thread; a product started
     * while that one is in use (a GEMM inside a parallel body) gets a fresh one.
     */
    private static final class Job {
        static final int PACKED_COLUMNS = 0;
        static final int PACKED_ROWS = 1;
        static final int DOTS_ROWS = 2;
        static final int DOTS_COLUMNS = 3;
        /** Blocks of 4·L columns of the vecmat path. */
        static final int VECMAT = 4;
        private static final ThreadLocal<Job> OWN = ThreadLocal.withInitial(Job::new);

        private boolean inUse;
        private int mode;
        private int m;
        private int n;
        private int k;
        private int kc;
        private float[] a;
        private int aOff;
        private int ars;
        private int acs;
        private float[] b;
        private int bOff;
        private int brs;
        private int bcs;
        private float[] c;
        private int cOff;
        private int crs;
        private int ccs;
        private boolean acc;
        private PackedA pa;
        private float[] bias;
        private int biasOff;
        private boolean relu;
        private float[] mask;
        private int maskOff;
        /** This product's number when its chunks are claimed (see {@link Buffers#aProduct}), else 0. */
        private long product;
        /**
         * One loop body per mode, indexed by mode: each typed as the interface (see {@link Exec},
         * "The body"), and each a compiled method of its own, so C2 never compiles every mode's
         * vector code as one unit (see Conv2d's job).
         */
        private final Exec.RangeBody[] bodies = {this::packedColumns, this::packedRows, this::dotsRows,
                this::dotsColumns, this::vecmatColumns};

        static Job acquire(int mode, int m, int n, int k, int kc,
                           float[] a, int aOff, int ars, int acs,
                           float[] b, int bOff, int brs, int bcs,
                           float[] c, int cOff, int crs, int ccs, boolean acc) {
            Job j = OWN.get();
            if (j.inUse) {
                j = new Job();
            }
            j.inUse = true;
            j.mode = mode;
            j.m = m;
            j.n = n;
            j.k = k;
            j.kc = kc;
            j.a = a;
            j.aOff = aOff;
            j.ars = ars;
            j.acs = acs;
            j.b = b;
            j.bOff = bOff;
            j.brs = brs;
            j.bcs = bcs;
            j.c = c;
            j.cOff = cOff;
            j.crs = crs;
            j.ccs = ccs;
            j.acc = acc;
            j.pa = null;
            j.bias = null;
            j.mask = null;
            j.product = 0;
            return j;
        }

        /** Forgets the operands (so a finished product's arrays can be collected). */
        void release() {
            a = null;
            b = null;
            c = null;
            pa = null;
            bias = null;
            mask = null;
            inUse = false;
        }

        /** The loop body of this product's mode. */
        Exec.RangeBody body() {
            return bodies[mode];
        }

        private void packedColumns(int lo, int hi) {
            block(0, m, lo * NR, Math.min(n, hi * NR), k, kc, a, aOff, ars, acs, b, bOff, brs, bcs,
                    c, cOff, crs, ccs, acc, pa, bias, biasOff, relu, mask, maskOff, product);
        }

        private void packedRows(int lo, int hi) {
            block(lo * MR, Math.min(m, hi * MR), 0, n, k, kc, a, aOff, ars, acs, b, bOff, brs, bcs,
                    c, cOff, crs, ccs, acc, pa, bias, biasOff, relu, mask, maskOff, product);
        }

        private void dotsRows(int lo, int hi) {
            dotsBlock(lo, hi, 0, n, k, a, aOff, ars, b, bOff, bcs, c, cOff, crs, ccs, acc);
        }

        private void dotsColumns(int lo, int hi) {
            dotsBlock(0, m, lo, hi, k, a, aOff, ars, b, bOff, bcs, c, cOff, crs, ccs, acc);
        }

        private void vecmatColumns(int lo, int hi) {
            for (int i = 0; i < m; i++) {
                vecmatRow(i, lo * 4 * L, Math.min(n, hi * 4 * L), k, a, aOff, ars, acs, b, bOff, brs, c, cOff, crs, acc);
            }
        }
    }

    /**
     * C[i0..i1, j0..j1) for the whole of k, on the current thread. When all of B's k blocks for a
     * column block fit the packing buffer (X·W: k·n ≤ {@value #NC}·{@value #KC}), B is packed once
     * and the rows of C run in the outer loop, so a block of C rows takes all its k blocks while it
     * is in cache; otherwise (Xᵀ·dZ over a long batch) each k block of B is packed and C is swept
     * once per k block. The order of the FMA chains is the same either way. With a bias, each block
     * of C gets its {@link #epilogue} once its last k block is done.
     */
    private static void block(int i0, int i1, int j0, int j1, int k, int kc,
                              float[] a, int aOff, int ars, int acs,
                              float[] b, int bOff, int brs, int bcs,
                              float[] c, int cOff, int crs, int ccs, boolean acc, PackedA pa,
                              float[] bias, int biasOff, boolean relu, float[] mask, int maskOff,
                              long product) {
        Buffers buf = BUFFERS.get();
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            // Packing A pays for itself only when its panels are reused by several B panels; but a
            // claimed product's chunk (one panel, say) packs A as the whole product does, since the
            // thread keeps it for its next chunk
            boolean direct = product == 0 && (acs == 1 || ars == 1) && ceilDiv(nc, NR) <= DIRECT_A_MAX_PANELS;
            int bPanelsSize = ceilDiv(nc, NR) * NR * k;
            if (!direct && bPanelsSize <= buf.b.length) {
                if (product == 0 || buf.bProduct != product || buf.bJc != jc || buf.bNc != nc) {
                    buf.bProduct = 0;
                    for (int pc = 0, at = 0; pc < k; pc += kc) {
                        int kcc = Math.min(kc, k - pc);
                        packB(b, bOff, brs, bcs, pc, kcc, jc, nc, buf.b, at, buf.bMap);
                        at += ceilDiv(nc, NR) * NR * kcc;
                    }
                    buf.bProduct = product;
                    buf.bJc = jc;
                    buf.bNc = nc;
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    for (int pc = 0, at = 0; pc < k; pc += kc) {
                        int kcc = Math.min(kc, k - pc);
                        if (pa != null) {
                            panels(pa, pc / kc, buf, buf.b, at, NR * kcc, NR, ic, mc, jc, nc, kcc, acc || pc > 0,
                                    c, cOff, crs, ccs);
                        } else {
                            packAOnce(a, aOff, ars, acs, ic, mc, pc, kcc, buf, product);
                            panels(buf, at, ic, mc, jc, nc, kcc, acc || pc > 0, c, cOff, crs, ccs);
                        }
                        at += ceilDiv(nc, NR) * NR * kcc;
                    }
                    if (bias != null || mask != null) {
                        epilogue(c, cOff, crs, ic, mc, jc, nc, bias, biasOff, relu, mask, maskOff);
                    }
                }
                continue;
            }
            // A prepacked goes through kernelIndexed, which reads each B row where it lies: with B's
            // rows along n and whole panels, it can read them in B itself rather than in a packed
            // copy. Xᵀ·dZ at full batch (dZ: 60,000 × 256) then packs nothing at all, on each thread.
            boolean bInPlace = pa != null && bcs == 1 && nc % NR == 0;
            for (int pc = 0; pc < k; pc += kc) {
                int kcc = Math.min(kc, k - pc);
                boolean add = acc || pc > 0;
                if (!bInPlace) {
                    buf.bProduct = 0;
                    packB(b, bOff, brs, bcs, pc, kcc, jc, nc, buf.b, 0, buf.bMap);
                }
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    if (bInPlace) {
                        panels(pa, pc / kc, buf, b, bOff + pc * brs + jc, NR, brs, ic, mc, jc, nc, kcc, add,
                                c, cOff, crs, ccs);
                        continue;
                    }
                    if (pa != null) {
                        panels(pa, pc / kc, buf, buf.b, 0, NR * kcc, NR, ic, mc, jc, nc, kcc, add, c, cOff, crs, ccs);
                        continue;
                    }
                    if (!direct) {
                        packAOnce(a, aOff, ars, acs, ic, mc, pc, kcc, buf, product);
                        panels(buf, 0, ic, mc, jc, nc, kcc, add, c, cOff, crs, ccs);
                        continue;
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int bi = (jr / NR) * NR * kcc;
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int ci = cOff + (ic + ir) * crs + (jc + jr) * ccs;
                            int mr = Math.min(MR, mc - ir);
                            int ai = aOff + (ic + ir) * ars + pc * acs;
                            if (acs == 1) {
                                kernelRows(a, ai, ars, buf.b, bi, kcc, c, ci, crs, ccs, mr, nr, add, buf.tile);
                            } else if (mr == MR) {
                                kernelColumns(a, ai, acs, buf.b, bi, kcc, c, ci, crs, ccs, nr, add, buf.tile);
                            } else {
                                // the last, partial tile of a column-contiguous A: pack just it
                                packA(a, aOff, ars, acs, ic + ir, mr, pc, kcc, buf);
                                tile(buf, 0, bi, kcc, c, ci, crs, ccs, mr, nr, add);
                            }
                        }
                    }
                }
            }
            if (bias != null || mask != null) {
                epilogue(c, cOff, crs, i0, i1 - i0, jc, nc, bias, biasOff, relu, mask, maskOff);
            }
        }
    }

    /**
     * For rows [i0, i0+rows) × columns [j0, j0+cols) of a row-major C: C[i, j] += bias[j], then
     * max(0, ·) when relu (bias not null); C[i, j] kept where mask[i, j] &gt; 0, else 0 (mask not null:
     * laid out as C, from maskOff). The same float operations as {@link Elementwise#addRowBias},
     * {@link Elementwise#reluForward} and {@link Elementwise#reluBackward} over the whole of C
     * (element by element, so the same bits whichever block an element is in).
     */
    private static void epilogue(float[] c, int cOff, int crs, int i0, int rows, int j0, int cols,
                                 float[] bias, int biasOff, boolean relu, float[] mask, int maskOff) {
        for (int i = i0; i < i0 + rows; i++) {
            int row = cOff + i * crs + j0;
            if (bias != null) {
                Elementwise.addRowBias(1, cols, c, row, bias, biasOff + j0);
                if (relu) {
                    Elementwise.reluForward(c, c, row, cols);
                }
            }
            if (mask != null) {
                Elementwise.keepWherePositive(mask, maskOff + i * crs + j0, c, row, cols);
            }
        }
    }

    /** The register blocks of C rows [ic, ic+mc) × columns [jc, jc+nc) over one packed k block (B at bAt). */
    private static void panels(Buffers buf, int bAt, int ic, int mc, int jc, int nc, int kc, boolean add,
                               float[] c, int cOff, int crs, int ccs) {
        for (int jr = 0; jr < nc; jr += NR) {
            int bi = bAt + (jr / NR) * NR * kc;
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int ci = cOff + (ic + ir) * crs + (jc + jr) * ccs;
                tile(buf, ir / MR, bi, kc, c, ci, crs, ccs, Math.min(MR, mc - ir), nr, add);
            }
        }
    }

    /**
     * {@link #panels} over prepacked A: k block {@code pb} of the panels of rows [ic, ic+mc). Every
     * panel goes through {@link #kernelIndexed}, which reads the B rows of its kept p where they are:
     * B panel {@code jr/NR} starts at {@code bAt + (jr/NR)·bPanel} of {@code b}, its rows {@code brs}
     * floats apart (the packed B: bPanel = NR·kc, brs = NR; B itself: bPanel = NR, brs = n).
     */
    private static void panels(PackedA pa, int pb, Buffers buf, float[] b, int bAt, int bPanel, int brs,
                               int ic, int mc, int jc, int nc, int kc,
                               boolean add, float[] c, int cOff, int crs, int ccs) {
        for (int jr = 0; jr < nc; jr += NR) {
            int bi = bAt + (jr / NR) * bPanel;
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int ci = cOff + (ic + ir) * crs + (jc + jr) * ccs;
                int slot = pa.slot((ic + ir) / MR, pb);
                int q0 = pa.start[slot];
                kernelIndexed(pa.values, q0 * MR, b, bi, brs, pa.rows, q0, pa.start[slot + 1] - q0,
                        c, ci, crs, ccs, Math.min(MR, mc - ir), nr, add, buf.tile);
            }
        }
    }

    /**
     * One register block from packed A panel t: {@link #kernel} when the panel kept every p, else
     * {@link #kernelIndexed} over its kept p, reading their B rows where they are in the packed B.
     */
    private static void tile(Buffers buf, int t, int bi, int kc, float[] c, int ci, int crs, int ccs,
                             int mr, int nr, boolean add) {
        int kept = buf.kept[t];
        if (kept == kc) {
            kernel(buf.a, panelAt(t, kc), buf.b, bi, kc, c, ci, crs, ccs, mr, nr, add, buf.tile);
        } else {
            kernelIndexed(buf.a, panelAt(t, kc), buf.b, bi, NR, buf.keep, t * KC, kept, c, ci, crs, ccs, mr, nr, add,
                    buf.tile);
        }
    }

    /** Where packed A panel t of a kc-deep block starts in the per-thread buffer. */
    private static int panelAt(int t, int kc) {
        return t * (MR * kc + PANEL_PAD);
    }

    /** {@link #packA}, unless this thread's buffer already holds that block of that product (0: none). */
    private static void packAOnce(float[] a, int aOff, int ars, int acs, int ic, int mc, int pc, int kc, Buffers buf,
                                  long product) {
        if (product != 0 && buf.aProduct == product && buf.aIc == ic && buf.aMc == mc && buf.aPc == pc) {
            return; // this thread packed the same block of the same product for its previous chunk
        }
        packA(a, aOff, ars, acs, ic, mc, pc, kc, buf);
        buf.aProduct = product;
        buf.aIc = ic;
        buf.aMc = mc;
        buf.aPc = pc;
    }

    /**
     * Packs A(ic..ic+mc, pc..pc+kc) into MR-row panels, dropping the p where all MR rows of a panel
     * are zero: panel t holds, for each kept p, MR values (rows past mc are zero), keep[t·KC + q] is
     * the p of its q-th column and kept[t] how many there are (kc when none was dropped, and then
     * keep is not written). Image-like inputs gain most: on MNIST (81 % zero pixels) a panel of 8
     * images is zero at 54 % of the pixels, and 8 consecutive pixels are zero in 60 % of the images
     * (the Xᵀ panels of the weight gradient). A NaN is kept; −0 is dropped like 0.
     *
     * <p>Every way of packing below gives the same panels; they differ in speed only. Each is its own
     * method, so that no compiled method holds the vector code of another (see the package notes).
     * The vector ones store a whole vector per kept column: with L = 2·MR its upper half lands in
     * the next column of the same panel, which the next p rewrites; the last p is therefore packed by
     * the scalar loop, which writes MR values exactly.
     */
    private static void packA(float[] a, int aOff, int ars, int acs, int ic, int mc, int pc, int kc, Buffers buf) {
        buf.aProduct = 0;
        float[] ap = buf.a;
        int[] keep = buf.keep;
        int[] kept = buf.kept;
        int full = mc / MR;
        int first = 0;
        boolean wide = L == MR || L == 2 * MR;
        if (wide && ars == 1 && full > 0 && kc >= 2
                && aOff + ic + (long) pc * acs + (long) (kc - 2) * acs + (full - 1) * MR + L <= a.length) {
            // rows contiguous along m (Aᵀ of aTb): one pass over the p, each reading a run of mc
            // consecutive floats for all the panels, rather than one pass per panel (a column walk
            // through A, one cache line and often one page per p)
            packColumnRuns(a, aOff + ic + pc * acs, acs, full, kc, ap, keep, kept);
            first = full;
        }
        if (wide && acs == 1 && first * MR < mc) {
            // the gather offsets of a column: the same for every panel of this A
            for (int l = 0; l < L; l++) {
                buf.map[l] = (l % MR) * ars;
            }
        }
        for (int t = first, ir = t * MR; ir < mc; t++, ir += MR) {
            int base = panelAt(t, kc);
            int kb = t * KC;
            int mr = Math.min(MR, mc - ir);
            int r0 = aOff + (ic + ir) * ars + pc * acs;
            if (mr == MR && acs == 1 && !anyZero(a, r0, ars, kc)) {
                packDenseRows(a, r0, ars, kc, ap, base);
                kept[t] = kc;
            } else if (wide && mr == MR && acs == 1 && kc >= 2) {
                kept[t] = packRowsGathered(a, r0, ars, kc, ap, base, keep, kb, buf.map);
            } else {
                kept[t] = packScalar(a, r0, ars, acs, mr, 0, kc, ap, base, keep, kb, 0);
            }
        }
    }

    /**
     * Panels 0..panels-1 of an A whose rows are contiguous along m (column p of panel t is the MR
     * floats at a[r0 + p·acs + t·MR]), p in the outer loop. The caller checked that the vector
     * loads of p ≤ kc − 2 stay inside a.
     */
    private static void packColumnRuns(float[] a, int r0, int acs, int panels, int kc,
                                       float[] ap, int[] keep, int[] kept) {
        Arrays.fill(kept, 0, panels, 0);
        for (int p = 0; p < kc - 1; p++) {
            int src = r0 + p * acs;
            for (int t = 0; t < panels; t++) {
                FloatVector v = FloatVector.fromArray(S, a, src + t * MR);
                int q = kept[t];
                v.intoArray(ap, panelAt(t, kc) + q * MR);
                keep[t * KC + q] = p;
                // -0 == 0 (dropped), NaN != 0 (kept), as packScalar decides; the mask is made
                // here: made once outside the loop, it was boxed (9–23 KB per mnist-mlp256 step)
                kept[t] = q + (v.compare(VectorOperators.NE, 0f).and(S.indexInRange(0, MR)).anyTrue() ? 1 : 0);
            }
        }
        for (int t = 0; t < panels; t++) {
            kept[t] = packScalar(a, r0 + t * MR, 1, acs, MR, kc - 1, kc, ap, panelAt(t, kc), keep, t * KC, kept[t]);
        }
    }

    /**
     * One panel of an A whose rows are contiguous along k: column p is gathered from the MR rows in
     * one vector load, lane l from row l mod MR ({@code map[l] = (l mod MR)·ars}, set by packA; with
     * L = 2·MR each row is read twice, so every lane of the compare counts).
     */
    private static int packRowsGathered(float[] a, int r0, int ars, int kc, float[] ap, int base,
                                        int[] keep, int kb, int[] map) {
        int q = 0;
        for (int p = 0; p < kc - 1; p++) {
            FloatVector v = FloatVector.fromArray(S, a, r0 + p, map, 0);
            v.intoArray(ap, base + q * MR);
            keep[kb + q] = p;
            q += v.compare(VectorOperators.NE, 0f).anyTrue() ? 1 : 0;
        }
        return packScalar(a, r0, ars, 1, MR, kc - 1, kc, ap, base, keep, kb, q);
    }

    /** Rows contiguous along k and no zero at all (dense data): a row-by-row copy, nothing dropped. */
    private static void packDenseRows(float[] a, int r0, int ars, int kc, float[] ap, int base) {
        for (int r = 0; r < MR; r++) {
            int src = r0 + r * ars;
            int dst = base + r;
            for (int p = 0; p < kc; p++) {
                ap[dst + p * MR] = a[src + p];
            }
        }
    }

    /**
     * Columns p0..kc-1 of one panel of mr rows (the rest zero), any strides, appended after the q
     * columns already kept; returns the new count.
     */
    private static int packScalar(float[] a, int r0, int ars, int acs, int mr, int p0, int kc,
                                  float[] ap, int base, int[] keep, int kb, int q) {
        for (int p = p0; p < kc; p++) {
            int src = r0 + p * acs;
            int dst = base + q * MR;
            int bits = 0;
            for (int r = 0; r < mr; r++) {
                float v = a[src + r * ars];
                ap[dst + r] = v;
                bits |= Float.floatToRawIntBits(v) << 1; // drops the sign: -0 is zero
            }
            for (int r = mr; r < MR; r++) {
                ap[dst + r] = 0f;
            }
            keep[kb + q] = p;
            q += bits != 0 ? 1 : 0;
        }
        return q;
    }

    /** True when one of the MR rows a[off + r·ars + p], p < kc, holds a ±0. */
    private static boolean anyZero(float[] a, int off, int ars, int kc) {
        int kv = kc - kc % L;
        for (int r = 0; r < MR; r++) {
            int row = off + r * ars;
            for (int p = 0; p < kv; p += L) {
                if (FloatVector.fromArray(S, a, row + p).compare(VectorOperators.EQ, 0f).anyTrue()) {
                    return true;
                }
            }
            for (int p = kv; p < kc; p++) {
                if (a[row + p] == 0f) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Packs B(pc..pc+kc, jc..jc+nc) into NR-column panels from bp[at]: panel q holds, for each p, NR values. */
    private static void packB(float[] b, int bOff, int brs, int bcs, int pc, int kc, int jc, int nc,
                              float[] bp, int at, int[] map) {
        boolean gather = brs == 1 && bcs != 1 && kc >= GATHER_B_MIN_KC;
        if (gather) {
            for (int l = 0; l < L; l++) {
                map[l] = l * bcs;
            }
        }
        for (int q = 0, jr = 0; jr < nc; q++, jr += NR) {
            int base = at + q * NR * kc;
            int nr = Math.min(NR, nc - jr);
            int j = jc + jr;
            if (bcs == 1) {
                if (nr == NR) {
                    for (int p = 0; p < kc; p++) {
                        int src = bOff + (pc + p) * brs + j;
                        int dst = base + p * NR;
                        FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                        FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int dst = base + p * NR;
                        System.arraycopy(b, bOff + (pc + p) * brs + j, bp, dst, nr);
                        Arrays.fill(bp, dst + nr, dst + NR, 0f);
                    }
                }
            } else {
                if (nr < NR) {
                    Arrays.fill(bp, base, base + NR * kc, 0f);
                }
                if (gather && nr == NR) {
                    packTransposed(b, bOff + j * bcs + pc, bcs, kc, bp, base, map);
                } else if (brs == 1) {
                    for (int jj = 0; jj < nr; jj++) {
                        int src = bOff + (j + jj) * bcs + pc;
                        int dst = base + jj;
                        for (int p = 0; p < kc; p++) {
                            bp[dst + p * NR] = b[src + p];
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        for (int jj = 0; jj < nr; jj++) {
                            bp[base + p * NR + jj] = b[bOff + (pc + p) * brs + (j + jj) * bcs];
                        }
                    }
                }
            }
        }
    }

    /**
     * One full panel of a transposed B (Bᵀ of A·Bᵀ: B(p, j) at b[src + j·bcs + p]): each packed row
     * is two gathers down NR rows of b (map[l] = l·bcs) and two vector stores, where a copy column
     * by column stored every float NR floats from the last (15 % of abT:128x784x256 on one thread).
     */
    private static void packTransposed(float[] b, int src, int bcs, int kc, float[] bp, int base, int[] map) {
        int upper = src + L * bcs;
        for (int p = 0; p < kc; p++) {
            int dst = base + p * NR;
            FloatVector.fromArray(S, b, src + p, map, 0).intoArray(bp, dst);
            FloatVector.fromArray(S, b, upper + p, map, 0).intoArray(bp, dst + L);
        }
    }

    /**
     * The MR×NR register block: C tile (+)= Ap[MR×kc] · Bp[kc×NR] with 16 vector accumulators.
     * Only the top-left mr×nr of the tile is written. The accumulators start from the tile's current
     * values (or zeros), are updated with one FMA per p, and are stored back; a full tile with
     * contiguous rows is read and written in place, any other goes through {@code tile}. (Starting
     * from C rather than adding C afterwards also sidesteps a C2 problem on JDK 17 where a vector
     * add after the loop fell back to the boxed, allocating implementation.)
     */
    private static void kernel(float[] ap, int ai, float[] bp, int bi, int kc,
                               float[] c, int ci, int crs, int ccs, int mr, int nr, boolean add,
                               float[] tile) {
        boolean direct = mr == MR && nr == NR && ccs == 1;
        float[] t;
        int o;
        int ld;
        if (direct) {
            if (!add) {
                for (int r = 0; r < MR; r++) {
                    Arrays.fill(c, ci + r * crs, ci + r * crs + NR, 0f);
                }
            }
            t = c;
            o = ci;
            ld = crs;
        } else {
            Arrays.fill(tile, 0f);
            if (add) {
                for (int r = 0; r < mr; r++) {
                    for (int j = 0; j < nr; j++) {
                        tile[r * NR + j] = c[ci + r * crs + j * ccs];
                    }
                }
            }
            t = tile;
            o = 0;
            ld = NR;
        }
        accumulate(ap, ai, bp, bi, kc, t, o, ld);
        if (!direct) {
            for (int r = 0; r < mr; r++) {
                for (int j = 0; j < nr; j++) {
                    c[ci + r * crs + j * ccs] = tile[r * NR + j];
                }
            }
        }
    }

    /**
     * The loop of {@link #kernel}: the tile at {@code t[o + r·ld + j]} (+)= the panel product.
     * Its own method, too big for C2 to inline, so that only its own values are live across the
     * loop. Inside the tile bookkeeping, JDK 17's C2 kept B's base in a vector register and an
     * index on the stack and ran 44 instructions per p around the 16 FMAs; here it runs 36 with
     * no spill (its printed machine code), and JMH aTb:784x256x128 on one thread went from
     * 1,960–2,180 to 2,370–2,510 ops/s (ab:128x256x784: 1,950–2,030 → 2,450–2,540). Unrolling two p per trip
     * on top of this was slower (1,820–1,840 ops/s).
     */
    private static void accumulate(float[] ap, int ai, float[] bp, int bi, int kc, float[] t, int o, int ld) {
        FloatVector c00 = FloatVector.fromArray(S, t, o);
        FloatVector c01 = FloatVector.fromArray(S, t, o + L);
        FloatVector c10 = FloatVector.fromArray(S, t, o + ld);
        FloatVector c11 = FloatVector.fromArray(S, t, o + ld + L);
        FloatVector c20 = FloatVector.fromArray(S, t, o + 2 * ld);
        FloatVector c21 = FloatVector.fromArray(S, t, o + 2 * ld + L);
        FloatVector c30 = FloatVector.fromArray(S, t, o + 3 * ld);
        FloatVector c31 = FloatVector.fromArray(S, t, o + 3 * ld + L);
        FloatVector c40 = FloatVector.fromArray(S, t, o + 4 * ld);
        FloatVector c41 = FloatVector.fromArray(S, t, o + 4 * ld + L);
        FloatVector c50 = FloatVector.fromArray(S, t, o + 5 * ld);
        FloatVector c51 = FloatVector.fromArray(S, t, o + 5 * ld + L);
        FloatVector c60 = FloatVector.fromArray(S, t, o + 6 * ld);
        FloatVector c61 = FloatVector.fromArray(S, t, o + 6 * ld + L);
        FloatVector c70 = FloatVector.fromArray(S, t, o + 7 * ld);
        FloatVector c71 = FloatVector.fromArray(S, t, o + 7 * ld + L);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
            ai += MR;
            bi += NR;
        }
        c00.intoArray(t, o);
        c01.intoArray(t, o + L);
        c10.intoArray(t, o + ld);
        c11.intoArray(t, o + ld + L);
        c20.intoArray(t, o + 2 * ld);
        c21.intoArray(t, o + 2 * ld + L);
        c30.intoArray(t, o + 3 * ld);
        c31.intoArray(t, o + 3 * ld + L);
        c40.intoArray(t, o + 4 * ld);
        c41.intoArray(t, o + 4 * ld + L);
        c50.intoArray(t, o + 5 * ld);
        c51.intoArray(t, o + 5 * ld + L);
        c60.intoArray(t, o + 6 * ld);
        c61.intoArray(t, o + 6 * ld + L);
        c70.intoArray(t, o + 7 * ld);
        c71.intoArray(t, o + 7 * ld + L);
    }

    /**
     * {@link #kernel} over a panel that dropped some p (and over every prepacked panel): the q-th
     * column of the panel meets B row {@code rows[ri + q]} of the B panel at bi, read where it is;
     * B's rows are brs floats apart (NR in a packed panel, n when B is read in place). A separate
     * method because the index costs a dense panel ~10 % in cache (C2 cannot hoist the bounds
     * checks of indexed loads). Before it, dropped panels gathered their B rows into a
     * buffer for the plain kernel (MNIST, 1 thread, alternating runs: X·W at batch 512 1.59–1.70 →
     * 1.50 ms, Xᵀ·dZ 1.60–1.78 → 1.30–1.36 ms). Two kernels split the calls by data, so the rarer one
     * is compiled later: StepAllocProbe shows every reference model at ~0 B/step within 4 s (moons,
     * whose ReLU activations make the plain kernel the rare one, within 1.2 s at any batch).
     */
    private static void kernelIndexed(float[] ap, int ai, float[] bp, int bi, int brs, int[] rows, int ri, int kc,
                               float[] c, int ci, int crs, int ccs, int mr, int nr, boolean add,
                               float[] tile) {
        boolean direct = mr == MR && nr == NR && ccs == 1;
        float[] t;
        int o;
        int ld;
        if (direct) {
            if (!add) {
                for (int r = 0; r < MR; r++) {
                    Arrays.fill(c, ci + r * crs, ci + r * crs + NR, 0f);
                }
            }
            t = c;
            o = ci;
            ld = crs;
        } else {
            Arrays.fill(tile, 0f);
            if (add) {
                for (int r = 0; r < mr; r++) {
                    for (int j = 0; j < nr; j++) {
                        tile[r * NR + j] = c[ci + r * crs + j * ccs];
                    }
                }
            }
            t = tile;
            o = 0;
            ld = NR;
        }
        accumulateIndexed(ap, ai, bp, bi, brs, rows, ri, kc, t, o, ld);
        if (!direct) {
            for (int r = 0; r < mr; r++) {
                for (int j = 0; j < nr; j++) {
                    c[ci + r * crs + j * ccs] = tile[r * NR + j];
                }
            }
        }
    }

    /**
     * The loop of {@link #kernelIndexed}: the tile at {@code t[o + r·ld + j]} (+)= the panel
     * product, split off for the same reason as {@link #accumulate}. Its loop still spills (B's
     * offset to the stack, an index to a vector register), and sparse training steps did not
     * measurably change (mnist-mlp256 batch 512 on one thread, 3.6 ms per step either way).
     */
    private static void accumulateIndexed(float[] ap, int ai, float[] bp, int bi, int brs, int[] rows, int ri, int kc,
                                          float[] t, int o, int ld) {
        FloatVector c00 = FloatVector.fromArray(S, t, o);
        FloatVector c01 = FloatVector.fromArray(S, t, o + L);
        FloatVector c10 = FloatVector.fromArray(S, t, o + ld);
        FloatVector c11 = FloatVector.fromArray(S, t, o + ld + L);
        FloatVector c20 = FloatVector.fromArray(S, t, o + 2 * ld);
        FloatVector c21 = FloatVector.fromArray(S, t, o + 2 * ld + L);
        FloatVector c30 = FloatVector.fromArray(S, t, o + 3 * ld);
        FloatVector c31 = FloatVector.fromArray(S, t, o + 3 * ld + L);
        FloatVector c40 = FloatVector.fromArray(S, t, o + 4 * ld);
        FloatVector c41 = FloatVector.fromArray(S, t, o + 4 * ld + L);
        FloatVector c50 = FloatVector.fromArray(S, t, o + 5 * ld);
        FloatVector c51 = FloatVector.fromArray(S, t, o + 5 * ld + L);
        FloatVector c60 = FloatVector.fromArray(S, t, o + 6 * ld);
        FloatVector c61 = FloatVector.fromArray(S, t, o + 6 * ld + L);
        FloatVector c70 = FloatVector.fromArray(S, t, o + 7 * ld);
        FloatVector c71 = FloatVector.fromArray(S, t, o + 7 * ld + L);
        for (int p = 0; p < kc; p++) {
            int bo = bi + rows[ri + p] * brs;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
            ai += MR;
        }
        c00.intoArray(t, o);
        c01.intoArray(t, o + L);
        c10.intoArray(t, o + ld);
        c11.intoArray(t, o + ld + L);
        c20.intoArray(t, o + 2 * ld);
        c21.intoArray(t, o + 2 * ld + L);
        c30.intoArray(t, o + 3 * ld);
        c31.intoArray(t, o + 3 * ld + L);
        c40.intoArray(t, o + 4 * ld);
        c41.intoArray(t, o + 4 * ld + L);
        c50.intoArray(t, o + 5 * ld);
        c51.intoArray(t, o + 5 * ld + L);
        c60.intoArray(t, o + 6 * ld);
        c61.intoArray(t, o + 6 * ld + L);
        c70.intoArray(t, o + 7 * ld);
        c71.intoArray(t, o + 7 * ld + L);
    }

    /** {@link #kernel} reading A in place: row r of the tile at {@code a[ai + r·ars + p]}. */
    private static void kernelRows(float[] a, int ai, int ars, float[] bp, int bi, int kc,
                               float[] c, int ci, int crs, int ccs, int mr, int nr, boolean add,
                               float[] tile) {
        boolean direct = mr == MR && nr == NR && ccs == 1;
        float[] t;
        int o;
        int ld;
        if (direct) {
            if (!add) {
                for (int r = 0; r < MR; r++) {
                    Arrays.fill(c, ci + r * crs, ci + r * crs + NR, 0f);
                }
            }
            t = c;
            o = ci;
            ld = crs;
        } else {
            Arrays.fill(tile, 0f);
            if (add) {
                for (int r = 0; r < mr; r++) {
                    for (int j = 0; j < nr; j++) {
                        tile[r * NR + j] = c[ci + r * crs + j * ccs];
                    }
                }
            }
            t = tile;
            o = 0;
            ld = NR;
        }
        FloatVector c00 = FloatVector.fromArray(S, t, o);
        FloatVector c01 = FloatVector.fromArray(S, t, o + L);
        FloatVector c10 = FloatVector.fromArray(S, t, o + ld);
        FloatVector c11 = FloatVector.fromArray(S, t, o + ld + L);
        FloatVector c20 = FloatVector.fromArray(S, t, o + 2 * ld);
        FloatVector c21 = FloatVector.fromArray(S, t, o + 2 * ld + L);
        FloatVector c30 = FloatVector.fromArray(S, t, o + 3 * ld);
        FloatVector c31 = FloatVector.fromArray(S, t, o + 3 * ld + L);
        FloatVector c40 = FloatVector.fromArray(S, t, o + 4 * ld);
        FloatVector c41 = FloatVector.fromArray(S, t, o + 4 * ld + L);
        FloatVector c50 = FloatVector.fromArray(S, t, o + 5 * ld);
        FloatVector c51 = FloatVector.fromArray(S, t, o + 5 * ld + L);
        FloatVector c60 = FloatVector.fromArray(S, t, o + 6 * ld);
        FloatVector c61 = FloatVector.fromArray(S, t, o + 6 * ld + L);
        FloatVector c70 = FloatVector.fromArray(S, t, o + 7 * ld);
        FloatVector c71 = FloatVector.fromArray(S, t, o + 7 * ld + L);
        // rows past mr repeat the last real row (their results are never stored)
        int a0 = ai;
        int a1 = ai + Math.min(1, mr - 1) * ars;
        int a2 = ai + Math.min(2, mr - 1) * ars;
        int a3 = ai + Math.min(3, mr - 1) * ars;
        int a4 = ai + Math.min(4, mr - 1) * ars;
        int a5 = ai + Math.min(5, mr - 1) * ars;
        int a6 = ai + Math.min(6, mr - 1) * ars;
        int a7 = ai + Math.min(7, mr - 1) * ars;
        for (int p = 0; p < kc; p++) {
            int q = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, q);
            FloatVector b1 = FloatVector.fromArray(S, bp, q + L);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[a6 + p]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[a7 + p]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        c00.intoArray(t, o);
        c01.intoArray(t, o + L);
        c10.intoArray(t, o + ld);
        c11.intoArray(t, o + ld + L);
        c20.intoArray(t, o + 2 * ld);
        c21.intoArray(t, o + 2 * ld + L);
        c30.intoArray(t, o + 3 * ld);
        c31.intoArray(t, o + 3 * ld + L);
        c40.intoArray(t, o + 4 * ld);
        c41.intoArray(t, o + 4 * ld + L);
        c50.intoArray(t, o + 5 * ld);
        c51.intoArray(t, o + 5 * ld + L);
        c60.intoArray(t, o + 6 * ld);
        c61.intoArray(t, o + 6 * ld + L);
        c70.intoArray(t, o + 7 * ld);
        c71.intoArray(t, o + 7 * ld + L);
        if (!direct) {
            for (int r = 0; r < mr; r++) {
                for (int j = 0; j < nr; j++) {
                    c[ci + r * crs + j * ccs] = tile[r * NR + j];
                }
            }
        }
    }

    /** {@link #kernel} reading a full tile of A in place: A(r, p) at {@code a[ai + p·acs + r]}. */
    private static void kernelColumns(float[] a, int ai, int acs, float[] bp, int bi, int kc,
                               float[] c, int ci, int crs, int ccs, int nr, boolean add,
                               float[] tile) {
        boolean direct = nr == NR && ccs == 1;
        float[] t;
        int o;
        int ld;
        if (direct) {
            if (!add) {
                for (int r = 0; r < MR; r++) {
                    Arrays.fill(c, ci + r * crs, ci + r * crs + NR, 0f);
                }
            }
            t = c;
            o = ci;
            ld = crs;
        } else {
            Arrays.fill(tile, 0f);
            if (add) {
                for (int r = 0; r < MR; r++) {
                    for (int j = 0; j < nr; j++) {
                        tile[r * NR + j] = c[ci + r * crs + j * ccs];
                    }
                }
            }
            t = tile;
            o = 0;
            ld = NR;
        }
        FloatVector c00 = FloatVector.fromArray(S, t, o);
        FloatVector c01 = FloatVector.fromArray(S, t, o + L);
        FloatVector c10 = FloatVector.fromArray(S, t, o + ld);
        FloatVector c11 = FloatVector.fromArray(S, t, o + ld + L);
        FloatVector c20 = FloatVector.fromArray(S, t, o + 2 * ld);
        FloatVector c21 = FloatVector.fromArray(S, t, o + 2 * ld + L);
        FloatVector c30 = FloatVector.fromArray(S, t, o + 3 * ld);
        FloatVector c31 = FloatVector.fromArray(S, t, o + 3 * ld + L);
        FloatVector c40 = FloatVector.fromArray(S, t, o + 4 * ld);
        FloatVector c41 = FloatVector.fromArray(S, t, o + 4 * ld + L);
        FloatVector c50 = FloatVector.fromArray(S, t, o + 5 * ld);
        FloatVector c51 = FloatVector.fromArray(S, t, o + 5 * ld + L);
        FloatVector c60 = FloatVector.fromArray(S, t, o + 6 * ld);
        FloatVector c61 = FloatVector.fromArray(S, t, o + 6 * ld + L);
        FloatVector c70 = FloatVector.fromArray(S, t, o + 7 * ld);
        FloatVector c71 = FloatVector.fromArray(S, t, o + 7 * ld + L);
        for (int p = 0; p < kc; p++) {
            int q = bi + p * NR;
            int col = ai + p * acs;
            FloatVector b0 = FloatVector.fromArray(S, bp, q);
            FloatVector b1 = FloatVector.fromArray(S, bp, q + L);
            FloatVector av = FloatVector.broadcast(S, a[col]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[col + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[col + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[col + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[col + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[col + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[col + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[col + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        c00.intoArray(t, o);
        c01.intoArray(t, o + L);
        c10.intoArray(t, o + ld);
        c11.intoArray(t, o + ld + L);
        c20.intoArray(t, o + 2 * ld);
        c21.intoArray(t, o + 2 * ld + L);
        c30.intoArray(t, o + 3 * ld);
        c31.intoArray(t, o + 3 * ld + L);
        c40.intoArray(t, o + 4 * ld);
        c41.intoArray(t, o + 4 * ld + L);
        c50.intoArray(t, o + 5 * ld);
        c51.intoArray(t, o + 5 * ld + L);
        c60.intoArray(t, o + 6 * ld);
        c61.intoArray(t, o + 6 * ld + L);
        c70.intoArray(t, o + 7 * ld);
        c71.intoArray(t, o + 7 * ld + L);
        if (!direct) {
            for (int r = 0; r < MR; r++) {
                for (int j = 0; j < nr; j++) {
                    c[ci + r * crs + j * ccs] = tile[r * NR + j];
                }
            }
        }
    }

    // ---------------------------------------------------------------- dots path

    /** C(i,j) (+)= Σ_p a[aOff + i·ars + p] · b[bOff + j·bcs + p]: one dot product per output. */
    private static void dots(Exec ex, int m, int n, int k, float[] a, int aOff, int ars,
                             float[] b, int bOff, int bcs, float[] c, int cOff, int crs, int ccs,
                             boolean acc) {
        if (ex.threads() == 1 || (long) m * n * k < DOTS_PARALLEL_MIN_MACS) {
            dotsBlock(0, m, 0, n, k, a, aOff, ars, b, bOff, bcs, c, cOff, crs, ccs, acc);
        } else {
            Job job = Job.acquire(m >= n ? Job.DOTS_ROWS : Job.DOTS_COLUMNS, m, n, k, 0,
                    a, aOff, ars, 1, b, bOff, 1, bcs, c, cOff, crs, ccs, acc);
            try {
                ex.parallelFor(0, m >= n ? m : n, job.body());
            } finally {
                job.release();
            }
        }
    }

    private static void dotsBlock(int i0, int i1, int j0, int j1, int k,
                                  float[] a, int aOff, int ars, float[] b, int bOff, int bcs,
                                  float[] c, int cOff, int crs, int ccs, boolean acc) {
        float[] lanes = BUFFERS.get().lanes;
        int kv = k - k % L;
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            int j = j0;
            for (; j + 4 <= j1; j += 4) {
                dots4x4(i, j, k, kv, a, aOff, ars, b, bOff, bcs, c, cOff, crs, ccs, acc, lanes);
            }
            for (int ii = i; ii < i + 4; ii++) {
                dotsRow(ii, j, j1, k, kv, a, aOff, ars, b, bOff, bcs, c, cOff, crs, ccs, acc, lanes);
            }
        }
        for (; i < i1; i++) {
            dotsRow(i, j0, j1, k, kv, a, aOff, ars, b, bOff, bcs, c, cOff, crs, ccs, acc, lanes);
        }
    }

    /** C(i, j) for j in [j0, j1), four outputs at a time sharing A's loads, each lane-summed by {@link #treeSum}. */
    private static void dotsRow(int i, int j0, int j1, int k, int kv,
                                float[] a, int aOff, int ars, float[] b, int bOff, int bcs,
                                float[] c, int cOff, int crs, int ccs, boolean acc, float[] lanes) {
        int ai = aOff + i * ars;
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            int b0 = bOff + j * bcs;
            int b1 = b0 + bcs;
            int b2 = b1 + bcs;
            int b3 = b2 + bcs;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int p = 0; p < kv; p += L) {
                FloatVector av = FloatVector.fromArray(S, a, ai + p);
                s0 = av.fma(FloatVector.fromArray(S, b, b0 + p), s0);
                s1 = av.fma(FloatVector.fromArray(S, b, b1 + p), s1);
                s2 = av.fma(FloatVector.fromArray(S, b, b2 + p), s2);
                s3 = av.fma(FloatVector.fromArray(S, b, b3 + p), s3);
            }
            s0.intoArray(lanes, 0);
            s1.intoArray(lanes, L);
            s2.intoArray(lanes, 2 * L);
            s3.intoArray(lanes, 3 * L);
            for (int q = 0; q < 4; q++) {
                finishDot(treeSum(lanes, q * L), i, j + q, k, kv, a, ai, b, b0 + q * bcs, c, cOff, crs, ccs, acc);
            }
        }
        for (; j < j1; j++) {
            int bq = bOff + j * bcs;
            FloatVector s0 = FloatVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bq + p), s0);
            }
            s0.intoArray(lanes, 0);
            finishDot(treeSum(lanes, 0), i, j, k, kv, a, ai, b, bq, c, cOff, crs, ccs, acc);
        }
    }

    /** Adds the k % L tail products to a dot's lane sum, then stores (or adds) it into C(i, j). */
    private static void finishDot(float s, int i, int j, int k, int kv, float[] a, int ai, float[] b, int bq,
                                  float[] c, int cOff, int crs, int ccs, boolean acc) {
        for (int p = kv; p < k; p++) {
            s = Math.fma(a[ai + p], b[bq + p], s);
        }
        int idx = cOff + i * crs + j * ccs;
        c[idx] = acc ? c[idx] + s : s;
    }

    /**
     * The 4×4 outputs C(i..i+3, j..j+3): 16 accumulators, four A and four B loads per 16 FMAs (the
     * one-row path is load-bound), then the 16 {@link #treeSum}s, whose adds are independent within
     * a level, so they overlap (a lane-order sum is one 16-add dependency chain per output). A
     * transposing vector add tree computed the same pairs with fewer adds but went past C2's
     * inlining node budget and boxed its vectors.
     */
    private static void dots4x4(int i, int j, int k, int kv,
                                float[] a, int aOff, int ars, float[] b, int bOff, int bcs,
                                float[] c, int cOff, int crs, int ccs, boolean acc, float[] lanes) {
        int a0 = aOff + i * ars;
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        int b0 = bOff + j * bcs;
        int b1 = b0 + bcs;
        int b2 = b1 + bcs;
        int b3 = b2 + bcs;
        FloatVector s00 = FloatVector.zero(S);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s22 = s00;
        FloatVector s23 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s32 = s00;
        FloatVector s33 = s00;
        for (int p = 0; p < kv; p += L) {
            FloatVector bv0 = FloatVector.fromArray(S, b, b0 + p);
            FloatVector bv1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector bv2 = FloatVector.fromArray(S, b, b2 + p);
            FloatVector bv3 = FloatVector.fromArray(S, b, b3 + p);
            FloatVector av = FloatVector.fromArray(S, a, a0 + p);
            s00 = av.fma(bv0, s00);
            s01 = av.fma(bv1, s01);
            s02 = av.fma(bv2, s02);
            s03 = av.fma(bv3, s03);
            av = FloatVector.fromArray(S, a, a1 + p);
            s10 = av.fma(bv0, s10);
            s11 = av.fma(bv1, s11);
            s12 = av.fma(bv2, s12);
            s13 = av.fma(bv3, s13);
            av = FloatVector.fromArray(S, a, a2 + p);
            s20 = av.fma(bv0, s20);
            s21 = av.fma(bv1, s21);
            s22 = av.fma(bv2, s22);
            s23 = av.fma(bv3, s23);
            av = FloatVector.fromArray(S, a, a3 + p);
            s30 = av.fma(bv0, s30);
            s31 = av.fma(bv1, s31);
            s32 = av.fma(bv2, s32);
            s33 = av.fma(bv3, s33);
        }
        s00.intoArray(lanes, 0);
        s01.intoArray(lanes, L);
        s02.intoArray(lanes, 2 * L);
        s03.intoArray(lanes, 3 * L);
        s10.intoArray(lanes, 4 * L);
        s11.intoArray(lanes, 5 * L);
        s12.intoArray(lanes, 6 * L);
        s13.intoArray(lanes, 7 * L);
        s20.intoArray(lanes, 8 * L);
        s21.intoArray(lanes, 9 * L);
        s22.intoArray(lanes, 10 * L);
        s23.intoArray(lanes, 11 * L);
        s30.intoArray(lanes, 12 * L);
        s31.intoArray(lanes, 13 * L);
        s32.intoArray(lanes, 14 * L);
        s33.intoArray(lanes, 15 * L);
        for (int q = 0; q < 16; q++) {
            int r = q >> 2;
            int col = q & 3;
            finishDot(treeSum(lanes, q * L), i + r, j + col, k, kv, a, a0 + r * ars, b, b0 + col * bcs,
                    c, cOff, crs, ccs, acc);
        }
    }

    /**
     * Sum of the L lanes at {@code off} as a pairwise tree: lane l and l + L/2 first, then those
     * sums l and l + L/4, and so on (a fixed order, unlike reduceLanes; the one every dot-product
     * output uses, so an output's bits do not depend on which path or thread computed it).
     */
    static float treeSum(float[] lanes, int off) {
        float[] t = lanes;
        if (L == 16) {
            // in registers: four levels of independent adds (a lane-order sum is a 16-add chain)
            float p0 = t[off] + t[off + 8];
            float p1 = t[off + 1] + t[off + 9];
            float p2 = t[off + 2] + t[off + 10];
            float p3 = t[off + 3] + t[off + 11];
            float p4 = t[off + 4] + t[off + 12];
            float p5 = t[off + 5] + t[off + 13];
            float p6 = t[off + 6] + t[off + 14];
            float p7 = t[off + 7] + t[off + 15];
            float q0 = p0 + p4;
            float q1 = p1 + p5;
            float q2 = p2 + p6;
            float q3 = p3 + p7;
            return (q0 + q2) + (q1 + q3);
        }
        // any other width: the same pairs, level by level in place (the lanes are not needed after)
        for (int h = L / 2; h >= 1; h >>= 1) {
            for (int l = 0; l < h; l++) {
                t[off + l] = t[off + l] + t[off + l + h];
            }
        }
        return t[off];
    }

    /** Sum of L lanes in lane order (deterministic, unlike reduceLanes). */
    static float laneSum(float[] lanes, int off) {
        float s = 0f;
        for (int q = 0; q < L; q++) {
            s += lanes[off + q];
        }
        return s;
    }

    // ---------------------------------------------------------------- vecmat path

    /**
     * C(i, j) (+)= Σ_p A(i,p)·b[bOff + p·brs + j] for a few rows i, with C rows contiguous: B's rows
     * are streamed from the caller's array, four vectors of columns at a time.
     */
    private static void vecmat(Exec ex, int m, int n, int k, float[] a, int aOff, int ars, int acs,
                               float[] b, int bOff, int brs, float[] c, int cOff, int crs,
                               boolean acc) {
        if (ex.threads() == 1) {
            for (int i = 0; i < m; i++) {
                vecmatRow(i, 0, n, k, a, aOff, ars, acs, b, bOff, brs, c, cOff, crs, acc);
            }
            return;
        }
        Job job = Job.acquire(Job.VECMAT, m, n, k, 0, a, aOff, ars, acs, b, bOff, brs, 1, c, cOff, crs, 1, acc);
        try {
            ex.parallelFor(0, ceilDiv(n, 4 * L), job.body());
        } finally {
            job.release();
        }
    }

    private static void vecmatRow(int i, int j0, int j1, int k, float[] a, int aOff, int ars, int acs,
                                  float[] b, int bOff, int brs, float[] c, int cOff, int crs,
                                  boolean acc) {
        int ai = aOff + i * ars;
        int ci = cOff + i * crs;
        if (!acc) {
            Arrays.fill(c, ci + j0, ci + j1, 0f);
        }
        int j = j0;
        for (; j + 4 * L <= j1; j += 4 * L) {
            FloatVector s0 = FloatVector.fromArray(S, c, ci + j);
            FloatVector s1 = FloatVector.fromArray(S, c, ci + j + L);
            FloatVector s2 = FloatVector.fromArray(S, c, ci + j + 2 * L);
            FloatVector s3 = FloatVector.fromArray(S, c, ci + j + 3 * L);
            for (int p = 0; p < k; p++) {
                FloatVector av = FloatVector.broadcast(S, a[ai + p * acs]);
                int bp = bOff + p * brs + j;
                s0 = av.fma(FloatVector.fromArray(S, b, bp), s0);
                s1 = av.fma(FloatVector.fromArray(S, b, bp + L), s1);
                s2 = av.fma(FloatVector.fromArray(S, b, bp + 2 * L), s2);
                s3 = av.fma(FloatVector.fromArray(S, b, bp + 3 * L), s3);
            }
            s0.intoArray(c, ci + j);
            s1.intoArray(c, ci + j + L);
            s2.intoArray(c, ci + j + 2 * L);
            s3.intoArray(c, ci + j + 3 * L);
        }
        for (; j + L <= j1; j += L) {
            FloatVector s0 = FloatVector.fromArray(S, c, ci + j);
            for (int p = 0; p < k; p++) {
                s0 = FloatVector.broadcast(S, a[ai + p * acs])
                        .fma(FloatVector.fromArray(S, b, bOff + p * brs + j), s0);
            }
            s0.intoArray(c, ci + j);
        }
        for (; j < j1; j++) {
            float s = c[ci + j];
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[ai + p * acs], b[bOff + p * brs + j], s);
            }
            c[ci + j] = s;
        }
    }
}
