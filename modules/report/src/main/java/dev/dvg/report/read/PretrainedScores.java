package dev.dvg.report.read;

import dev.dvg.report.Engine;

import java.util.Map;

/**
 * The {@code pretrained} block of summary.json: pretrained weights (the course's ex4weights.mat)
 * scored by both engines on the training set before training. Course numbers are NaN when absent.
 *
 * @param weights           the weights file as given
 * @param examples          m, the training examples scored
 * @param engines           per engine: training accuracy and the cost at λ = 0 and λ = 1
 * @param maxRelCostDiff    largest relative difference of the engines' costs
 * @param relTolerance      the tolerance the run required
 * @param enginesAgree      whether they agreed within it (and on the accuracy)
 * @param courseCostLambda0 the course's cost at λ = 0 on its ex4data1.mat
 * @param courseCostLambda1 the course's cost at λ = 1 on its ex4data1.mat
 * @param courseAccuracy    the course's training accuracy on its ex4data1.mat
 */
public record PretrainedScores(String weights, long examples, Map<Engine, Scores> engines, double maxRelCostDiff,
                               double relTolerance, boolean enginesAgree, double courseCostLambda0,
                               double courseCostLambda1, double courseAccuracy) {
    public PretrainedScores {
        engines = Map.copyOf(engines);
    }

    /** One engine's scores of the pretrained weights. */
    public record Scores(double trainAccuracy, double costLambda0, double costLambda1) {
    }
}
