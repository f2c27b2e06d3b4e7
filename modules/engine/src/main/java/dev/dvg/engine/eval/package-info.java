/**
 * Evaluation: {@link dev.dvg.engine.eval.ClassificationReport} (accuracy, confusion matrix,
 * per-class precision/recall/F1 with macro and weighted averages, like scikit-learn) and
 * {@link dev.dvg.engine.eval.BinaryReport} (threshold 0.5 metrics and ROC AUC for one sigmoid output).
 */
package dev.dvg.engine.eval;
