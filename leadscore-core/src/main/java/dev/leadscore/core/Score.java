package dev.leadscore.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one lead: the calibrated probability that it converts, the same on a 0–100
 * scale, its action {@link Tier}, optionally why, and which model said so as of when: the model's
 * id, a version that tells its trained artifacts apart, and the scoring instant, so a score can be
 * traced to the model and the data it was computed from.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Score {
  private final String leadId;
  private final double probability;
  private final double score;
  private final Tier tier;
  private final Explanation explanation;
  private final String modelId;
  private final String modelVersion;
  private final Instant asOf;

  private Score(String leadId, double probability, double score, Tier tier, Explanation explanation,
      String modelId, String modelVersion, Instant asOf) {
    this.leadId = Objects.requireNonNull(leadId, "leadId");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("lead '" + leadId + "': probability must be in [0, 1], got " + probability);
    }
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("lead '" + leadId + "': score must be in [0, 100], got " + score);
    }
    this.probability = probability;
    this.score = score;
    this.tier = Objects.requireNonNull(tier, "tier");
    this.explanation = explanation;
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
    this.asOf = Objects.requireNonNull(asOf, "asOf");
  }

  /**
   * A score.
   *
   * @param leadId the lead scored
   * @param probability calibrated conversion probability in [0, 1]; for a rule scorer, its 0–100
   *     score / 100, which is a rank, not a calibrated probability
   * @param score the 0–100 score tiers are cut on
   * @param tier the action tier
   * @param explanation why, or {@code null} when the caller asked for the score only
   * @param modelId the model or rule set that scored
   * @param modelVersion its version (for a trained model, unique to its artifact)
   * @param asOf the instant the lead was scored as of
   * @throws IllegalArgumentException for a probability or score out of range (or NaN)
   */
  public static Score of(String leadId, double probability, double score, Tier tier, Explanation explanation,
      String modelId, String modelVersion, Instant asOf) {
    return new Score(leadId, probability, score, tier, explanation, modelId, modelVersion, asOf);
  }

  /** {@return the lead's id} */
  public String leadId() {
    return leadId;
  }

  /** Calibrated probability of conversion, in [0, 1]. */
  public double probability() {
    return probability;
  }

  /** {@return the score on the 0–100 scale} */
  public double score() {
    return score;
  }

  /** {@return the action tier} */
  public Tier tier() {
    return tier;
  }

  /** Why, when it was asked for. */
  public Optional<Explanation> explanation() {
    return Optional.ofNullable(explanation);
  }

  /** {@return the id of the model or rule set that scored} */
  public String modelId() {
    return modelId;
  }

  /**
   * The version of that model or rule set: for a trained model, its declared version and a digest
   * of its artifact ({@code "1+3f9a0c2e7b1d"}), so two models trained on different data differ.
   *
   * @return the version of that model or rule set
   */
  public String modelVersion() {
    return modelVersion;
  }

  /** The instant the lead was scored as of (events after it were ignored). */
  public Instant asOf() {
    return asOf;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Score s && leadId.equals(s.leadId) && Double.compare(probability, s.probability) == 0
        && Double.compare(score, s.score) == 0 && tier == s.tier && Objects.equals(explanation, s.explanation)
        && modelId.equals(s.modelId) && modelVersion.equals(s.modelVersion) && asOf.equals(s.asOf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(leadId, probability, score, tier, explanation, modelId, modelVersion, asOf);
  }

  @Override
  public String toString() {
    return "Score[" + leadId + ", p=" + probability + ", score=" + score + ", " + tier + ", " + modelId + "@" + modelVersion + ", asOf " + asOf + "]";
  }
}
