package dev.leadscore.model.eval;

import java.util.Locale;

/**
 * How the top-scored share of the pipeline performs, from {@link Metrics#liftAt}: how many of
 * them convert, what share of all conversions they capture, and how much better than random
 * that is.
 *
 * <p>Conversions are an expected count when leads tie on the boundary score (see {@link
 * Metrics#liftAt}), so they may be fractional.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param topShare the requested share of the pipeline, in (0, 1]
 * @param leads the number of leads taken, {@code ceil(topShare·n)}, at least 1
 * @param conversions the (expected) number of conversions among them
 * @param conversionRate {@code conversions / leads}
 * @param capture {@code conversions / all conversions}, in [0, 1]
 * @param lift {@code conversionRate / overall conversion rate}; 1 is no better than random
 */
public record LiftCapture(double topShare, int leads, double conversions, double conversionRate,
    double capture, double lift) {

  /** For example {@code "top 20%: 160 leads, capture 52.1%, lift 2.61"}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "top %s%%: %d leads, %.1f conversions (%.1f%%), capture %.1f%%, lift %.2f",
        Metrics.percent(topShare), leads, conversions, 100 * conversionRate, 100 * capture, lift);
  }
}
