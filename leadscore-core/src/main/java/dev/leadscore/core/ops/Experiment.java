package dev.leadscore.core.ops;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.internal.LeadBatches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A champion/challenger experiment: two {@link LeadScorer}s, a deterministic split of leads
 * between them, scoring with both, and the comparison of their top tiers once outcomes arrive.
 *
 * <p><b>Assignment.</b> A lead goes to the {@linkplain Arm#CHALLENGER challenger} when {@code
 * u(salt, leadId) < challengerShare}, else to the {@linkplain Arm#CHAMPION champion}, where
 * {@code u} is a number in [0, 1) taken from SHA-256 of the salt and the lead id (exact
 * definition, reproducible in any language, in {@code StableHash}: the top 53 bits of the first
 * 8 bytes of {@code SHA-256(UTF-8(salt) ‖ 0x00 ‖ UTF-8(leadId))}). So the assignment depends on
 * nothing but the salt, the share and the id: the same on every restart, JVM and machine, and
 * nothing is stored. A share of 0 sends every lead to the champion, 1 every lead to the
 * challenger; raising the share only moves leads from champion to challenger (a lead's {@code
 * u} does not change), so a ramp-up keeps earlier challenger leads where they were. A new salt
 * gives an independent split; reuse a salt only to continue the same experiment.
 *
 * <p><b>Scoring.</b> {@link #score} scores the lead with both arms and returns an {@link
 * ExperimentScore}: the assigned arm's score is the {@linkplain ExperimentScore#decision()
 * decision} the host acts on, the other arm's is kept as the {@linkplain
 * ExperimentScore#shadow() shadow} for analysis. If the assigned arm cannot score the lead (a
 * {@link LeadDataException}), the call fails with that exception, as the arm's own {@code score}
 * would: falling back to the other arm would bias the experiment. If only the shadow arm cannot,
 * the decision stands and the shadow's error message is recorded. Other exceptions (bugs) pass
 * through. Both calls happen on the calling thread, so a lead costs the two scorers' time plus
 * one SHA-256 (about a microsecond).
 *
 * <p><b>Evaluation.</b> {@link #evaluate} takes one {@link ExperimentOutcome} per lead (its
 * assigned arm, the tier that arm gave it, whether it converted) and compares the conversion
 * rate of each arm's top tiers (default {@link Tier#HOT} and {@link Tier#WARM}) with a
 * two-proportion z-test and a Wald interval, see {@link ExperimentResult}.
 *
 * <p><b>Threads.</b> Immutable and safe to share between threads, provided the two scorers are
 * (as every {@link LeadScorer} must be). Nothing reads the wall clock.
 */
public final class Experiment {
  /** The top tiers compared by {@link #evaluate(List)}: {@link Tier#HOT} and {@link Tier#WARM}. */
  public static final Set<Tier> DEFAULT_TOP_TIERS = Collections.unmodifiableSet(EnumSet.of(Tier.HOT, Tier.WARM));
  /** The confidence level of the interval when none is given. */
  public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;
  /** The challenger's share when none is given: an even split. */
  public static final double DEFAULT_CHALLENGER_SHARE = 0.5;

  private final String name;
  private final LeadScorer champion;
  private final LeadScorer challenger;
  private final String salt;
  private final double challengerShare;

  private Experiment(Builder b) {
    this.name = b.name;
    this.champion = b.champion;
    this.challenger = b.challenger;
    this.salt = b.salt;
    this.challengerShare = b.challengerShare;
  }

  /**
   * Starts an experiment.
   *
   * @param name the experiment's name, for reports and error messages; not blank
   * @return a builder
   * @throws IllegalArgumentException for a null or blank name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** {@return the experiment's name} */
  public String name() {
    return name;
  }

  /** {@return the champion scorer} */
  public LeadScorer champion() {
    return champion;
  }

  /** {@return the challenger scorer} */
  public LeadScorer challenger() {
    return challenger;
  }

  /**
   * The scorer of the given arm.
   *
   * @param arm the arm
   * @return its scorer
   */
  public LeadScorer scorer(Arm arm) {
    return Objects.requireNonNull(arm, "arm") == Arm.CHAMPION ? champion : challenger;
  }

  /** {@return the salt of the assignment hash} */
  public String salt() {
    return salt;
  }

  /** {@return the share of leads assigned to the challenger, in [0, 1]} */
  public double challengerShare() {
    return challengerShare;
  }

  /**
   * The arm a lead id is assigned to: deterministic, see the class comment.
   *
   * @param leadId the lead's id
   * @return its arm
   * @throws IllegalArgumentException for a null or blank id
   */
  public Arm arm(String leadId) {
    if (leadId == null || leadId.isBlank()) {
      throw new IllegalArgumentException("experiment '" + name + "': a lead id is required to assign an arm, got "
          + (leadId == null ? "null" : "'" + leadId + "'"));
    }
    return StableHash.unit(salt, leadId) < challengerShare ? Arm.CHALLENGER : Arm.CHAMPION;
  }

  /**
   * Scores one lead with both arms and records which arm decides.
   *
   * @param lead the lead
   * @param asOf the instant the scores are for
   * @param detail passed to both scorers
   * @return both arms' scores and the deciding arm
   * @throws LeadDataException when the assigned arm cannot use the lead's data
   */
  public ExperimentScore score(Lead lead, Instant asOf, Detail detail) {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(detail, "detail");
    Arm arm = arm(lead.id());
    Score decision = scorer(arm).score(lead, asOf, detail);
    Score shadow;
    try {
      shadow = scorer(arm.other()).score(lead, asOf, detail);
    } catch (LeadDataException e) {
      return ExperimentScore.withShadowError(name, arm, decision, e.getMessage());
    }
    return arm == Arm.CHAMPION
        ? ExperimentScore.of(name, arm, decision, shadow)
        : ExperimentScore.of(name, arm, shadow, decision);
  }

  /**
   * Scores many leads on the calling thread, as {@link #score} does each. A null row, or a lead
   * its assigned arm cannot score, becomes a {@link RowError} with its 0-based index; the other
   * leads are still scored. {@code scores + errors} = rows in.
   *
   * @param leads the leads, in input order
   * @param asOf the instant the scores are for
   * @param detail passed to both scorers
   * @return one score per usable lead and one error per unusable row
   */
  public ExperimentBatch scoreAll(List<Lead> leads, Instant asOf, Detail detail) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(detail, "detail");
    List<ExperimentScore> scores = new ArrayList<>(leads.size());
    List<RowError> errors = LeadBatches.scoreEach(leads, lead -> score(lead, asOf, detail), scores);
    return new ExperimentBatch(scores, errors);
  }

  /**
   * {@link #evaluate(List, Set, double)} with the {@link #DEFAULT_TOP_TIERS} and a 95 % interval.
   *
   * @param outcomes one per lead, any order
   * @return the comparison
   */
  public ExperimentResult evaluate(List<ExperimentOutcome> outcomes) {
    return evaluate(outcomes, DEFAULT_TOP_TIERS, DEFAULT_CONFIDENCE_LEVEL);
  }

  /**
   * {@link #evaluate(List, Set, double)} with a 95 % interval.
   *
   * @param outcomes one per lead, any order
   * @param topTiers the tiers whose conversion rate is compared, not empty
   * @return the comparison
   */
  public ExperimentResult evaluate(List<ExperimentOutcome> outcomes, Set<Tier> topTiers) {
    return evaluate(outcomes, topTiers, DEFAULT_CONFIDENCE_LEVEL);
  }

  /**
   * Compares the arms' top-tier conversion rates on the leads whose outcomes are known. Each lead
   * counts once, in the arm it was assigned to, as in the tier its assigned arm gave it.
   *
   * @param outcomes one per lead, any order
   * @param topTiers the tiers whose conversion rate is compared, not empty
   * @param confidenceLevel of the interval, in (0, 1)
   * @return the comparison
   * @throws IllegalArgumentException naming the outcome's index and lead when an outcome is null,
   *     repeats a lead, or records an arm this experiment does not assign its lead to (outcomes of
   *     another experiment, salt or share: evaluate each phase of a ramp-up on its own, or build
   *     the counts and use {@link ExperimentResult#of}); or for no top tiers or a level outside (0, 1)
   */
  public ExperimentResult evaluate(List<ExperimentOutcome> outcomes, Set<Tier> topTiers, double confidenceLevel) {
    Objects.requireNonNull(outcomes, "outcomes");
    Set<Tier> top = ExperimentResult.checkTopTiers(topTiers);
    ExperimentResult.checkLevel(confidenceLevel);
    long[][] counts = new long[2][4]; // per arm: leads, conversions, top-tier leads, top-tier conversions
    Map<String, Integer> seen = new HashMap<>(Math.max(16, outcomes.size() * 2));
    for (int i = 0; i < outcomes.size(); i++) {
      ExperimentOutcome o = outcomes.get(i);
      if (o == null) {
        throw new IllegalArgumentException("experiment '" + name + "': outcome " + i + " is null");
      }
      Integer first = seen.putIfAbsent(o.leadId(), i);
      if (first != null) {
        throw new IllegalArgumentException("experiment '" + name + "': outcome " + i + " repeats lead '" + o.leadId()
            + "' (first at outcome " + first + "); each lead must count once");
      }
      Arm expected = arm(o.leadId());
      if (o.arm() != expected) {
        throw new IllegalArgumentException("experiment '" + name + "': outcome " + i + " says lead '" + o.leadId()
            + "' was in the " + o.arm() + " arm, but this experiment (salt '" + salt + "', challenger share "
            + challengerShare + ") assigns it to " + expected + "; is the outcome from another experiment or split?");
      }
      long[] c = counts[o.arm().ordinal()];
      c[0]++;
      boolean inTop = top.contains(o.tier());
      if (o.converted()) {
        c[1]++;
      }
      if (inTop) {
        c[2]++;
        if (o.converted()) {
          c[3]++;
        }
      }
    }
    return ExperimentResult.of(name, stats(Arm.CHAMPION, counts), stats(Arm.CHALLENGER, counts), top, confidenceLevel);
  }

  private static ExperimentResult.ArmStats stats(Arm arm, long[][] counts) {
    long[] c = counts[arm.ordinal()];
    return new ExperimentResult.ArmStats(arm, c[0], c[1], c[2], c[3]);
  }

  @Override
  public String toString() {
    return "Experiment[" + name + ": champion " + champion.modelId() + "@" + champion.modelVersion() + ", challenger "
        + challenger.modelId() + "@" + challenger.modelVersion() + " on " + challengerShare + " of leads, salt '" + salt
        + "']";
  }

  /**
   * Collects an experiment's settings; {@link #build} checks that the scorers and the salt were
   * given. Not thread-safe; use one builder per thread.
   */
  public static final class Builder {
    private final String name;
    private LeadScorer champion;
    private LeadScorer challenger;
    private String salt;
    private double challengerShare = DEFAULT_CHALLENGER_SHARE;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("an experiment needs a name, got " + (name == null ? "null" : "'" + name + "'"));
      }
      this.name = name;
    }

    /**
     * The scorer in production today (required).
     *
     * @param scorer the champion
     * @return this builder
     */
    public Builder champion(LeadScorer scorer) {
      this.champion = Objects.requireNonNull(scorer, "champion");
      return this;
    }

    /**
     * The candidate scorer (required; may be the champion itself, for an A/A test).
     *
     * @param scorer the challenger
     * @return this builder
     */
    public Builder challenger(LeadScorer scorer) {
      this.challenger = Objects.requireNonNull(scorer, "challenger");
      return this;
    }

    /**
     * The salt of the assignment hash (required): any non-empty text without U+0000, e.g. {@code
     * "q3-pricing-model-2026"}. Keep it for the experiment's lifetime; a new salt reshuffles.
     *
     * @param salt the salt
     * @return this builder
     * @throws IllegalArgumentException for a null or empty salt, or one containing U+0000
     */
    public Builder salt(String salt) {
      if (salt == null || salt.isEmpty()) {
        throw new IllegalArgumentException("experiment '" + name + "': the salt must not be empty, got "
            + (salt == null ? "null" : "''"));
      }
      if (salt.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("experiment '" + name + "': the salt must not contain U+0000 (it separates "
            + "salt from lead id in the hash), got one at index " + salt.indexOf('\0'));
      }
      this.salt = salt;
      return this;
    }

    /**
     * The share of leads assigned to the challenger, in [0, 1]; {@link #DEFAULT_CHALLENGER_SHARE}
     * (0.5) by default.
     *
     * @param share the challenger's share, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException for a share outside [0, 1] or NaN
     */
    public Builder challengerShare(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("experiment '" + name + "': challenger share must be in [0, 1], got " + share);
      }
      this.challengerShare = share + 0.0; // -0.0 behaves as 0.0; store it as such
      return this;
    }

    /**
     * The experiment.
     *
     * @return the experiment
     * @throws IllegalStateException naming what is missing: the champion, the challenger or the salt
     */
    public Experiment build() {
      List<String> missing = new ArrayList<>();
      if (champion == null) {
        missing.add("champion scorer");
      }
      if (challenger == null) {
        missing.add("challenger scorer");
      }
      if (salt == null) {
        missing.add("salt");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("experiment '" + name + "' cannot be built: missing " + String.join(", ", missing));
      }
      return new Experiment(this);
    }
  }
}
