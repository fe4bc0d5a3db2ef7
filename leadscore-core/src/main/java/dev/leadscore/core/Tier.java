package dev.leadscore.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The action tier a lead falls into, which tells the sales team what to do with it and how
 * fast. Constants are declared from most to least urgent, so {@link #compareTo} and {@link
 * #ordinal()} order tiers by urgency: a smaller ordinal is more urgent.
 *
 * <p>Which tier a score (0–100) lands in is decided by {@link TierCutoffs#tierOf(double)};
 * how those cut-offs are chosen is a {@link TierPolicy}.
 *
 * <p>Enum constants are immutable and safe to share between threads.
 */
public enum Tier {
  /** The most likely to convert: call within 2 hours. */
  HOT("Hot", "Call within 2 hours", Duration.ofHours(2)),
  /** Worth a personal follow-up within 24 hours. */
  WARM("Warm", "Follow up within 24 hours", Duration.ofHours(24)),
  /** Not ready yet: a weekly nurture touch. */
  NURTURE("Nurture", "Weekly nurture touch", Duration.ofDays(7)),
  /** Unlikely to convert: taken out of the active pipeline, so there is no response time. */
  SUPPRESS("Suppress", "Remove from the active pipeline", null);

  private final String label;
  private final String action;
  // Kept as a nullable field rather than an Optional field: Optional is meant for return values.
  private final Duration responseTime;

  Tier(String label, String action, Duration responseTime) {
    this.label = label;
    this.action = action;
    this.responseTime = responseTime;
  }

  /** {@return a short human-readable name for reports and UIs, e.g. {@code "Hot"}} */
  public String label() {
    return label;
  }

  /** {@return what the sales team should do, in plain English, e.g. {@code "Call within 2 hours"}} */
  public String action() {
    return action;
  }

  /**
   * How soon the lead should be acted on: 2 hours for {@link #HOT}, 24 hours for {@link #WARM},
   * 7 days for {@link #NURTURE}; empty for {@link #SUPPRESS}, which gets no action at all.
   *
   * @return the response time, or empty for {@link #SUPPRESS}
   */
  public Optional<Duration> responseTime() {
    return Optional.ofNullable(responseTime);
  }
}
