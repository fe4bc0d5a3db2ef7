package dev.leadscore.core.ops;

import dev.leadscore.core.Tier;
import java.util.Objects;

/**
 * What {@link Experiment#evaluate} needs to know about one lead once its outcome is known: its
 * id, the arm it was assigned to, the tier that arm gave it (the tier it was worked in) and
 * whether it converted. Small enough to store next to the lead until outcomes arrive; {@link
 * #of(ExperimentScore, boolean)} takes it from a live score.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param leadId the lead's id, not blank
 * @param arm the arm the lead was assigned to
 * @param tier the assigned arm's tier for the lead
 * @param converted whether the lead converted
 */
public record ExperimentOutcome(String leadId, Arm arm, Tier tier, boolean converted) {
  /**
   * @param leadId the lead's id, not blank
   * @param arm the arm the lead was assigned to
   * @param tier the assigned arm's tier for the lead
   * @param converted whether the lead converted
   * @throws IllegalArgumentException if the lead id is null or blank, or the arm or tier null
   */
  public ExperimentOutcome {
    if (leadId == null || leadId.isBlank()) {
      throw new IllegalArgumentException("an experiment outcome needs a lead id, got "
          + (leadId == null ? "null" : "'" + leadId + "'"));
    }
    if (arm == null || tier == null) {
      throw new IllegalArgumentException("outcome of lead '" + leadId + "': arm and tier are required, got arm="
          + arm + ", tier=" + tier);
    }
  }

  /**
   * The outcome of a lead scored in an experiment: its id, assigned arm and the decision's tier.
   *
   * @param score the lead's experiment score
   * @param converted whether the lead converted
   * @return the outcome
   */
  public static ExperimentOutcome of(ExperimentScore score, boolean converted) {
    Objects.requireNonNull(score, "score");
    return new ExperimentOutcome(score.leadId(), score.arm(), score.decision().tier(), converted);
  }
}
