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
        for (String sub : new String[] {"data", "run", "help"}) {
            assertTrue(r.out().contains("\n  " + sub), "--help should list '" + sub + "':\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("not built yet"), r.out());
    }

    @Test
    void runSaysNotYetWithoutAStackTrace() {
        Result r = dvg("run", "david-vs-goliath");
        assertEquals(ExitCodes.NOT_YET, r.code());
        assertTrue(r.err().contains("not yet"), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
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
