package dev.leadscore.model.eval;

import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the pipeline splits into action tiers and how each tier converts: for every {@link Tier}
 * (most urgent first) the number of leads, its share of the pipeline, its conversions and
 * conversion rate, and the share of all conversions it captures (alone and together with the
 * more urgent tiers). This is the table a sales team reads: "Hot is 12 % of the pipeline,
 * converts at 58 %, and Hot + Warm capture 64 % of conversions".
 *
 * <p>Built by {@link #of} from scores on the 0–100 scale, conversion labels and {@link
 * TierCutoffs}, which assign each score to a tier exactly as scoring does ({@link
 * TierCutoffs#tierOf}). Cost O(n).
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param cutoffs the cut-offs the leads were split by
 * @param rows one row per tier in {@link Tier} order, empty tiers included
 * @param leads all leads
 * @param conversions all conversions
 */
public record TierTable(TierCutoffs cutoffs, List<Row> rows, int leads, int conversions) {

  /**
   * One tier's line. Immutable record.
   *
   * @param tier the tier
   * @param leads leads in the tier
   * @param shareOfPipeline {@code leads / all leads}
   * @param conversions converted leads in the tier
   * @param conversionRate {@code conversions / leads}; NaN for an empty tier
   * @param shareOfConversions {@code conversions / all conversions}; NaN when nobody converted
   * @param cumulativeShareOfConversions the share captured by this tier and all more urgent
   *     ones; NaN when nobody converted
   */
  public record Row(Tier tier, int leads, double shareOfPipeline, int conversions, double conversionRate,
      double shareOfConversions, double cumulativeShareOfConversions) {}

  /** @throws NullPointerException if {@code cutoffs} or {@code rows} is null */
  public TierTable {
    Objects.requireNonNull(cutoffs, "cutoffs");
    rows = List.copyOf(rows);
  }

  /**
   * The tier table of scored, labelled leads.
   *
   * @param scores one score per lead on the 0–100 scale
   * @param labels whether each lead converted, same length
   * @param cutoffs the tier cut-offs
   * @throws IllegalArgumentException on empty input, a length mismatch, or a score that is NaN
   *     or outside [0, 100] (the message gives the index)
   * @throws NullPointerException if an argument is null
   */
  public static TierTable of(double[] scores, boolean[] labels, TierCutoffs cutoffs) {
    Objects.requireNonNull(cutoffs, "cutoffs");
    Inputs.scores("scores", scores, labels);
    Tier[] tiers = Tier.values();
    int[] count = new int[tiers.length];
    int[] conv = new int[tiers.length];
    int total = 0;
    for (int i = 0; i < scores.length; i++) {
      double s = scores[i];
      if (!(s >= 0.0 && s <= 100.0)) {
        throw new IllegalArgumentException("scores[" + i + "] must be in [0, 100], got " + s);
      }
      int t = cutoffs.tierOf(s).ordinal();
      count[t]++;
      if (labels[i]) {
        conv[t]++;
        total++;
      }
    }
    int n = scores.length;
    Row[] rows = new Row[tiers.length];
    int cumulative = 0;
    for (Tier tier : tiers) {
      int t = tier.ordinal();
      cumulative += conv[t];
      rows[t] = new Row(tier, count[t], (double) count[t] / n, conv[t],
          count[t] == 0 ? Double.NaN : (double) conv[t] / count[t],
          total == 0 ? Double.NaN : (double) conv[t] / total,
          total == 0 ? Double.NaN : (double) cumulative / total);
    }
    return new TierTable(cutoffs, List.of(rows), n, total);
  }

  /** The row of one tier. */
  public Row row(Tier tier) {
    for (Row r : rows) {
      if (r.tier() == tier) {
        return r;
      }
    }
    throw new IllegalArgumentException("no row for tier " + tier);
  }

  /** {@return the overall conversion rate, {@code conversions / leads}} */
  public double conversionRate() {
    return (double) conversions / leads;
  }

  /** {@return a Markdown table with a total line and the cut-offs} */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| Tier | Score | Leads | Share of pipeline | Conversions | Conversion rate"
        + " | Share of conversions | Cumulative share |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %s | %s | %s |%n",
          r.tier().label(), band(r.tier()), r.leads(), pct(r.shareOfPipeline()), r.conversions(),
          pct(r.conversionRate()), pct(r.shareOfConversions()), pct(r.cumulativeShareOfConversions())));
    }
    sb.append(String.format(Locale.ROOT, "| Total | | %d | 100.0%% | %d | %s | %s | |%n", leads,
        conversions, pct(conversionRate()), conversions == 0 ? "n/a" : "100.0%"));
    return sb.toString();
  }

  /** A fixed-width text table with a total line. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-9s %-10s %7s %9s %11s %9s %10s %10s%n";
    sb.append(String.format(Locale.ROOT, fmt, "Tier", "Score", "Leads", "Pipeline", "Conversions", "Rate",
        "Captured", "Cumulative"));
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, fmt, r.tier().label(), band(r.tier()), r.leads(),
          pct(r.shareOfPipeline()), r.conversions(), pct(r.conversionRate()), pct(r.shareOfConversions()),
          pct(r.cumulativeShareOfConversions())));
    }
    sb.append(String.format(Locale.ROOT, fmt, "Total", "", leads, "100.0%", conversions,
        pct(conversionRate()), conversions == 0 ? "n/a" : "100.0%", "").stripTrailing());
    return sb.toString();
  }

  /** The tier's score band, e.g. {@code "60–80"}, {@code ">= 80"}, {@code "< 30"}, {@code "empty"}. */
  private String band(Tier tier) {
    double lo;
    double hi;
    switch (tier) {
      case HOT:
        lo = cutoffs.hot();
        hi = Double.POSITIVE_INFINITY;
        break;
      case WARM:
        lo = cutoffs.warm();
        hi = cutoffs.hot();
        break;
      case NURTURE:
        lo = cutoffs.nurture();
        hi = cutoffs.warm();
        break;
      default:
        lo = 0.0;
        hi = cutoffs.nurture();
        break;
    }
    if (lo == Double.POSITIVE_INFINITY || (tier != Tier.HOT && lo >= hi) || (tier == Tier.SUPPRESS && hi <= 0.0)) {
      return "empty";
    }
    if (tier == Tier.HOT) {
      return ">= " + num(lo);
    }
    if (tier == Tier.SUPPRESS) {
      return hi == Double.POSITIVE_INFINITY ? "all" : "< " + num(hi);
    }
    return hi == Double.POSITIVE_INFINITY ? ">= " + num(lo) : num(lo) + "-" + num(hi);
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * v);
  }
}
