package dev.dvg.bench.train;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's thread pools and what was loaded: sets the OpenMP, master-thread and BLAS thread counts
 * (the OpenMP pool itself is sized from {@code OMP_NUM_THREADS} when the process starts, so the
 * launcher sets that too) and describes the backend for bench.json.
 */
public final class Nd4jSetup {

    private Nd4jSetup() {
    }

    /** Sets ND4J's OpenMP ({@code Environment.setMaxThreads}), master and BLAS thread counts. */
    public static void setThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /**
     * The ND4J side of the provenance: backend class, the nd4j-native classifier jar(s) on the
     * class path (generic {@code linux-x86_64}, {@code -avx2}, {@code -avx512}, {@code -onednn}) and the
     * native libraries actually loaded from them, BLAS vendor and threads, OpenMP threads,
     * {@code OMP_NUM_THREADS}, and ND4J's own environment report.
     */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", Nd4j.getBackend().getClass().getName());
        m.put("nd4j_native_classifier_jars", nativeJars());
        m.put("nd4j_native_library_loaded", loadedLibrary("nd4jcpu"));
        m.put("openblas_library_loaded", loadedLibrary("openblas@.0"));
        m.put("blas_vendor", Nd4j.factory().blas().getBlasVendor().toString());
        m.put("blas_max_threads", Nd4j.factory().blas().getMaxThreads());
        m.put("omp_max_threads", Nd4j.getEnvironment().maxThreads());
        m.put("omp_max_master_threads", Nd4j.getEnvironment().maxMasterThreads());
        m.put("omp_num_threads_env", System.getenv("OMP_NUM_THREADS"));
        m.put("default_data_type", Nd4j.dataType().toString());
        Map<String, Object> env = new LinkedHashMap<>();
        Properties p = Nd4j.getExecutioner().getEnvironmentInformation();
        for (String k : p.stringPropertyNames()) {
            env.put(k, p.getProperty(k));
        }
        m.put("executioner_environment", env);
        return m;
    }

    /**
     * Where JavaCPP loaded a native library from (e.g. {@code …/linux-x86_64-avx512/libnd4jcpu.so}):
     * with several nd4j-native classifier jars on the class path this says which build runs.
     */
    static String loadedLibrary(String name) {
        return org.bytedeco.javacpp.Loader.getLoadedLibraries().get(name);
    }

    /** File names of the nd4j-native and openblas jars with a platform classifier on the class path. */
    public static List<String> nativeJars() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            String name = new File(e).getName();
            if ((name.startsWith("nd4j-native-") || name.startsWith("openblas-")) && name.contains("linux")) {
                out.add(name);
            }
        }
        return out;
    }
}
