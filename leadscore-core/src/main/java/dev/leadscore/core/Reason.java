package dev.leadscore.core;

import java.util.Objects;

/**
 * One feature's part in a score: which way and how far it moved the score, and the sentence that
 * says what the lead's value is.
 *
 * <p>The sentence never assumes a direction ("No documentation visits in the last 30 days",
 * "Based in Brazil"); the direction and the size are {@link #direction()} and {@link #points()},
 * shown beside it. A scorer may render the sentence lazily, on the first call to {@link #text()}
 * or {@link #value()}, so that scoring with an explanation pays for the numbers and not for text
 * nobody reads; the result is the same whenever it is rendered.
 *
 * <p>Immutable and safe to share between threads (a lazily rendered sentence is computed at most
 * once per thread that races for it, and every computation gives the same text).
 */
public final class Reason {
  /** Which way a reason moved the score. */
  public enum Direction {
    /** A positive contribution. */
    RAISES,
    /** A negative contribution. */
    LOWERS,
    /** A contribution of exactly zero. */
    NEUTRAL,
    /** A policy override (a disqualifier) that set the tier whatever the score. */
    OVERRIDES
  }

  /**
   * Renders a reason's sentence and displayed value when first asked; supplied by a scorer. One
   * wording may serve every reason of an explanation (it is told which reason it renders). Must be
   * deterministic and safe to call from any thread.
   */
  public interface Wording {
    /** The sentence of {@code reason}, never null. */
    String text(Reason reason);

    /** The lead's value behind {@code reason} as displayed, or {@code null} when it had none. */
    String value(Reason reason);
  }

  private record Words(String text, String value) {}

  private final String feature;
  private final String family;
  private final double contribution;
  private final double points;
  private final boolean override;
  private final Wording wording;
  private volatile Words words;

  private Reason(String feature, String family, double contribution, double points, boolean override,
      Wording wording, Words words) {
    this.feature = Objects.requireNonNull(feature, "feature");
    this.family = Objects.requireNonNull(family, "family");
    if (!Double.isFinite(contribution)) {
      throw new IllegalArgumentException("reason '" + feature + "': contribution must be finite, got " + contribution);
    }
    if (!Double.isFinite(points)) {
      throw new IllegalArgumentException("reason '" + feature + "': points must be finite, got " + points);
    }
    this.contribution = contribution;
    this.points = points;
    this.override = override;
    this.wording = wording;
    this.words = words;
  }

  /**
   * A reason with its sentence already rendered, whose {@link #points()} equal its contribution
   * (an explanation in points).
   *
   * @param feature the schema feature (or rule) it comes from
   * @param family the feature's family ({@code behavioral}, {@code email}, {@code firmographic}, ...)
   * @param contribution signed amount in the explanation's {@linkplain Explanation#unit() unit}:
   *     log-odds for a learned model, points for the rule baseline; positive raises the score
   * @param text the plain-English sentence saying what the lead's value is
   * @param value the lead's value as displayed, or {@code null} when it had none
   * @throws IllegalArgumentException if the contribution is not finite, or a name or text is missing
   */
  public Reason(String feature, String family, double contribution, String text, String value) {
    this(feature, family, contribution, contribution, false, null,
        new Words(Objects.requireNonNull(text, "text"), value));
  }

  /**
   * A reason whose sentence is rendered on first use.
   *
   * @param contribution signed amount in the explanation's unit
   * @param points the same contribution in points of the 0–100 score, same sign (what materiality
   *     is judged on and what is shown beside the text)
   * @throws IllegalArgumentException if a number is not finite
   */
  public static Reason of(String feature, String family, double contribution, double points, Wording wording) {
    return new Reason(feature, family, contribution, points, false, Objects.requireNonNull(wording, "wording"), null);
  }

  /**
   * A policy override's reason: no contribution (it is not part of the additive explanation), the
   * disqualifier's sentence, and the lead's value of the feature it reads.
   */
  public static Reason override(String feature, String family, String text, String value) {
    return new Reason(feature, family, 0.0, 0.0, true, null, new Words(Objects.requireNonNull(text, "text"), value));
  }

  /** The same reason with its contribution restated in another unit, points and words unchanged. */
  public Reason withContribution(double contribution) {
    return new Reason(feature, family, contribution, points, override, wording, words);
  }

  /** The schema feature (or rule) it comes from. */
  public String feature() {
    return feature;
  }

  /** The feature's family. */
  public String family() {
    return family;
  }

  /** Signed amount in the explanation's unit; positive raises the score. */
  public double contribution() {
    return contribution;
  }

  /** The contribution in points of the 0–100 score (signed), what is shown beside the text. */
  public double points() {
    return points;
  }

  /** Which way it moved the score, or that it is a policy override. */
  public Direction direction() {
    if (override) {
      return Direction.OVERRIDES;
    }
    return contribution > 0 ? Direction.RAISES : contribution < 0 ? Direction.LOWERS : Direction.NEUTRAL;
  }

  /** {@return whether this reason raises the score} */
  public boolean raisesScore() {
    return !override && contribution > 0;
  }

  /** The plain-English sentence saying what the lead's value is. */
  public String text() {
    return words().text;
  }

  /** The lead's value as displayed, or {@code null} when it had none. */
  public String value() {
    return words().value;
  }

  private Words words() {
    Words w = words;
    if (w == null) {
      w = new Words(Objects.requireNonNull(wording.text(this), "text"), wording.value(this));
      words = w;
    }
    return w;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reason r && feature.equals(r.feature) && family.equals(r.family)
        && Double.compare(contribution, r.contribution) == 0 && Double.compare(points, r.points) == 0
        && override == r.override && text().equals(r.text()) && Objects.equals(value(), r.value());
  }

  @Override
  public int hashCode() {
    return Objects.hash(feature, family, contribution, points, override, text(), value());
  }

  @Override
  public String toString() {
    return "Reason[" + feature + ", " + direction() + ", " + contribution + " (" + points + " pts), " + text() + "]";
  }
}
