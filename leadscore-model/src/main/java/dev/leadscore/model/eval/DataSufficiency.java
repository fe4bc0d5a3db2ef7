package dev.leadscore.model.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Is there enough, and clean enough, history to train a predictive model? A report computed
 * from the extracted feature matrix and the labels <em>before</em> training, so a team with too
 * little history is told to start with the rule baseline instead of trusting a model that cannot
 * be trusted.
 *
 * <p><b>What it checks.</b>
 *
 * <ul>
 *   <li><b>Volume.</b> Rows, converted leads ("positives") and the conversion rate. Practitioners'
 *       rule of thumb: predictive scoring needs roughly 300–500 converted leads. The scarcer class
 *       decides, so with a very high conversion rate the non-converted leads are counted instead.
 *       Fewer than {@link Options#minPositives} (default {@value #DEFAULT_MIN_POSITIVES}) makes
 *       the verdict {@link Verdict#INSUFFICIENT}: prefer rules. Fewer than {@link
 *       Options#comfortablePositives} (default {@value #DEFAULT_COMFORTABLE_POSITIVES}) makes it
 *       at most {@link Verdict#MARGINAL}.
 *   <li><b>Missing values.</b> The missing rate per feature. Either from missing-indicator
 *       columns, recognised by name — a column named {@code <feature>_missing} (a numeric
 *       feature's missing flag) or {@code <feature>=missing} (a categorical feature's missing
 *       level), exactly the names a core {@code FittedSchema} gives them, so the trainer can pass
 *       the fitted schema's column names as they are — where the rate is the share of rows in
 *       which the column is non-zero; or, with {@link #assess(double[][], List, boolean[],
 *       boolean[][], Options)}, from an explicit missing mask, per column. Rates of at least
 *       {@link Options#highMissingRate} (default {@value #DEFAULT_HIGH_MISSING_RATE}) are warned
 *       about.
 *   <li><b>Constant columns</b> (every row the same value, including a missing flag that is
 *       never set): they carry no information (the trainer gives them weight 0) and often reveal
 *       an extraction problem. Listed, with one warning naming them all.
 *   <li><b>Possible label leakage.</b> Each non-constant column's single-column ROC AUC against
 *       the labels; a column with {@code |AUC − 0.5| >= } {@link Options#leakageAucDistance}
 *       (default {@value #DEFAULT_LEAKAGE_AUC_DISTANCE}, i.e. AUC ≥ 0.95 or ≤ 0.05) predicts
 *       conversion almost perfectly on its own, which in lead data usually means it was recorded
 *       after the outcome (a sales stage, a "deal amount"). Such columns make the verdict at most
 *       {@link Verdict#MARGINAL} until someone has looked at them.
 * </ul>
 *
 * <p>Cost: O(d·n log n) time for d columns and n rows (one sort per column for its AUC), O(n)
 * extra memory. Thread-safety: an immutable record (lists are unmodifiable copies), safe to
 * share between threads; {@link #assess} is stateless.
 *
 * @param rows the number of rows (leads)
 * @param positives rows labelled converted
 * @param negatives rows labelled not converted
 * @param positiveRate {@code positives / rows}
 * @param missingRates missing rate per feature (or per column, with a mask), in column order
 * @param constantColumns names of constant columns, in column order
 * @param leakageSuspects columns whose single-column AUC is suspiciously far from 0.5, in column
 *     order
 * @param verdict the overall verdict
 * @param warnings human-readable warnings, most important first; empty when all is well
 * @param options the thresholds the report was computed with
 */
public record DataSufficiency(int rows, int positives, int negatives, double positiveRate,
    List<MissingRate> missingRates, List<String> constantColumns, List<LeakageSuspect> leakageSuspects,
    Verdict verdict, List<String> warnings, Options options) {

  /** Default {@link Options#minPositives}: the low end of the practitioners' 300–500 rule. */
  public static final int DEFAULT_MIN_POSITIVES = 300;
  /** Default {@link Options#comfortablePositives}: the high end of the 300–500 rule. */
  public static final int DEFAULT_COMFORTABLE_POSITIVES = 500;
  /** Default {@link Options#leakageAucDistance}: AUC ≥ 0.95 or ≤ 0.05 on one column alone. */
  public static final double DEFAULT_LEAKAGE_AUC_DISTANCE = 0.45;
  /** Default {@link Options#highMissingRate}: warn when a feature is missing in half the rows. */
  public static final double DEFAULT_HIGH_MISSING_RATE = 0.5;
  /** Suffix of a numeric feature's missing-indicator column. */
  public static final String MISSING_FLAG_SUFFIX = "_missing";
  /** Suffix of a categorical feature's missing-level column. */
  public static final String MISSING_LEVEL_SUFFIX = "=missing";

  /** How ready the data is for a predictive model. Enum constants are immutable. */
  public enum Verdict {
    /** Too few examples of the scarcer class: say so and prefer the rule baseline. */
    INSUFFICIENT,
    /**
     * Enough to train, with caution: between the minimum and the comfortable number of examples,
     * or suspected label leakage to review first.
     */
    MARGINAL,
    /** Enough examples and nothing suspicious found. */
    SUFFICIENT
  }

  /**
   * The thresholds of the report. Immutable record.
   *
   * @param minPositives below this many examples of the scarcer class the verdict is {@link
   *     Verdict#INSUFFICIENT}; at least 1
   * @param comfortablePositives below this many the verdict is at most {@link Verdict#MARGINAL};
   *     at least {@code minPositives}
   * @param leakageAucDistance a column with {@code |AUC − 0.5| >=} this is a leakage suspect; in
   *     (0, 0.5]
   * @param highMissingRate a feature missing in at least this share of rows is warned about; in
   *     (0, 1]
   */
  public record Options(int minPositives, int comfortablePositives, double leakageAucDistance,
      double highMissingRate) {
    /** @throws IllegalArgumentException if a threshold is out of its range */
    public Options {
      if (minPositives < 1) {
        throw new IllegalArgumentException("minPositives must be at least 1, got minPositives=" + minPositives);
      }
      if (comfortablePositives < minPositives) {
        throw new IllegalArgumentException("comfortablePositives must be at least minPositives, got comfortablePositives="
            + comfortablePositives + ", minPositives=" + minPositives);
      }
      if (!(leakageAucDistance > 0.0 && leakageAucDistance <= 0.5)) {
        throw new IllegalArgumentException("leakageAucDistance must be in (0, 0.5], got leakageAucDistance="
            + leakageAucDistance);
      }
      if (!(highMissingRate > 0.0 && highMissingRate <= 1.0)) {
        throw new IllegalArgumentException("highMissingRate must be in (0, 1], got highMissingRate=" + highMissingRate);
      }
    }

    /** {@return the defaults: 300, 500, 0.45, 0.5} */
    public static Options defaults() {
      return new Options(DEFAULT_MIN_POSITIVES, DEFAULT_COMFORTABLE_POSITIVES, DEFAULT_LEAKAGE_AUC_DISTANCE,
          DEFAULT_HIGH_MISSING_RATE);
    }
  }

  /**
   * A feature's missing rate. Immutable record.
   *
   * @param feature the feature (for a missing flag, the column name without its suffix; for a
   *     mask, the column name)
   * @param column the column the rate was read from
   * @param rate the share of rows in which it is missing, in [0, 1]
   */
  public record MissingRate(String feature, String column, double rate) {}

  /**
   * A column that predicts conversion suspiciously well on its own. Immutable record.
   *
   * @param column the column name
   * @param auc its single-column ROC AUC (ties one half); near 1 or near 0 (a reversed predictor
   *     leaks as much)
   */
  public record LeakageSuspect(String column, double auc) {}

  /** Validates and copies; the lists become unmodifiable. */
  public DataSufficiency {
    missingRates = List.copyOf(missingRates);
    constantColumns = List.copyOf(constantColumns);
    leakageSuspects = List.copyOf(leakageSuspects);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(options, "options");
  }

  /** {@link #assess(double[][], List, boolean[], Options)} with {@link Options#defaults()}. */
  public static DataSufficiency assess(double[][] x, List<String> columnNames, boolean[] labels) {
    return assess(x, columnNames, labels, Options.defaults());
  }

  /**
   * The report for a feature matrix, with missing rates read from missing-indicator columns
   * recognised by name ({@code *_missing}, {@code *=missing}).
   *
   * @param x rows × columns, every value finite (as extraction produces); not modified
   * @param columnNames one unique name per column
   * @param labels whether each row converted
   * @param options the thresholds
   * @throws IllegalArgumentException if there are no rows, rows have different widths or a width
   *     other than the number of names, a value is not finite, names repeat, or labels are of
   *     another length (the message names the row, the column and the value)
   * @throws NullPointerException if an argument, a row or a name is null
   */
  public static DataSufficiency assess(double[][] x, List<String> columnNames, boolean[] labels, Options options) {
    int d = checkMatrix(x, columnNames, labels);
    Objects.requireNonNull(options, "options");
    List<MissingRate> missing = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      String name = columnNames.get(j);
      String feature = missingFeature(name);
      if (feature != null) {
        int count = 0;
        for (double[] row : x) {
          if (row[j] != 0.0) {
            count++;
          }
        }
        missing.add(new MissingRate(feature, name, (double) count / x.length));
      }
    }
    return build(x, columnNames, labels, options, missing);
  }

  /**
   * The report for a feature matrix, with missing rates per column from an explicit mask.
   *
   * @param missingMask rows × columns, {@code true} where the raw value was missing (before
   *     imputation); same shape as {@code x}
   * @throws IllegalArgumentException as {@link #assess(double[][], List, boolean[], Options)},
   *     or if the mask's shape differs from {@code x}'s
   */
  public static DataSufficiency assess(double[][] x, List<String> columnNames, boolean[] labels,
      boolean[][] missingMask, Options options) {
    int d = checkMatrix(x, columnNames, labels);
    Objects.requireNonNull(missingMask, "missingMask");
    Objects.requireNonNull(options, "options");
    if (missingMask.length != x.length) {
      throw new IllegalArgumentException("missingMask must have one row per row of x, got " + missingMask.length
          + " mask rows for " + x.length + " rows");
    }
    int[] counts = new int[d];
    for (int i = 0; i < missingMask.length; i++) {
      boolean[] row = missingMask[i];
      if (row == null) {
        throw new NullPointerException("missingMask[" + i + "]");
      }
      if (row.length != d) {
        throw new IllegalArgumentException("missingMask[" + i + "] must have " + d + " columns, got " + row.length);
      }
      for (int j = 0; j < d; j++) {
        if (row[j]) {
          counts[j]++;
        }
      }
    }
    List<MissingRate> missing = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      missing.add(new MissingRate(columnNames.get(j), columnNames.get(j), (double) counts[j] / x.length));
    }
    return build(x, columnNames, labels, options, missing);
  }

  /** The feature a missing-indicator column belongs to, or null if the name is not one. */
  static String missingFeature(String column) {
    for (String suffix : List.of(MISSING_FLAG_SUFFIX, MISSING_LEVEL_SUFFIX)) {
      if (column.endsWith(suffix) && column.length() > suffix.length()) {
        return column.substring(0, column.length() - suffix.length());
      }
    }
    return null;
  }

  private static int checkMatrix(double[][] x, List<String> columnNames, boolean[] labels) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(columnNames, "columnNames");
    Objects.requireNonNull(labels, "labels");
    if (x.length == 0) {
      throw new IllegalArgumentException("cannot assess data sufficiency on 0 rows");
    }
    if (labels.length != x.length) {
      throw new IllegalArgumentException("x and labels must have the same length, got " + x.length + " rows and "
          + labels.length + " labels");
    }
    int d = columnNames.size();
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < d; j++) {
      String name = columnNames.get(j);
      if (name == null) {
        throw new NullPointerException("columnNames[" + j + "]");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("column names must be unique, got '" + name + "' twice");
      }
    }
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      if (row == null) {
        throw new NullPointerException("x[" + i + "]");
      }
      if (row.length != d) {
        throw new IllegalArgumentException("x[" + i + "] must have " + d + " columns (one per name), got "
            + row.length);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(row[j])) {
          throw new IllegalArgumentException("x[" + i + "][" + j + "] (column '" + columnNames.get(j)
              + "') must be finite, got " + row[j]);
        }
      }
    }
    return d;
  }

  private static DataSufficiency build(double[][] x, List<String> names, boolean[] labels, Options options,
      List<MissingRate> missing) {
    int n = x.length;
    int d = names.size();
    int positives = Inputs.count(labels, true);
    int negatives = n - positives;
    List<String> constant = new ArrayList<>();
    List<LeakageSuspect> leaks = new ArrayList<>();
    double[] column = new double[n];
    for (int j = 0; j < d; j++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double v = x[i][j];
        column[i] = v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (min == max) {
        constant.add(names.get(j));
        continue;
      }
      if (positives > 0 && negatives > 0) {
        double auc = Ranking.aucUnweighted(column, labels);
        if (Math.abs(auc - 0.5) >= options.leakageAucDistance()) {
          leaks.add(new LeakageSuspect(names.get(j), auc));
        }
      }
    }

    List<String> warnings = new ArrayList<>();
    boolean fewPositives = positives <= negatives;
    int scarce = Math.min(positives, negatives);
    String scarceName = fewPositives ? "converted" : "non-converted";
    Verdict verdict = Verdict.SUFFICIENT;
    if (scarce < options.minPositives()) {
      verdict = Verdict.INSUFFICIENT;
      warnings.add(String.format(Locale.ROOT,
          "only %d %s leads (fewer than %d): predictive scoring needs roughly %d-%d; "
              + "prefer the rule baseline until more history accumulates",
          scarce, scarceName, options.minPositives(), options.minPositives(), options.comfortablePositives()));
    } else if (scarce < options.comfortablePositives()) {
      verdict = Verdict.MARGINAL;
      warnings.add(String.format(Locale.ROOT,
          "%d %s leads is at the low end of the %d-%d practitioners advise: "
              + "expect wide confidence intervals and compare against the rule baseline",
          scarce, scarceName, options.minPositives(), options.comfortablePositives()));
    }
    for (LeakageSuspect s : leaks) {
      if (verdict == Verdict.SUFFICIENT) {
        verdict = Verdict.MARGINAL;
      }
      warnings.add(String.format(Locale.ROOT,
          "column '%s' alone has ROC AUC %.3f: possible label leakage (a value recorded after the outcome?); "
              + "review it before training", s.column(), s.auc()));
    }
    for (MissingRate m : missing) {
      if (m.rate() >= options.highMissingRate()) {
        warnings.add(String.format(Locale.ROOT, "feature '%s' is missing in %.1f%% of rows", m.feature(),
            100.0 * m.rate()));
      }
    }
    if (!constant.isEmpty()) {
      warnings.add("constant columns carry no information: " + String.join(", ", constant));
    }
    return new DataSufficiency(n, positives, negatives, (double) positives / n, missing, constant, leaks, verdict,
        warnings, options);
  }

  /** {@return whether there is anything to warn about} */
  public boolean hasWarnings() {
    return !warnings.isEmpty();
  }

  /** A multi-line human-readable summary: counts, verdict, warnings, missing rates. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Data sufficiency: %s%n", verdict));
    sb.append(String.format(Locale.ROOT, "  rows %d, converted %d (%.1f%%), not converted %d%n", rows, positives,
        100.0 * positiveRate, negatives));
    if (warnings.isEmpty()) {
      sb.append("  no warnings\n");
    } else {
      sb.append("  warnings:\n");
      for (String w : warnings) {
        sb.append("  - ").append(w).append('\n');
      }
    }
    if (!missingRates.isEmpty()) {
      sb.append("  missing rate per feature:\n");
      for (MissingRate m : missingRates) {
        sb.append(String.format(Locale.ROOT, "    %-30s %5.1f%%%n", m.feature(), 100.0 * m.rate()));
      }
    }
    if (!leakageSuspects.isEmpty()) {
      sb.append("  leakage suspects:\n");
      for (LeakageSuspect s : leakageSuspects) {
        sb.append(String.format(Locale.ROOT, "    %-30s AUC %.3f%n", s.column(), s.auc()));
      }
    }
    return sb.toString().stripTrailing();
  }
}
