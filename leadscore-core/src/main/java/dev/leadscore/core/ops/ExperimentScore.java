package dev.leadscore.core.ops;

import dev.leadscore.core.Score;
import java.util.Objects;
import java.util.Optional;

/**
 * One lead scored in a champion/challenger {@link Experiment}: the arm the lead is assigned to,
 * that arm's {@link Score} (the {@linkplain #decision() decision}, the one the host acts on) and
 * the other arm's score (the {@linkplain #shadow() shadow}, kept for analysis only).
 *
 * <p>The shadow is empty when the other arm could not score the lead; {@link #shadowError()}
 * then says why. A lead the assigned arm cannot score never becomes an {@code ExperimentScore}:
 * it is an error (see {@link Experiment#score}).
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ExperimentScore {
  private final String experiment;
  private final Arm arm;
  private final Score champion;
  private final Score challenger;
  private final String shadowError;

  private ExperimentScore(String experiment, Arm arm, Score champion, Score challenger, String shadowError) {
    this.experiment = Objects.requireNonNull(experiment, "experiment");
    this.arm = Objects.requireNonNull(arm, "arm");
    Score decision = arm == Arm.CHAMPION ? champion : challenger;
    if (decision == null) {
      throw new IllegalArgumentException("experiment '" + experiment + "': the lead is assigned to the "
          + arm + " arm, so that arm's score is required, got null");
    }
    Score shadow = arm == Arm.CHAMPION ? challenger : champion;
    if (shadow != null && !shadow.leadId().equals(decision.leadId())) {
      throw new IllegalArgumentException("experiment '" + experiment + "': the two arms' scores are for different leads, '"
          + (champion == null ? null : champion.leadId()) + "' (champion) and '"
          + (challenger == null ? null : challenger.leadId()) + "' (challenger)");
    }
    this.champion = champion;
    this.challenger = challenger;
    this.shadowError = shadow == null ? shadowError : null;
  }

  /**
   * A score from its parts, e.g. to rebuild one a host stored.
   *
   * @param experiment the experiment's name
   * @param arm the arm the lead is assigned to
   * @param champion the champion's score; may be null only when {@code arm} is {@link Arm#CHALLENGER}
   * @param challenger the challenger's score; may be null only when {@code arm} is {@link Arm#CHAMPION}
   * @return the score
   * @throws IllegalArgumentException if the assigned arm's score is missing or the two scores are
   *     for different leads
   */
  public static ExperimentScore of(String experiment, Arm arm, Score champion, Score challenger) {
    return new ExperimentScore(experiment, arm, champion, challenger, null);
  }

  static ExperimentScore withShadowError(String experiment, Arm arm, Score decision, String shadowError) {
    return arm == Arm.CHAMPION
        ? new ExperimentScore(experiment, arm, decision, null, shadowError)
        : new ExperimentScore(experiment, arm, null, decision, shadowError);
  }

  /** {@return the experiment's name} */
  public String experiment() {
    return experiment;
  }

  /** {@return the lead's id} */
  public String leadId() {
    return decision().leadId();
  }

  /** {@return the arm the lead is assigned to, whose score decides what happens to it} */
  public Arm arm() {
    return arm;
  }

  /** {@return the assigned arm's score: the one to act on (its tier is the tier the lead is worked in)} */
  public Score decision() {
    return arm == Arm.CHAMPION ? champion : challenger;
  }

  /** {@return the other arm's score, for analysis only; empty when that arm could not score the lead} */
  public Optional<Score> shadow() {
    return Optional.ofNullable(arm == Arm.CHAMPION ? challenger : champion);
  }

  /**
   * Why the other arm could not score the lead, when it could not.
   *
   * @return the shadow arm's error, or empty
   */
  public Optional<String> shadowError() {
    return Optional.ofNullable(shadowError);
  }

  /**
   * The score of the given arm, whether it decided or not; empty when that arm could not score.
   *
   * @param which the arm
   * @return its score, or empty
   */
  public Optional<Score> scoreOf(Arm which) {
    return Optional.ofNullable(Objects.requireNonNull(which, "which") == Arm.CHAMPION ? champion : challenger);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExperimentScore e && experiment.equals(e.experiment) && arm == e.arm
        && Objects.equals(champion, e.champion) && Objects.equals(challenger, e.challenger)
        && Objects.equals(shadowError, e.shadowError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(experiment, arm, champion, challenger, shadowError);
  }

  @Override
  public String toString() {
    return "ExperimentScore[" + experiment + ", " + leadId() + " -> " + arm + ", decision=" + decision()
        + ", shadow=" + (shadow().isPresent() ? shadow().get() : "none (" + shadowError + ")") + "]";
  }
}
