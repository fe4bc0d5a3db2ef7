/**
 * Exact explanations of linear lead-scoring functions: pure attribution over core's fitted schema.
 * This package scores nothing; the model module's {@code ModelScorer} scores a lead and asks it why.
 *
 * <ul>
 *   <li>{@link dev.leadscore.explain.LinearModel}: the function explained, {@code b + w·x} over a
 *       fitted schema's columns, in extraction units, and the {@link dev.leadscore.explain.Background}
 *       explanations are measured against. Built from a trained model's numbers or by hand.</li>
 *   <li>{@link dev.leadscore.explain.LinearShap}: exact interventional SHAP values per schema feature
 *       (product columns split by the two-player Shapley rule), as numbers
 *       ({@link dev.leadscore.explain.Attribution}), as plain-English reasons
 *       ({@link dev.leadscore.core.Explanation}) and as global importance
 *       ({@link dev.leadscore.explain.Importance}).</li>
 * </ul>
 *
 * <p>A host test that needs no training (the scorer is the model module's):
 *
 * <pre>{@code
 * FittedSchema schema = mySchema.fit(trainingLeads);
 * double[] w = new double[schema.width()];
 * w[schema.columnIndex("demo_requests_90d")] = 2.0;
 * w[schema.columnIndex("pricing_visits_30d")] = 0.5;
 * LinearModel model = LinearModel.of(schema, -1.0, w, Background.ofLeads(schema, trainingLeads, asOf));
 * Attribution why = LinearShap.of(model).attribute(lead, asOf);       // base + Σφ = logit
 * ModelScorer scorer = ModelScorer.of("my-model", "1", model, TierCutoffs.of(80, 60, 30));
 * Score s = scorer.score(lead, asOf);                                  // with reasons
 * }</pre>
 *
 * <p>Every public type is immutable and safe to share between threads.
 */
package dev.leadscore.explain;
