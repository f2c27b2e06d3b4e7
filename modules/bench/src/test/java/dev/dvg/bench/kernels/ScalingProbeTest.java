package dev.dvg.bench.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paired 1-/2-thread rounds: order, arithmetic, and one real run of each subject kind. */
class ScalingProbeTest {

    /** Busy-waits {@code nanos} (a sleep would measure the scheduler, not a fixed cost). */
    static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void burstsAlternateAndSwapOrderEveryRound() throws Exception {
        List<Integer> calls = new ArrayList<>();
        List<ScalingProbe.Round> rounds = ScalingProbe.pairs(() -> {
            calls.add(1);
            spin(20_000);
        }, 1, () -> {
            calls.add(2);
            spin(20_000);
        }, 1, 5, 1_000_000, 4_000_000);
        List<Integer> bursts = new ArrayList<>();
        for (int c : calls) {
            if (bursts.isEmpty() || bursts.get(bursts.size() - 1) != c) {
                bursts.add(c);
            }
        }
        // warm-up 1 2 1 2, then rounds 1 2 | 2 1 | 1 2 | 2 1 | 1 2: adjacent bursts of the same runner merge,
        // so 10 runs of calls (without the swap: 14)
        assertEquals(List.of(1, 2, 1, 2, 1, 2, 1, 2, 1, 2), bursts);
        assertEquals(5, rounds.size());
        for (int r = 0; r < rounds.size(); r++) {
            assertEquals(r % 2 == 0, rounds.get(r).oneFirst(), "round " + r);
        }
    }

    @Test
    void subjectsAreInterleavedRoundByRound() throws Exception {
        List<String> calls = new ArrayList<>();
        List<ScalingProbe.Subject> subjects = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            subjects.add(new ScalingProbe.Subject(name, "java", () -> {
                calls.add(name + 1);
                spin(20_000);
            }, 1, () -> {
                calls.add(name + 2);
                spin(20_000);
            }, 1, () -> { }));
        }
        List<List<ScalingProbe.Round>> rounds = ScalingProbe.rounds(subjects, 3, 1_000_000, 4_000_000);
        List<String> bursts = new ArrayList<>();
        for (String c : calls) {
            if (bursts.isEmpty() || !bursts.get(bursts.size() - 1).equals(c)) {
                bursts.add(c);
            }
        }
        // each subject's warm-up, then round 0: a1 a2 b1 b2, round 1: a2 a1 b2 b1, round 2: a1 a2 b1 b2
        assertEquals(List.of("a1", "a2", "a1", "a2", "b1", "b2", "b1", "b2",
                "a1", "a2", "b1", "b2", "a2", "a1", "b2", "b1", "a1", "a2", "b1", "b2"), bursts);
        assertEquals(2, rounds.size());
        assertEquals(3, rounds.get(0).size());
        assertEquals(3, rounds.get(1).size());
    }

    @Test
    void ratioIsTwoThreadsOverOneFromTheSameRound() throws Exception {
        // the "2-thread" op costs half as much per call: about 2× the calls per second, equal FLOPs per call
        List<ScalingProbe.Round> rounds = ScalingProbe.pairs(() -> spin(200_000), 1e6, () -> spin(100_000), 1e6, 5,
                20_000_000, 10_000_000);
        ScalingProbe.Row row = ScalingProbe.row("fake", "java", 0.02, rounds);
        assertEquals(5, row.rounds());
        assertEquals(5, row.ratios().size());
        assertTrue(row.ratio() > 1.6 && row.ratio() < 2.2, row.toString());
        assertTrue(row.oneGflops() > 3 && row.oneGflops() <= 5.01, "≤ 5000 calls/s of 1 MFLOP: " + row);
        assertTrue(row.ratioMin() <= row.ratio() && row.ratio() <= row.ratioMax(), row.toString());
        // FLOPs per call count: the same call rate at twice the FLOPs is twice the GFLOP/s
        List<ScalingProbe.Round> doubled = ScalingProbe.pairs(() -> spin(100_000), 1e6, () -> spin(100_000), 2e6, 5,
                20_000_000, 0);
        double r = ScalingProbe.row("fake", "java", 0.02, doubled).ratio();
        assertTrue(r > 1.6 && r < 2.4, "ratio " + r);
    }

    /** The probe's result line is what dvg bench reads back into bench.json's scaling rows. */
    @Test
    void resultLineReadsBackAsTheBenchJsonRows() throws Exception {
        List<ScalingProbe.Row> rows = List.of(
                new ScalingProbe.Row("ab:128x256x784", "david", 2, 0.5, 150.5, 280.25, 1.86, 1.8, 1.92,
                        List.of(1.8, 1.92)),
                new ScalingProbe.Row("fma", "java", 2, 0.5, 230, 340, 1.48, 1.4, 1.56, List.of(1.4, 1.56)));
        String line = ScalingProbe.LINE_PREFIX + ScalingProbe.JSON.writeValueAsString(rows);
        assertTrue(line.contains("\"one_gflops\":150.5") && line.contains("\"ratio_min\":1.8"), line);
        ScalingProbe.Row[] back = dev.dvg.bench.suite.BenchResult.MAPPER.readValue(
                line.substring(ScalingProbe.LINE_PREFIX.length()), ScalingProbe.Row[].class);
        assertEquals(rows, List.of(back));
    }

    @Test
    void medianAndRowArithmetic() {
        assertEquals(2.0, ScalingProbe.median(new double[] {3, 1, 2}));
        assertEquals(2.5, ScalingProbe.median(new double[] {4, 1, 3, 2}));
        assertTrue(Double.isNaN(ScalingProbe.median(new double[0])));
        ScalingProbe.Row row = ScalingProbe.row("ab:1x1x1", "david", 0.5, List.of(
                new ScalingProbe.Round(100, 190, true), new ScalingProbe.Round(90, 150, false),
                new ScalingProbe.Round(110, 200, true)));
        assertEquals(100, row.oneGflops(), 1e-12);
        assertEquals(190, row.twoGflops(), 1e-12);
        assertEquals(1.8181818181818181, row.ratio(), 1e-12, "median of 1.9, 1.667, 1.818 — not 190/100");
        assertEquals(150 / 90.0, row.ratioMin(), 1e-12);
        assertEquals(1.9, row.ratioMax(), 1e-12);
        assertEquals(List.of(1.9, 150 / 90.0, 200 / 110.0), row.ratios());
    }

    @Test
    void realGemmAndFmaSubjectsGiveFiniteRates() throws Exception {
        List<ScalingProbe.Row> rows = ScalingProbe.measure(List.of("ab:64x128x96", "fma"), 2, 0.02, 0.1);
        ScalingProbe.Row gemm = rows.get(0);
        assertEquals("ab:64x128x96", gemm.subject());
        assertEquals("david", gemm.engine());
        assertEquals(2, gemm.ratios().size());
        assertTrue(gemm.oneGflops() > 0 && gemm.twoGflops() > 0 && Double.isFinite(gemm.ratio()), gemm.toString());
        ScalingProbe.Row fma = rows.get(1);
        assertEquals("fma", fma.subject());
        assertEquals("java", fma.engine());
        assertTrue(fma.oneGflops() > 0 && fma.twoGflops() > 0 && Double.isFinite(fma.ratio()), fma.toString());
    }

    @Test
    void badSubjectsAndSettingsAreNamed() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> ScalingProbe.measure("ab:12xfoox3", 1, 0.01, 0));
        assertTrue(shape.getMessage().contains("ab:12xfoox3") && shape.getMessage().contains("form:MxNxK"),
                shape.getMessage());
        IllegalArgumentException form = assertThrows(IllegalArgumentException.class,
                () -> ScalingProbe.measure("ba:8x8x8", 1, 0.01, 0));
        assertTrue(form.getMessage().contains("ab, abT or aTb, got ba"), form.getMessage());
        IllegalArgumentException rounds = assertThrows(IllegalArgumentException.class,
                () -> ScalingProbe.measure("fma", 0, 0.01, 0));
        assertTrue(rounds.getMessage().contains("rounds must be >= 1"), rounds.getMessage());
    }
}
