package dev.dvg.bench.kernels;

import dev.dvg.kernels.Conv2d;
import dev.dvg.kernels.ConvShape;
import dev.dvg.kernels.Exec;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
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
 * One forward + backward pass of a LeNet convolution at batch 128, David's {@link Conv2d} next to
 * DL4J's {@code ConvolutionLayer} (identity activation, float32, no workspaces in the layer calls) in
 * the same run. Throughput in batches/s; images/s = 128 · batches/s.
 *
 * <pre>
 *   conv1: x[128,1,28,28]  w[8,1,5,5]   → y[128,8,24,24]
 *   conv2: x[128,8,12,12]  w[16,8,5,5]  → y[128,16,8,8]
 * </pre>
 *
 * Both engines compute y, dW, db and dx (David's first layer does not need dx in training; it is
 * computed here anyway so both sides do the same work).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBench {

    public static final int BATCH = 128;

    @Param({"conv1", "conv2"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    ConvShape s;
    float[] x;
    float[] w;
    float[] b;
    float[] y;
    float[] dy;
    float[] dx;
    float[] dw;
    float[] db;
    Exec exec;
    Layer dl4j;
    INDArray nx;
    INDArray ndy;
    LayerWorkspaceMgr mgr;

    /** Floating-point operations of forward + backward (dW and dx): 3 · 2 · MACs. */
    public static double flops(String layer) {
        return 6.0 * shape(layer).macs();
    }

    static ConvShape shape(String layer) {
        return layer.equals("conv1")
                ? new ConvShape(BATCH, 1, 28, 28, 8, 5, 5, 1)
                : new ConvShape(BATCH, 8, 12, 12, 16, 5, 5, 1);
    }

    @Setup(Level.Trial)
    public void setUp() {
        s = shape(layer);
        x = GemmBench.random(s.inSize(), 3);
        w = GemmBench.random(s.weightSize(), 4);
        b = GemmBench.random(s.f(), 5);
        dy = GemmBench.random(s.outSize(), 6);
        y = new float[s.outSize()];
        dx = new float[s.inSize()];
        dw = new float[s.weightSize()];
        db = new float[s.f()];
        exec = Exec.create(threads);
        KernelBenchMain.setNd4jThreads(threads);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .list()
                .layer(new ConvolutionLayer.Builder(s.kh(), s.kw()).stride(1, 1).nIn(s.c()).nOut(s.f())
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(s.h(), s.w(), s.c()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        dl4j = net.getLayer(0);
        nx = Nd4j.create(x, new long[] {s.n(), s.c(), s.h(), s.w()}, 'c');
        ndy = Nd4j.create(dy, new long[] {s.n(), s.f(), s.oh(), s.ow()}, 'c');
        mgr = LayerWorkspaceMgr.noWorkspaces();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        exec.close();
    }

    @Benchmark
    public float[] david() {
        Conv2d.forward(exec, s, x, w, b, y);
        Conv2d.backward(exec, s, x, w, dy, dx, dw, db);
        return dw;
    }

    @Benchmark
    public Pair<Gradient, INDArray> dl4j() {
        dl4j.activate(nx, true, mgr);
        return dl4j.backpropGradient(ndy, mgr);
    }
}
