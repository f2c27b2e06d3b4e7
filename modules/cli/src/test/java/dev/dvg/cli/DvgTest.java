package dev.dvg.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DvgTest {

    /** Output of one {@code dvg} invocation. */
    record Result(int code, String out, String err) {
    }

    static Result dvg(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dvg.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        Result r = dvg("--help");
        assertEquals(ExitCodes.OK, r.code());
        for (String sub : new String[] {"data", "run", "parity", "report", "sweep", "regress", "predict", "bench", "help"}) {
            assertTrue(r.out().contains("\n  " + sub), "--help should list '" + sub + "':\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    static final String EXPERIMENTS = java.nio.file.Path.of(System.getProperty("user.dir"))
            .resolve("../../experiments").normalize().toString();

    @Test
    void runOfAnUnknownExperimentListsTheKnownOnesWithoutAStackTrace() {
        Result r = dvg("run", "nope", "--experiments", EXPERIMENTS);
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("david-vs-goliath") && r.err().contains("mnist-lenet"), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void runRejectsAnUnknownBudget() {
        Result r = dvg("run", "moons", "--budget", "huge", "--experiments", EXPERIMENTS);
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--budget: unknown budget 'huge'; allowed: quick, default, full"), r.err());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "dvg {0} --help")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"data", "data fetch", "data info", "run", "parity",
        "report", "sweep", "regress", "predict", "bench"})
    void everySubcommandHasHelpThatFitsATerminal(String command) {
        String[] args = (command + " --help").split(" ");
        Result r = dvg(args);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: dvg " + command), r.out());
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= 100, "help line longer than 100 columns: '" + line + "'");
        }
    }

    @Test
    void benchHelpNamesItsOptionsAndWhatItWrites() {
        Result r = dvg("bench", "--help");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        for (String s : new String[] {"--quick", "--out", "--include", "--threads", "bench.json", "OMP_NUM_THREADS"}) {
            assertTrue(r.out().contains(s), "bench --help should mention " + s + ":\n" + r.out());
        }
    }

    @Test
    void benchRejectsABadIncludeAndBadThreadsWithoutRunning() {
        Result bad = dvg("bench", "--include", "(", "--out", System.getProperty("java.io.tmpdir"));
        assertEquals(ExitCodes.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().contains("--include"), bad.err());
        Result zero = dvg("bench", "--threads", "0", "--out", System.getProperty("java.io.tmpdir"));
        assertEquals(ExitCodes.USAGE, zero.code(), zero.err());
        assertTrue(zero.err().contains("--threads"), zero.err());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Result r = dvg("frobnicate");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void versionNamesTheJvm() {
        Result r = dvg("--version");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("JVM:"), r.out());
    }
}
