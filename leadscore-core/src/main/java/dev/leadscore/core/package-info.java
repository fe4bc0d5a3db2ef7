/**
 * The types every leadscore host touches: what a lead is, what a score is, and the one call that
 * turns one into the other.
 *
 * <ul>
 *   <li>{@link dev.leadscore.core.Lead}: a raw lead as a CRM hands it over, attributes
 *       ({@link dev.leadscore.core.AttributeValue}: numbers, booleans or untyped text) and
 *       timestamped {@link dev.leadscore.core.ActivityEvent}s; {@link dev.leadscore.core.LabelledLead}
 *       adds whether it converted, for training and evaluation.</li>
 *   <li>{@link dev.leadscore.core.LeadScorer}: the hot-path API, implemented by the rule baseline
 *       ({@code leadscore-rules}) and a trained model ({@code leadscore-model}'s {@code ModelScorer}).
 *       Every call takes the instant {@code asOf} the score is for; nothing reads the clock, and
 *       events after {@code asOf} are ignored.</li>
 *   <li>{@link dev.leadscore.core.Score}: probability, 0–100 score, {@link dev.leadscore.core.Tier}
 *       and, on request, the {@link dev.leadscore.core.Explanation} (the base value and one
 *       {@link dev.leadscore.core.Reason} per feature or rule, in log-odds or points, adding up to
 *       the total the score comes from); batches give a {@link dev.leadscore.core.BatchResult} with
 *       one {@link dev.leadscore.core.RowError} per row they could not use.</li>
 *   <li>{@link dev.leadscore.core.TierCutoffs} maps a score to a tier; {@link
 *       dev.leadscore.core.TierPolicy} fits cut-offs (fixed, target shares or target precision).</li>
 *   <li>{@link dev.leadscore.core.LeadDataException}: a lead whose data cannot be used, naming the
 *       lead, the field and the problem.</li>
 * </ul>
 *
 * <p>The declared feature schema and extraction are in {@link dev.leadscore.core.schema}; reading
 * leads from JSON and CSV in {@link dev.leadscore.core.io}; synthetic leads for demos and host tests
 * in {@link dev.leadscore.core.synth}; experiments and account roll-ups in {@link
 * dev.leadscore.core.ops}. Every public type here is immutable and safe to share between threads,
 * except the builders.
 */
package dev.leadscore.core;
