package dev.leadscore.model.monitor;

import java.util.List;
import java.util.Objects;

/**
 * The one-call verdict of a {@link MonitoringReport}: whether the model can keep scoring as it
 * is, and why, in plain sentences that name the feature or figure concerned.
 *
 * <p>Immutable record (the reasons are an unmodifiable copy), safe to share between threads.
 *
 * @param status the verdict
 * @param reasons the sentences behind it, most serious first; for {@link Status#OK} a summary of
 *     what was checked
 */
public record Health(Status status, List<String> reasons) {
  /** How worried to be, from least to most: the order of the constants is their severity. */
  public enum Status {
    /** Nothing beyond the thresholds: keep scoring. */
    OK,
    /** Something moved past a watch threshold: look into it, scores are still usable. */
    WATCH,
    /** Something moved past an act threshold: investigate the data feed and retrain. */
    RETRAIN;

    /** The more serious of the two. */
    public Status max(Status other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  /** @throws NullPointerException if {@code status}, {@code reasons} or a reason is null */
  public Health {
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
  }
}
