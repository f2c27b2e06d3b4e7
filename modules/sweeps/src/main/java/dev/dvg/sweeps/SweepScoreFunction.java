package dev.dvg.sweeps;

import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Arbiter's view of a candidate's score: the mean of the engines' scores that are ok (NaN when
 * none is). Arbiter uses it only to log its running best; the sweep ranks each engine separately
 * from candidates.jsonl. The "model" it scores is the candidate's {@link CandidateOutcome}: both
 * engines were already evaluated on the test set by the runner.
 */
final class SweepScoreFunction implements ScoreFunction {

    private static final long serialVersionUID = 1L;

    private final boolean minimize;

    SweepScoreFunction(Score score) {
        this.minimize = !score.maximize();
    }

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        return score(model);
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        return score(model);
    }

    private static double score(Object model) {
        if (!(model instanceof CandidateOutcome o)) {
            throw new IllegalArgumentException("a sweep scores CandidateOutcome, got " + model);
        }
        double sum = 0;
        int n = 0;
        for (CandidateOutcome.EngineLine l : o.lines()) {
            if (l.ok()) {
                sum += l.score();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public boolean minimize() {
        return minimize;
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(CandidateOutcome.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of();
    }
}
