package dev.dvg.bench.kernels;

import dev.dvg.kernels.Exec;
import dev.dvg.kernels.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * David's {@link Gemm} next to ND4J's {@code Nd4j.gemm} (OpenBLAS sgemm) at the 784-256-10 MLP shapes,
 * batch 128, in the same run. Throughput in ops/s; GFLOP/s = ops/s · 2·m·n·k / 1e9 (see
 * {@link KernelBenchMain}, which prints that table).
 *
 * <pre>
 *   ab:128x256x784   Z1 = X·W1          ab:128x10x256   Z2 = H·W2
 *   abT:128x784x256  dX = dZ1·W1ᵀ        abT:128x256x10  dH = dZ2·W2ᵀ
 *   aTb:784x256x128  dW1 = Xᵀ·dZ1        aTb:256x10x128  dW2 = Hᵀ·dZ2
 * </pre>
 *
 * Threads: David uses {@code Exec.create(threads)}; ND4J gets {@code Environment.setMaxThreads},
 * {@code setMaxMasterThreads} and the BLAS {@code setMaxThreads} set to the same number (launch
 * with {@code OMP_NUM_THREADS=2} so the OpenMP pool can use both cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {

    @Param({"ab:128x256x784", "ab:128x10x256", "abT:128x784x256", "abT:128x256x10",
            "aTb:784x256x128", "aTb:256x10x128"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    String form;
    int m;
    int n;
    int k;
    float[] a;
    float[] b;
    float[] c;
    Exec exec;
    INDArray na;
    INDArray nb;
    INDArray nc;
    boolean transA;
    boolean transB;

    /** Floating-point operations of one product: 2·m·n·k. */
    public static double flops(String shape) {
        String[] d = shape.substring(shape.indexOf(':') + 1).split("x");
        return 2.0 * Integer.parseInt(d[0]) * Integer.parseInt(d[1]) * Integer.parseInt(d[2]);
    }

    @Setup(Level.Trial)
    public void setUp() {
        form = shape.substring(0, shape.indexOf(':'));
        String[] d = shape.substring(shape.indexOf(':') + 1).split("x");
        m = Integer.parseInt(d[0]);
        n = Integer.parseInt(d[1]);
        k = Integer.parseInt(d[2]);
        a = random(m * k, 1);
        b = random(k * n, 2);
        c = new float[m * n];
        exec = Exec.create(threads);
        KernelBenchMain.setNd4jThreads(threads);
        transA = form.equals("aTb");
        transB = form.equals("abT");
        long[] aShape = transA ? new long[] {k, m} : new long[] {m, k};
        long[] bShape = transB ? new long[] {n, k} : new long[] {k, n};
        na = Nd4j.create(a, aShape, 'c');
        nb = Nd4j.create(b, bShape, 'c');
        nc = Nd4j.create(DataType.FLOAT, new long[] {m, n}, 'c');
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        exec.close();
    }

    static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() - 0.5);
        }
        return x;
    }

    @Benchmark
    public float[] david() {
        product(form, exec, m, n, k, a, b, c);
        return c;
    }

    /**
     * c = a·b, a·bᵀ or aᵀ·b (form ab, abT, aTb) with David's {@link Gemm}; a and b laid out as
     * {@link #setUp} lays them out.
     */
    static void product(String form, Exec exec, int m, int n, int k, float[] a, float[] b, float[] c) {
        switch (form) {
            case "ab" -> Gemm.ab(exec, m, n, k, a, 0, b, 0, c, 0, false);
            case "abT" -> Gemm.abT(exec, m, n, k, a, 0, b, 0, c, 0, false);
            case "aTb" -> Gemm.aTb(exec, m, n, k, a, 0, b, 0, c, 0, false);
            default -> throw new IllegalArgumentException("GEMM form must be ab, abT or aTb, got " + form);
        }
    }

    @Benchmark
    public INDArray nd4j() {
        return Nd4j.gemm(na, nb, nc, transA, transB, 1.0, 0.0);
    }
}
