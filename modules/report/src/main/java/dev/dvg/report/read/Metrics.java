package dev.dvg.report.read;

import dev.dvg.report.Engine;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** All events of one metrics.jsonl, in file order. */
public record Metrics(List<StepEvent> steps, List<EpochEvent> epochs, List<WarmupEvent> warmups,
                      List<DivergedEvent> divergences, List<FinalEvent> finals) {

    public Metrics {
        steps = List.copyOf(steps);
        epochs = List.copyOf(epochs);
        warmups = List.copyOf(warmups);
        divergences = List.copyOf(divergences);
        finals = List.copyOf(finals);
    }

    /** Every seed that has at least one event, ascending. */
    public List<Long> seeds() {
        TreeSet<Long> s = new TreeSet<>();
        steps.forEach(e -> s.add(e.seed()));
        epochs.forEach(e -> s.add(e.seed()));
        finals.forEach(e -> s.add(e.seed()));
        divergences.forEach(e -> s.add(e.seed()));
        return List.copyOf(s);
    }

    public List<StepEvent> steps(Engine engine, long seed) {
        return steps.stream().filter(e -> e.engine() == engine && e.seed() == seed).toList();
    }

    public List<EpochEvent> epochs(Engine engine, long seed) {
        return epochs.stream().filter(e -> e.engine() == engine && e.seed() == seed).toList();
    }

    public Optional<FinalEvent> fin(Engine engine, long seed) {
        return finals.stream().filter(e -> e.engine() == engine && e.seed() == seed).findFirst();
    }

    public Optional<WarmupEvent> warmup(Engine engine, long seed) {
        return warmups.stream().filter(e -> e.engine() == engine && e.seed() == seed).findFirst();
    }

    public Optional<DivergedEvent> diverged(Engine engine, long seed) {
        return divergences.stream().filter(e -> e.engine() == engine && e.seed() == seed).findFirst();
    }
}
