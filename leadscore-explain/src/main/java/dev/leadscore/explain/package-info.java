/**
 * Exact explanations for linear lead-scoring models, and the scorer a host calls.
 *
 * <ul>
 *   <li>{@link dev.leadscore.explain.LinearModel}: schema, intercept and weights in extraction units,
 *       and the {@link dev.leadscore.explain.Background} explanations are measured against. Built from
 *       a trained model's numbers or by hand.</li>
 *   <li>{@link dev.leadscore.explain.LinearShap}: exact interventional SHAP values per schema feature
 *       (product columns split by the two-player Shapley rule), as numbers
 *       ({@link dev.leadscore.explain.Attribution}), as plain-English reasons
 *       ({@link dev.leadscore.core.Explanation}) and as global importance
 *       ({@link dev.leadscore.explain.Importance}).</li>
 *   <li>{@link dev.leadscore.explain.ModelScorer}: the {@link dev.leadscore.core.LeadScorer}:
 *       extraction, logit, calibrated probability, 0–100 score, tier and, on request, the explanation;
 *       plus the probability-scale view and "what would move this lead"
 *       ({@link dev.leadscore.explain.Move}).</li>
 * </ul>
 *
 * <p>A host test that needs no training:
 *
 * <pre>{@code
 * FittedSchema schema = mySchema.fit(trainingLeads);
 * double[] w = new double[schema.width()];
 * w[schema.columnIndex("demo_requests_90d")] = 2.0;
 * w[schema.columnIndex("pricing_visits_30d")] = 0.5;
 * LinearModel model = LinearModel.of(schema, -1.0, w, Background.ofLeads(schema, trainingLeads, asOf));
 * ModelScorer scorer = ModelScorer.of("my-model", "1", model, TierCutoffs.of(80, 60, 30));
 * Score s = scorer.score(lead, asOf);                       // with reasons
 * Score r = scorer.score(lead, asOf, Detail.SCORE_ONLY);    // ranking only, no SHAP work
 * }</pre>
 *
 * <p>From a model {@code t} trained by {@code leadscore-model}, {@code ModelScorer.of(t)} scores
 * bit for bit as {@code t.score} does. Built by hand from the standardised numbers instead, the
 * logit agrees with the trained model's to rounding:
 *
 * <pre>{@code
 * LinearModel model = LinearModel.fromStandardised(t.schema(), t.intercept(), t.weights(), t.means(),
 *     t.scales(), Background.ofMeans(t.schema(), t.background().columnMeans()));
 * ModelScorer scorer = ModelScorer.of(t.modelId(), t.modelVersion(), model, t.calibrator()::probability,
 *     t.cutoffs());
 * }</pre>
 *
 * <p>Every public type is immutable and safe to share between threads.
 */
package dev.leadscore.explain;
