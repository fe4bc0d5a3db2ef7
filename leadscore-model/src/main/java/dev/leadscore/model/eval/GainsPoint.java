package dev.leadscore.model.eval;

/**
 * One point of a cumulative gains curve, from {@link Metrics#cumulativeGains}: working the
 * pipeline from the highest score down to {@code threshold} (inclusive) reaches {@code leads}
 * leads and {@code conversions} conversions. The curve runs from (0, 0) to (1, 1) and is linear
 * between points, which is what breaking ties at random gives on average.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param threshold the lowest score included; {@code +Infinity} for the starting point
 * @param leads leads with a score at or above the threshold
 * @param shareOfLeads {@code leads / n}
 * @param conversions conversions among them
 * @param shareOfConversions {@code conversions / all conversions}
 */
public record GainsPoint(double threshold, int leads, double shareOfLeads, int conversions,
    double shareOfConversions) {}
