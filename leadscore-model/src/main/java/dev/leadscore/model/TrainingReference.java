package dev.leadscore.model;

import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.model.eval.Metrics;
import dev.leadscore.model.internal.Scores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the training data looked like, kept in the model so that a monitor can tell whether new
 * leads still look like it: per column a reference distribution for the population stability
 * index (PSI), per feature the share of leads whose value was missing, and the out-of-fold score
 * distribution.
 *
 * <p><b>Columns.</b> Every {@link Column.Role#VALUE VALUE}, {@link Column.Role#LEVEL LEVEL} and
 * {@link Column.Role#MISSING_FLAG MISSING_FLAG} column of the fitted schema has a {@link
 * ColumnReference}, in column order. Interaction and basis columns are functions of other
 * columns and have none. A column is {@link Kind#BINARY} when it is a level or missing flag, or a
 * value column whose training values were all 0 or 1; its reference is the share of rows with
 * value 1 (a value counts as 1 when it is at least 0.5). Any other value column is {@link
 * Kind#QUANTILE}: {@value #QUANTILE_BINS} quantile bins of its training values in extraction
 * units, the nearest-rank quantiles {@code sorted[ceil(k n / 10) - 1]} for {@code k = 1..9} with
 * repeated edges dropped (so a column with a point mass, such as an event count that is mostly 0,
 * has fewer bins). Bin {@code i} holds {@code edges[i-1] < x <= edges[i]}; the first bin is open
 * below, the last open above. The shares are the fractions of training rows in each bin, so they
 * need not be exactly 10 % each.
 *
 * <p><b>Missing rates.</b> For every feature with a missing flag or a one-hot level named {@code
 * missing} or {@code unknown}, the share of training rows in which any of those columns is 1.
 *
 * <p><b>Scores.</b> The out-of-fold predictions of the chosen lambda, calibrated (the honest
 * picture of how the model scores leads it has not seen): the share of scores (0–100) in each of
 * {@value #SCORE_BINS} bins {@code [0, 10), [10, 20), ..., [90, 100]}, the share of each tier
 * under the model's cut-offs, the mean predicted probability, the observed conversion rate and
 * the expected calibration error ({@link Metrics#expectedCalibrationError(double[], boolean[])}).
 *
 * <p>Computed by {@link ModelTrainer} from the final training matrix (all rows, in row order) and
 * the out-of-fold predictions; deterministic. Stored in the artifact's {@code monitoring} field;
 * an artifact written before that field existed loads without a reference.
 *
 * <p>Immutable; accessors that return arrays return copies. Safe to share between threads.
 */
public final class TrainingReference {
  /** Quantile bins per continuous column (before repeated edges are dropped). */
  public static final int QUANTILE_BINS = 10;
  /** Equal-width bins of the 0–100 score. */
  public static final int SCORE_BINS = Scores.BINS;
  /** A value of a binary column at or above this counts as 1. */
  public static final double BINARY_THRESHOLD = 0.5;

  /** How a column's reference distribution is binned. */
  public enum Kind {
    /** Two bins: value below 0.5 (bin 0) and at or above 0.5 (bin 1). */
    BINARY,
    /** Quantile bins with the stored edges. */
    QUANTILE
  }

  private final int rows;
  private final List<ColumnReference> columns;
  private final List<MissingRate> missingRates;
  private final double[] scoreHistogram;
  private final double[] tierShares;
  private final double meanProbability;
  private final double conversionRate;
  private final double calibrationError;

  /**
   * The reference distribution of one column.
   *
   * <p>Immutable; accessors return copies. Safe to share between threads.
   */
  public static final class ColumnReference {
    private final String column;
    private final int index;
    private final Kind kind;
    private final double[] edges;
    private final double[] shares;

    ColumnReference(String column, int index, Kind kind, double[] edges, double[] shares) {
      this.column = Objects.requireNonNull(column, "column");
      this.index = index;
      this.kind = Objects.requireNonNull(kind, "kind");
      this.edges = edges.clone();
      this.shares = shares.clone();
      int bins = kind == Kind.BINARY ? 2 : edges.length + 1;
      if (kind == Kind.BINARY && edges.length != 0) {
        throw new IllegalArgumentException("column '" + column + "': a binary reference has no edges, got "
            + edges.length);
      }
      if (this.shares.length != bins) {
        throw new IllegalArgumentException("column '" + column + "': " + bins + " bins need " + bins
            + " shares, got " + this.shares.length);
      }
      for (int i = 0; i < this.edges.length; i++) {
        if (!Double.isFinite(this.edges[i]) || (i > 0 && !(this.edges[i] > this.edges[i - 1]))) {
          throw new IllegalArgumentException("column '" + column + "': edges must be finite and strictly"
              + " increasing, got edges[" + i + "] = " + this.edges[i] + (i > 0 ? " after " + this.edges[i - 1] : ""));
        }
      }
      checkShares("column '" + column + "' shares", this.shares);
    }

    /** {@return the column's name} */
    public String column() {
      return column;
    }

    /** {@return the column's index in the feature vector} */
    public int index() {
      return index;
    }

    /** {@return how the column is binned} */
    public Kind kind() {
      return kind;
    }

    /** {@return the quantile bin edges in extraction units, strictly increasing; empty for a binary column (a copy)} */
    public double[] edges() {
      return edges.clone();
    }

    /** {@return the share of training rows in each bin; sums to 1 (a copy)} */
    public double[] shares() {
      return shares.clone();
    }

    /** {@return the number of bins: 2 for a binary column, {@code edges().length + 1} otherwise} */
    public int binCount() {
      return shares.length;
    }

    /** For a binary column, the share of training rows with value 1; otherwise the last bin's share. */
    public double shareOfOnes() {
      return shares[shares.length - 1];
    }

    /**
     * The bin a value falls in: for a binary column 1 when {@code value >= 0.5}, else 0; for a
     * quantile column the first {@code i} with {@code value <= edges[i]}, or {@code edges.length}
     * above the last edge. O(log bins), allocation-free.
     */
    public int binOf(double value) {
      if (kind == Kind.BINARY) {
        return value >= BINARY_THRESHOLD ? 1 : 0;
      }
      int lo = 0;
      int hi = edges.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (value <= edges[mid]) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ColumnReference c && column.equals(c.column) && index == c.index && kind == c.kind
          && Arrays.equals(edges, c.edges) && Arrays.equals(shares, c.shares);
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, index, kind, Arrays.hashCode(edges), Arrays.hashCode(shares));
    }

    @Override
    public String toString() {
      return "ColumnReference[" + column + " #" + index + ", " + kind + ", edges=" + Arrays.toString(edges)
          + ", shares=" + Arrays.toString(shares) + "]";
    }
  }

  /**
   * The share of training rows in which a feature was missing.
   *
   * @param feature the feature's name
   * @param columns the columns that mark it missing (its missing flag, its {@code =missing} or
   *     {@code =unknown} level), in column order; a row is missing when any of them is 1
   * @param rate the share of training rows marked missing, in [0, 1]
   */
  public record MissingRate(String feature, List<String> columns, double rate) {
    /**
     * @throws IllegalArgumentException if {@code columns} is empty or the rate is outside [0, 1]
     */
    public MissingRate {
      Objects.requireNonNull(feature, "feature");
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("missing rate of feature '" + feature + "' needs at least one column");
      }
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("missing rate of feature '" + feature + "' must be in [0, 1], got " + rate);
      }
    }
  }

  TrainingReference(int rows, List<ColumnReference> columns, List<MissingRate> missingRates, double[] scoreHistogram,
      double[] tierShares, double meanProbability, double conversionRate, double calibrationError) {
    if (rows < 1) {
      throw new IllegalArgumentException("monitoring reference rows must be >= 1, got " + rows);
    }
    this.rows = rows;
    this.columns = List.copyOf(columns);
    this.missingRates = List.copyOf(missingRates);
    if (scoreHistogram.length != SCORE_BINS) {
      throw new IllegalArgumentException("the score histogram must have " + SCORE_BINS + " bins, got "
          + scoreHistogram.length);
    }
    if (tierShares.length != Tier.values().length) {
      throw new IllegalArgumentException("tier shares must have one value per tier (" + Tier.values().length
          + "), got " + tierShares.length);
    }
    checkShares("score histogram", scoreHistogram);
    checkShares("tier shares", tierShares);
    checkProbability("mean probability", meanProbability);
    checkProbability("conversion rate", conversionRate);
    checkProbability("calibration error", calibrationError);
    this.scoreHistogram = scoreHistogram.clone();
    this.tierShares = tierShares.clone();
    this.meanProbability = meanProbability;
    this.conversionRate = conversionRate;
    this.calibrationError = calibrationError;
  }

  private static void checkProbability(String what, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], got " + v);
    }
  }

  /** Tolerance on a share vector's sum (each share is a count over the rows, so the sum is 1 up to rounding). */
  static final double SUM_TOLERANCE = 1e-9;

  static void checkShares(String what, double[] shares) {
    double sum = 0;
    for (int i = 0; i < shares.length; i++) {
      if (!(shares[i] >= 0 && shares[i] <= 1)) {
        throw new IllegalArgumentException(what + "[" + i + "] must be in [0, 1], got " + shares[i]);
      }
      sum += shares[i];
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException(what + " must sum to 1, got " + sum);
    }
  }

  // ------------------------------------------------------------------------------ accessors

  /** Training rows the reference was computed from. */
  public int rows() {
    return rows;
  }

  /** One reference per value, level and missing-flag column, in column order (unmodifiable). */
  public List<ColumnReference> columns() {
    return columns;
  }

  /** The reference of the named column, if it has one. */
  public Optional<ColumnReference> column(String name) {
    for (ColumnReference c : columns) {
      if (c.column().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** {@return the missing rate of every feature that has a missing marker, in column order (unmodifiable)} */
  public List<MissingRate> missingRates() {
    return missingRates;
  }

  /** Share of out-of-fold scores in {@code [0, 10), [10, 20), ..., [90, 100]} (a copy; sums to 1). */
  public double[] scoreHistogram() {
    return scoreHistogram.clone();
  }

  /** Share of out-of-fold scores in each tier under the model's cut-offs, by tier (unmodifiable). */
  public Map<Tier, Double> tierShares() {
    Map<Tier, Double> m = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      m.put(t, tierShares[t.ordinal()]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Share of out-of-fold scores in one tier. */
  public double tierShare(Tier tier) {
    return tierShares[tier.ordinal()];
  }

  /** Mean calibrated out-of-fold probability. */
  public double meanProbability() {
    return meanProbability;
  }

  /** Observed conversion rate of the training leads. */
  public double conversionRate() {
    return conversionRate;
  }

  /** Expected calibration error of the calibrated out-of-fold probabilities (10 equal-width bins). */
  public double calibrationError() {
    return calibrationError;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingReference r && rows == r.rows && columns.equals(r.columns)
        && missingRates.equals(r.missingRates) && Arrays.equals(scoreHistogram, r.scoreHistogram)
        && Arrays.equals(tierShares, r.tierShares) && Double.compare(meanProbability, r.meanProbability) == 0
        && Double.compare(conversionRate, r.conversionRate) == 0
        && Double.compare(calibrationError, r.calibrationError) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, columns, missingRates, Arrays.hashCode(scoreHistogram), Arrays.hashCode(tierShares),
        meanProbability, conversionRate, calibrationError);
  }

  @Override
  public String toString() {
    return "TrainingReference[" + rows + " rows, " + columns.size() + " columns, " + missingRates.size()
        + " missing rates, mean probability " + meanProbability + "]";
  }

  // ------------------------------------------------------------------------------ computing

  /** Whether a column has a reference distribution. */
  static boolean monitored(Column c) {
    return c.role() == Column.Role.VALUE || c.role() == Column.Role.LEVEL || c.role() == Column.Role.MISSING_FLAG;
  }

  /** Whether a column marks its feature as missing. */
  static boolean marksMissing(Column c) {
    return c.role() == Column.Role.MISSING_FLAG
        || (c.role() == Column.Role.LEVEL && ("missing".equals(c.level()) || "unknown".equals(c.level())));
  }

  /** The missing-marker columns of each feature that has any, in column order. */
  static Map<String, List<Column>> missingMarkers(FittedSchema schema) {
    Map<String, List<Column>> m = new LinkedHashMap<>();
    for (Column c : schema.columns()) {
      if (marksMissing(c)) {
        m.computeIfAbsent(c.feature(), k -> new ArrayList<>()).add(c);
      }
    }
    return m;
  }

  /** The bin edges of sorted values: nearest-rank deciles with repeats dropped. */
  static double[] quantileEdges(double[] sorted) {
    int n = sorted.length;
    double[] edges = new double[QUANTILE_BINS - 1];
    int count = 0;
    for (int k = 1; k < QUANTILE_BINS; k++) {
      long rank = ((long) k * n + QUANTILE_BINS - 1) / QUANTILE_BINS; // ceil(k n / 10), 1-based
      double e = sorted[(int) Math.max(0, rank - 1)];
      if (count == 0 || e > edges[count - 1]) {
        edges[count++] = e;
      }
    }
    return Arrays.copyOf(edges, count);
  }

  /**
   * Computes the reference.
   *
   * @param x the final training matrix, row-major {@code n x schema.width()}
   * @param oofProbabilities calibrated out-of-fold probabilities, one per row
   * @param y labels, one per row
   */
  static TrainingReference compute(FittedSchema schema, double[] x, int n, double[] oofProbabilities, boolean[] y,
      TierCutoffs cutoffs, Workers workers) {
    int d = schema.width();
    List<Column> cols = new ArrayList<>();
    for (Column c : schema.columns()) {
      if (monitored(c)) {
        cols.add(c);
      }
    }
    ColumnReference[] refs = new ColumnReference[cols.size()];
    workers.forEach(cols.size(), k -> refs[k] = columnReference(cols.get(k), x, n, d));

    List<MissingRate> missing = new ArrayList<>();
    for (Map.Entry<String, List<Column>> e : missingMarkers(schema).entrySet()) {
      int[] idx = e.getValue().stream().mapToInt(Column::index).toArray();
      long count = 0;
      for (int i = 0; i < n; i++) {
        count += isMissing(x, i * d, idx) ? 1 : 0;
      }
      missing.add(new MissingRate(e.getKey(), e.getValue().stream().map(Column::name).toList(), (double) count / n));
    }

    long[] hist = new long[SCORE_BINS];
    long[] tiers = new long[Tier.values().length];
    double sumP = 0;
    long conversions = 0;
    for (int i = 0; i < n; i++) {
      double p = oofProbabilities[i];
      double score = Scores.of(p);
      hist[Scores.bin(score)]++;
      tiers[cutoffs.tierOf(score).ordinal()]++;
      sumP += p;
      conversions += y[i] ? 1 : 0;
    }
    return new TrainingReference(n, List.of(refs), missing, Scores.shares(hist, n), Scores.shares(tiers, n),
        sumP / n, (double) conversions / n, Metrics.expectedCalibrationError(oofProbabilities, y));
  }

  /** Whether row {@code off} is marked missing by any of the columns {@code idx}. */
  static boolean isMissing(double[] x, int off, int[] idx) {
    for (int j : idx) {
      if (x[off + j] >= BINARY_THRESHOLD) {
        return true;
      }
    }
    return false;
  }

  private static ColumnReference columnReference(Column c, double[] x, int n, int d) {
    int j = c.index();
    double[] v = new double[n];
    boolean binary = true;
    for (int i = 0; i < n; i++) {
      v[i] = x[i * d + j];
      binary &= v[i] == 0.0 || v[i] == 1.0;
    }
    if (c.role() != Column.Role.VALUE || binary) {
      long ones = 0;
      for (double value : v) {
        ones += value >= BINARY_THRESHOLD ? 1 : 0;
      }
      double share = (double) ones / n;
      // {1 - share, share} exactly as the artifact reader rebuilds it, so a loaded model monitors identically
      return new ColumnReference(c.name(), j, Kind.BINARY, new double[0], new double[] {1 - share, share});
    }
    Arrays.sort(v);
    double[] edges = quantileEdges(v);
    long[] counts = new long[edges.length + 1];
    int b = 0;
    for (double value : v) { // sorted, so the bin only moves up
      while (b < edges.length && value > edges[b]) {
        b++;
      }
      counts[b]++;
    }
    return new ColumnReference(c.name(), j, Kind.QUANTILE, edges, Scores.shares(counts, n));
  }
}
