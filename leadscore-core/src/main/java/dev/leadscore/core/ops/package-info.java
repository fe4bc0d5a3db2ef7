/**
 * Running lead scoring in production: champion/challenger experiments between two {@link
 * dev.leadscore.core.LeadScorer}s ({@link dev.leadscore.core.ops.Experiment}, with its
 * deterministic hash split, scoring with both arms and a two-proportion test of the arms' top
 * tiers in {@link dev.leadscore.core.ops.ExperimentResult}), and account roll-up for
 * account-based selling ({@link dev.leadscore.core.ops.AccountRollup}, which groups scored leads
 * by company domain or account id into {@link dev.leadscore.core.ops.AccountScore}s).
 *
 * <p>Everything here needs only core types, so it works with any scorer: the learned model, the
 * rule baseline or a host's own. All public types are immutable and safe to share between
 * threads; batch calls report every row they cannot use as a {@link dev.leadscore.core.RowError}
 * and never drop one silently. Nothing reads the wall clock.
 */
package dev.leadscore.core.ops;
