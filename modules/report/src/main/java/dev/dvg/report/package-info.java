/**
 * Reports: read result folders (results/FORMAT.md) and write {@code report.md} (GitHub-renderable,
 * images in {@code img/}) and a self-contained {@code report.html} (images embedded as base64 PNG,
 * inline CSS, no scripts, fonts or network resources).
 *
 * <h2>Use</h2>
 * <pre>{@code
 * ReportResult r = Reports.write(resultsDir, outDir);   // dvg report <results-dir> [--out DIR]
 * r.markdown(); r.html(); r.imageDir(); r.images(); r.kind(); r.title();
 * }</pre>
 * {@code resultsDir} may be a run folder ({@code results/<experiment>/<run-id>/}), an experiment
 * folder with {@code latest}, a suite run ({@code results/david-vs-goliath/<run-id>/} with
 * {@code suite.json}, or without it: any folder of run folders), a sweep run
 * ({@code results/sweeps/<name>/<run-id>/}), or a folder holding several of these (e.g. {@code results/});
 * the rules are in {@link dev.dvg.report.read.ResultsReader}. Several runs give a report that opens with
 * the headline table (per model: each engine's test accuracy as mean ± sd with every seed, accuracy and
 * loss gaps, parity, time to target, throughput ratio) and its two dot plots, then one section per run,
 * then one per sweep. Malformed results throw {@link dev.dvg.report.ResultFormatException} naming the
 * file, line and key, and nothing is written. Writing is atomic ({@link dev.dvg.report.ReportWriter}).
 *
 * <h2>Pieces</h2>
 * {@code read} (strict reader and records), {@code doc} (a report as blocks, rendered to Markdown and
 * HTML), {@code chart} (XChart line/scatter/bar charts and Java2D pictures: confusion matrices, digit
 * grids, kernels, decision boundaries, sweep grids; all at 2× for sharp display), and here the
 * sections: {@code RunReport}, {@code HeadlineReport}, {@code SweepReport}. David is always vermillion
 * and solid, DL4J blue and dashed ({@link dev.dvg.report.Engine}).
 *
 * <p>Charts are drawn headless ({@code java.awt.headless=true} is set before any AWT use).
 */
package dev.dvg.report;
