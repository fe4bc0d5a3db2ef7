/**
 * leadscore rules: the hand-written points baseline. A {@link dev.leadscore.rules.RuleSet} (JSON,
 * versioned, fingerprinted) is bound to a fitted feature schema as a
 * {@link dev.leadscore.rules.RuleScorer}, which implements the same
 * {@link dev.leadscore.core.LeadScorer} API as the learned model.
 */
module dev.leadscore.rules {
  requires transitive dev.leadscore.core;
  requires com.fasterxml.jackson.databind;

  exports dev.leadscore.rules;
}
