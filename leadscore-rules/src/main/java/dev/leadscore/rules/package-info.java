/**
 * The rule-based points baseline: what a sales team scores leads with before it has conversion
 * history, and the bar a learned model must beat.
 *
 * <ul>
 *   <li>{@link dev.leadscore.rules.RuleSet}: a named, versioned, fingerprinted list of
 *       {@link dev.leadscore.rules.Rule}s, read from and written to JSON;
 *       {@link dev.leadscore.rules.RuleSet#syntheticDefault()} is the shipped rule set for the
 *       synthetic pipeline, {@link dev.leadscore.rules.RuleSet#derivePoints} sets points from
 *       labelled history.
 *   <li>{@link dev.leadscore.rules.Rule}: points by level, by band, for yes/no, per decayed and
 *       capped event, and bonus multipliers for combinations; negative points are penalties.
 *   <li>{@link dev.leadscore.rules.RuleScorer}: a rule set bound to a fitted feature schema and
 *       tier cut-offs, implementing {@link dev.leadscore.core.LeadScorer}; its
 *       {@link dev.leadscore.rules.RuleScorer#evaluate evaluate} also returns the raw points and
 *       the fit and intent sub-scores as a {@link dev.leadscore.rules.RuleScore}.
 *   <li>{@link dev.leadscore.rules.RuleSetException}: a rule set that is malformed or does not fit
 *       the schema, named by rule.
 * </ul>
 *
 * <pre>{@code
 * FittedSchema schema = SyntheticPipeline.defaultSchema().fit(trainingLeads);
 * RuleScorer scorer = RuleScorer.of(RuleSet.syntheticDefault(), schema);
 * Score s = scorer.score(lead, asOf);            // 0-100 score, tier, per-rule reasons
 * RuleScore r = scorer.evaluate(lead, asOf, LeadScorer.Detail.SCORE_ONLY);
 * double fit = r.fitScore(), intent = r.intentScore();
 * }</pre>
 *
 * <p>Every public type is immutable and safe to share between threads; machinery (JSON,
 * compiled rules, derivation) is package-private.
 */
package dev.leadscore.rules;
