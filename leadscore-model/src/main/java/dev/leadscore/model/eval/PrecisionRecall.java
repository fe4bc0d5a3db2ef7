package dev.leadscore.model.eval;

import java.util.Locale;

/**
 * Precision and recall when every lead scoring at or above a cut-off is flagged, from {@link
 * Metrics#precisionRecallAt}.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param cutoff leads with {@code score >= cutoff} are flagged
 * @param flagged the number of flagged leads
 * @param truePositives flagged leads that converted
 * @param positives all leads that converted
 * @param precision {@code truePositives / flagged}; NaN when nothing is flagged
 * @param recall {@code truePositives / positives}; NaN when nobody converted
 */
public record PrecisionRecall(double cutoff, int flagged, int truePositives, int positives,
    double precision, double recall) {

  /** For example {@code "score >= 60: 212 flagged, precision 41.5%, recall 55.0%"}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "score >= %s: %d flagged, precision %s, recall %s",
        cutoff, flagged, pct(precision), pct(recall));
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
