package dev.dvg.cli;

import org.junit.jupiter.api.Test;

import static dev.dvg.cli.DvgTest.dvg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParityCommandTest {

    @Test
    void moonsAgreeStepByStep() {
        DvgTest.Result r = dvg("parity", "moons", "--steps", "5");
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("verdict: PARITY"), r.out());
        assertTrue(r.out().lines().filter(l -> l.matches("\\s+[0-4]\\s+.*")).count() >= 5, "5 step lines:\n" + r.out());
    }

    @Test
    void aBadOptimizerJsonNamesTheOptionAndTheField() {
        DvgTest.Result r = dvg("parity", "moons", "--steps", "2", "--optimizer", "{\"type\":\"sgd\",\"learningRate\":-1}");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--optimizer") && r.err().contains("learningRate"), r.err());
    }

    @Test
    void unknownModelListsTheReferenceModels() {
        DvgTest.Result r = dvg("parity", "resnet50");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("mnist-lenet") && r.err().contains("is-zero-logistic"), r.err());
    }
}
