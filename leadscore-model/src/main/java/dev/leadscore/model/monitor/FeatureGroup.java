package dev.leadscore.model.monitor;

import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.model.TrainingReference;
import dev.leadscore.model.TrainingReference.ColumnReference;
import dev.leadscore.model.internal.Scores;
import dev.leadscore.model.monitor.Health.Status;
import dev.leadscore.model.monitor.MonitoringReport.Bin;
import dev.leadscore.model.monitor.MonitoringReport.FeatureDrift;
import dev.leadscore.model.monitor.MonitoringReport.MissingRateChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One monitored feature of a {@link Monitor}: the columns that bin it, their labels and training
 * shares, and its missing markers; set up from the schema and the training reference, it counts a
 * batch's rows into its bins and turns the counts into a {@link FeatureDrift}. Immutable; the
 * counts live in arrays the caller owns, so one group serves concurrent runs.
 */
final class FeatureGroup {
  final String feature;
  final FeatureDrift.Kind kind;
  /** Value kinds: the one column; categorical: one per level. */
  final ColumnReference[] columns;
  final String[] labels;
  final double[] reference;
  /** Column indices of the missing markers, or null. */
  final int[] missingColumns;
  final double missingRate;

  FeatureGroup(String feature, FeatureDrift.Kind kind, ColumnReference[] columns, String[] labels,
      double[] reference, int[] missingColumns, double missingRate) {
    this.feature = feature;
    this.kind = kind;
    this.columns = columns;
    this.labels = labels;
    this.reference = reference;
    this.missingColumns = missingColumns;
    this.missingRate = missingRate;
  }

  int bins() {
    return reference.length;
  }

  /** Adds one row's bin counts. */
  void count(double[] x, long[] counts) {
    if (kind == FeatureDrift.Kind.CATEGORICAL) {
      boolean any = false;
      for (int k = 0; k < columns.length; k++) {
        if (x[columns[k].index()] >= TrainingReference.BINARY_THRESHOLD) {
          counts[k]++;
          any = true;
        }
      }
      if (!any) {
        counts[columns.length]++;
      }
    } else {
      counts[columns[0].binOf(x[columns[0].index()])]++;
    }
  }

  /**
   * The monitored features of a schema, in schema order: a categorical feature's level columns, or a
   * value feature's value column (its 0/1 column when it has none). Features with only interaction
   * or basis columns are left out, as they are functions of others.
   */
  static FeatureGroup[] of(FittedSchema schema, TrainingReference reference) {
    Map<String, TrainingReference.MissingRate> missing = new LinkedHashMap<>();
    for (TrainingReference.MissingRate m : reference.missingRates()) {
      missing.put(m.feature(), m);
    }
    Map<String, List<Column>> byFeature = new LinkedHashMap<>();
    for (Column c : schema.columns()) {
      byFeature.computeIfAbsent(c.feature(), k -> new ArrayList<>()).add(c);
    }
    List<FeatureGroup> out = new ArrayList<>();
    for (Map.Entry<String, List<Column>> e : byFeature.entrySet()) {
      List<ColumnReference> levels = new ArrayList<>();
      List<String> levelNames = new ArrayList<>();
      ColumnReference value = null;
      ColumnReference fallback = null;
      for (Column c : e.getValue()) {
        Optional<ColumnReference> ref = reference.column(c.name());
        if (ref.isEmpty()) {
          continue;
        }
        if (c.role() == Column.Role.LEVEL) {
          levels.add(ref.get());
          levelNames.add(c.level() == null ? c.name() : c.level());
        } else if (c.role() == Column.Role.VALUE && value == null) {
          value = ref.get();
        } else if (fallback == null) {
          fallback = ref.get();
        }
      }
      TrainingReference.MissingRate mr = missing.get(e.getKey());
      int[] missingColumns = mr == null ? null : mr.columns().stream().mapToInt(schema::columnIndex).toArray();
      double missingRate = mr == null ? 0 : mr.rate();
      if (!levels.isEmpty()) {
        int k = levels.size();
        double[] ref = new double[k + 1];
        double sum = 0;
        for (int i = 0; i < k; i++) {
          ref[i] = levels.get(i).shareOfOnes();
          sum += ref[i];
        }
        double scale = Math.max(1.0, sum);
        for (int i = 0; i < k; i++) {
          ref[i] /= scale;
        }
        ref[k] = Math.max(0.0, 1.0 - sum) / scale;
        String[] labels = new String[k + 1];
        for (int i = 0; i < k; i++) {
          labels[i] = levelNames.get(i);
        }
        labels[k] = "(no level)";
        out.add(new FeatureGroup(e.getKey(), FeatureDrift.Kind.CATEGORICAL, levels.toArray(new ColumnReference[0]),
            labels, ref, missingColumns, missingRate));
      } else {
        ColumnReference c = value != null ? value : fallback;
        if (c == null) {
          continue; // interaction or basis only: derived from other features
        }
        FeatureDrift.Kind kind = c.kind() == TrainingReference.Kind.BINARY ? FeatureDrift.Kind.BINARY
            : FeatureDrift.Kind.QUANTILE;
        out.add(new FeatureGroup(e.getKey(), kind, new ColumnReference[] {c}, binLabels(c), c.shares(),
            missingColumns, missingRate));
      }
    }
    return out.toArray(new FeatureGroup[0]);
  }

  /**
   * This feature's drift from the batch's bin counts and missing count over {@code n} used rows,
   * against {@code trainingRows} training rows.
   */
  FeatureDrift drift(long[] counts, long missing, int n, int trainingRows) {
    double[] current;
    if (kind == FeatureDrift.Kind.CATEGORICAL) {
      current = DriftStatistics.categoricalShares(counts, n);
    } else {
      current = Scores.shares(counts, n);
    }
    double psi = DriftStatistics.psi(reference, current);
    double x2 = DriftStatistics.chiSquare(reference, trainingRows, current, n);
    int dof = DriftStatistics.nonEmptyBins(reference, current) - 1;
    List<Bin> bins = new ArrayList<>();
    for (int k = 0; k < current.length; k++) {
      boolean noLevelBin = kind == FeatureDrift.Kind.CATEGORICAL && k == current.length - 1;
      if (noLevelBin && reference[k] == 0 && current[k] == 0) {
        continue;
      }
      bins.add(new Bin(labels[k], DriftStatistics.clamp(reference[k]), DriftStatistics.clamp(current[k])));
    }
    Optional<MissingRateChange> mr = Optional.empty();
    if (missingColumns != null) {
      double rate = (double) missing / n;
      double z = DriftStatistics.twoProportionZ(missingRate, trainingRows, rate, n);
      Status st = Math.abs(z) >= Monitor.NOISE_Z ? DriftStatistics.missingStatus(rate - missingRate) : Status.OK;
      mr = Optional.of(new MissingRateChange(missingRate, rate, z, st));
    }
    return new FeatureDrift(feature, kind, psi, x2, dof, DriftStatistics.psiStatus(psi, x2, dof), bins, mr);
  }

  static String[] binLabels(ColumnReference c) {
    if (c.kind() == TrainingReference.Kind.BINARY) {
      return new String[] {"0", "1"};
    }
    double[] e = c.edges();
    String[] labels = new String[e.length + 1];
    for (int i = 0; i <= e.length; i++) {
      String lo = i == 0 ? "-inf" : number(e[i - 1]);
      String hi = i == e.length ? "+inf)" : number(e[i]) + "]";
      labels[i] = "(" + lo + ", " + hi;
    }
    return labels;
  }

  /** A short human form of a bin edge. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains("e") || s.contains("E")) {
      return s;
    }
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "");
      if (s.endsWith(".")) {
        s = s.substring(0, s.length() - 1);
      }
    }
    return s;
  }
}
