package dev.leadscore.explain;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reference population an explanation is measured against: the expected value of every
 * column of a fitted schema's feature vector over a background data set (by default the training
 * rows). A SHAP value says how far a lead's feature moves its logit away from the logit of this
 * "average lead".
 *
 * <p><b>What is stored.</b> One mean per column, in extraction units (the raw values {@link
 * FittedSchema#extract} writes, not standardised ones). For an ordinary column it is
 * {@code E[x_j]}; for an {@linkplain dev.leadscore.core.schema.Column.Role#INTERACTION interaction}
 * column {@code c = x_a·x_b} it is the <em>joint</em> mean {@code E[x_a·x_b]} of the product of its
 * two parents over the same rows (not {@code E[x_a]·E[x_b]}), which is exactly what the exact
 * two-player Shapley split of the product needs besides {@code E[x_a]} and {@code E[x_b]}. Since an
 * extracted interaction column <em>is</em> that product, {@code E[x_a·x_b]} is also simply the mean of
 * the interaction column, so a model artifact's per-column means can be used as they are.
 *
 * <p><b>Making one.</b> {@link #of(FittedSchema, List)} from extracted rows, {@link
 * #ofLeads(FittedSchema, Iterable, Instant)} from leads, or {@link #ofMeans(FittedSchema, double[])}
 * from means computed elsewhere (a model artifact, a hand-written test).
 *
 * <p>Immutable (the array is copied in and out) and safe to share between threads.
 */
public final class Background {
  private final String schemaFingerprint;
  private final double[] means;
  private final long rows;

  private Background(String schemaFingerprint, double[] means, long rows) {
    this.schemaFingerprint = schemaFingerprint;
    this.means = means;
    this.rows = rows;
  }

  /**
   * The background of a data set of extracted rows. Means are plain sums in row order divided by
   * the row count, so the result does not depend on anything but the rows; a column whose sum
   * overflows (values near {@code ±Double.MAX_VALUE}) has its mean taken over the values divided by
   * their largest magnitude and scaled back, so every mean is finite. An interaction
   * column's mean is computed from its parents, {@code mean(row[a]·row[b])}; the row's own entry
   * for it is not read (for rows from {@link FittedSchema#extract} the two are identical). Cost
   * O(rows × width), one array allocated.
   *
   * @param schema the schema the rows were extracted with
   * @param rows at least one row, each of length {@code >= schema.width()} (extra entries ignored)
   * @return the background
   * @throws IllegalArgumentException if there are no rows, a row is too short or holds a value
   *     that is not finite (the message names the row and column)
   */
  public static Background of(FittedSchema schema, List<double[]> rows) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a background needs at least one row");
    }
    Layout layout = Layout.of(schema);
    int width = schema.width();
    double[] sum = new double[width];
    for (int i = 0; i < rows.size(); i++) {
      double[] row = rows.get(i);
      if (row == null || row.length < width) {
        throw new IllegalArgumentException("background row " + i + " has " + (row == null ? "no values" : row.length + " values")
            + " but the schema has " + width + " columns");
      }
      for (int j = 0; j < width; j++) {
        double v = value(row, layout, j);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("background row " + i + ", column '" + schema.columns().get(j).name()
              + "' is " + v + "; every background value must be finite");
        }
        sum[j] += v;
      }
    }
    double n = rows.size();
    for (int j = 0; j < width; j++) {
      sum[j] /= n;
      if (!Double.isFinite(sum[j])) {
        sum[j] = scaledMean(rows, layout, j);
      }
    }
    return new Background(schema.fingerprint(), sum, rows.size());
  }

  /**
   * The mean of column {@code j} when its plain sum overflows (finite values near {@code
   * Double.MAX_VALUE}): every value is divided by the column's largest magnitude {@code m} before
   * it is summed and the mean is multiplied back by {@code m}, so it is finite and within the
   * values' range. Only used for such columns, so ordinary means stay bit-identical plain sums.
   */
  private static double scaledMean(List<double[]> rows, Layout layout, int j) {
    double m = 0;
    for (double[] row : rows) {
      m = Math.max(m, Math.abs(value(row, layout, j)));
    }
    double sum = 0;
    for (double[] row : rows) {
      sum += value(row, layout, j) / m;
    }
    return m * (sum / rows.size());
  }

  private static double value(double[] row, Layout layout, int j) {
    return layout.isInteraction(j) ? row[layout.left[j]] * row[layout.right[j]] : row[j];
  }

  /**
   * The background of a set of leads, each extracted at {@code asOf}. Cost O(leads × (width +
   * events)).
   *
   * @param schema the schema to extract the leads with
   * @param leads at least one lead
   * @param asOf the instant the leads are extracted at
   * @return the background
   * @throws dev.leadscore.core.LeadDataException naming the lead and field when a lead cannot be
   *     extracted
   * @throws IllegalArgumentException if there are no leads
   */
  public static Background ofLeads(FittedSchema schema, Iterable<Lead> leads, Instant asOf) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(asOf, "asOf");
    List<double[]> rows = new java.util.ArrayList<>();
    for (Lead lead : leads) {
      rows.add(schema.extract(lead, asOf));
    }
    return of(schema, rows);
  }

  /**
   * A background from given column means, e.g. those stored in a model artifact.
   *
   * @param schema the schema whose columns the means are of
   * @param columnMeans one mean per column of {@code schema}, in extraction units; for an
   *     interaction column the joint mean {@code E[x_a·x_b]} of its parents' product (copied)
   * @throws IllegalArgumentException if the length is not {@code schema.width()} or a mean is not
   *     finite (the message names the column)
   * @return the background; its {@link #rows()} is 0
   */
  public static Background ofMeans(FittedSchema schema, double[] columnMeans) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(columnMeans, "columnMeans");
    if (columnMeans.length != schema.width()) {
      throw new IllegalArgumentException("got " + columnMeans.length + " column means but the schema has " + schema.width() + " columns");
    }
    for (int j = 0; j < columnMeans.length; j++) {
      if (!Double.isFinite(columnMeans[j])) {
        throw new IllegalArgumentException("mean of column '" + schema.columns().get(j).name() + "' must be finite, got " + columnMeans[j]);
      }
    }
    return new Background(schema.fingerprint(), columnMeans.clone(), 0);
  }

  /**
   * The mean of one column (for an interaction column, {@code E[x_a·x_b]}).
   *
   * @param column the column's index
   * @return its mean, in extraction units
   */
  public double mean(int column) {
    return means[column];
  }

  /** {@return all column means, a copy} */
  public double[] means() {
    return means.clone();
  }

  /** {@return the number of columns} */
  public int width() {
    return means.length;
  }

  /** {@return how many rows the means were computed from; 0 when they were {@linkplain #ofMeans given}} */
  public long rows() {
    return rows;
  }

  /** {@return the fingerprint of the fitted schema this background belongs to} */
  public String schemaFingerprint() {
    return schemaFingerprint;
  }

  double[] meansArray() {
    return means;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Background b && schemaFingerprint.equals(b.schemaFingerprint) && rows == b.rows
        && Arrays.equals(means, b.means);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schemaFingerprint, rows, Arrays.hashCode(means));
  }

  @Override
  public String toString() {
    return "Background[" + means.length + " columns, " + (rows == 0 ? "given means" : rows + " rows") + "]";
  }
}
