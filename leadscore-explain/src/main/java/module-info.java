/**
 * leadscore explain: exact linear SHAP attributions of a linear (logistic) lead-scoring model,
 * grouped into one plain-English reason per schema feature, and {@link
 * dev.leadscore.explain.ModelScorer}, the {@link dev.leadscore.core.LeadScorer} a host calls for a
 * predictive model: extraction, logit, calibrated probability, 0–100 score, tier and explanation.
 */
module dev.leadscore.explain {
  requires transitive dev.leadscore.core;
  requires transitive dev.leadscore.model;

  exports dev.leadscore.explain;
}
