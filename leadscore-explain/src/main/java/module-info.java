/**
 * leadscore explain: exact linear SHAP attributions of a linear lead-scoring function over core's
 * fitted schema, grouped into one plain-English reason per schema feature. Pure attribution: it
 * scores nothing (the model module's {@code ModelScorer} scores and asks this module why).
 */
module dev.leadscore.explain {
  requires transitive dev.leadscore.core;

  exports dev.leadscore.explain;
}
