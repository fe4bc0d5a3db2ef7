package dev.leadscore.explain.testing;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.EventCountFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.InteractionFeature;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.schema.RecencyFeature;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random schemas, leads, backgrounds and models for the property tests, and the brute-force
 * Shapley value built from the definition (not from the closed form under test).
 */
public final class Cases {
  public static final Instant AS_OF = Instant.parse("2026-03-01T12:00:00Z");
  public static final String[] FAMILIES = {FeatureInfo.FIRMOGRAPHIC, FeatureInfo.BEHAVIORAL, FeatureInfo.EMAIL};
  public static final String[] COLOURS = {"red", "green", "blue"};

  private Cases() {}

  /** One randomly generated problem: a fitted schema, its background rows, a model and a lead. */
  public record Case(FittedSchema schema, List<Lead> backgroundLeads, List<double[]> rows, double intercept, double[] weights,
      Lead lead) {
    public Background background() {
      return Background.of(schema, rows);
    }

    public LinearModel model() {
      return LinearModel.of(schema, intercept, weights, background());
    }

    public double[] x() {
      return schema.extract(lead, AS_OF);
    }

    @Override
    public String toString() {
      return "Case[" + schema.columns().stream().map(Column::name).toList() + ", b=" + intercept + ", w="
          + java.util.Arrays.toString(weights) + ", lead=" + lead.attributes() + " " + lead.events() + ", background="
          + rows.size() + " rows]";
    }
  }

  /** Feature kinds: 0 numeric+flag, 1 boolean, 2 boolean+flag, 3 categorical, 4 event count, 5 recency+flag, 6 log numeric. */
  public static FeatureSpec feature(int kind, int i, String family) {
    String name = "f" + i;
    FeatureInfo info = FeatureInfo.of(name, family);
    switch (kind) {
      case 0:
        return NumericFeature.of(info, "a" + i);
      case 1:
        return BooleanFeature.of(info, "a" + i);
      case 2:
        return new BooleanFeature(info, "a" + i, Imputation.mean(), true, List.of());
      case 3:
        return new CategoricalFeature(info, "a" + i, List.of(COLOURS), 1, true, List.of());
      case 4:
        return EventCountFeature.of(info, "ev" + i, 30);
      case 5:
        return new RecencyFeature(info, List.of("ev" + i), 60, true);
      default:
        return new NumericFeature(info, "a" + i, true, 0, 1000, Imputation.median(), true, List.of());
    }
  }

  /** The columns a feature of that kind produces, by name (what an interaction may name). */
  public static List<String> columnNames(int kind, int i) {
    String n = "f" + i;
    switch (kind) {
      case 0:
      case 2:
      case 5:
      case 6:
        return List.of(n, n + "_missing");
      case 3:
        return List.of(n + "=red", n + "=green", n + "=blue", n + "=other", n + "=missing");
      default:
        return List.of(n);
    }
  }

  /** A random lead for features {@code 0..kinds.length-1}; {@code full} fills every attribute. */
  public static Lead lead(String id, int[] kinds, SplittableRandom r, boolean full) {
    Lead.Builder b = Lead.builder(id);
    for (int i = 0; i < kinds.length; i++) {
      boolean absent = !full && r.nextInt(5) == 0;
      String attr = "a" + i;
      switch (kinds[i]) {
        case 0:
          if (!absent) {
            b.number(attr, Math.round((r.nextDouble() * 25 - 5) * 4) / 4.0);
          }
          break;
        case 1:
        case 2:
          if (!absent) {
            b.bool(attr, r.nextBoolean());
          }
          break;
        case 3:
          if (!absent) {
            b.text(attr, r.nextInt(4) == 3 ? "purple" : COLOURS[r.nextInt(3)]);
          }
          break;
        case 6:
          if (!absent) {
            b.number(attr, r.nextInt(2000));
          }
          break;
        default:
          int n = r.nextInt(4);
          for (int e = 0; e < n; e++) {
            b.event("ev" + i, AS_OF.minusSeconds(r.nextLong(0, 90L * 86_400)));
          }
      }
    }
    return b.build();
  }

  /**
   * Problems with {@code minPlayers..maxPlayers} non-interaction features, up to three product
   * columns between random earlier columns (the same column twice and two columns of one feature
   * included), 1 to 12 background rows and weights in [-2, 2] (about one in five exactly 0).
   */
  public static Gen<Case> cases(int minPlayers, int maxPlayers) {
    return r -> {
      int k = minPlayers + r.nextInt(maxPlayers - minPlayers + 1);
      int[] kinds = new int[k];
      List<FeatureSpec> specs = new ArrayList<>();
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        kinds[i] = r.nextInt(7);
        specs.add(feature(kinds[i], i, FAMILIES[r.nextInt(3)]));
        columns.addAll(columnNames(kinds[i], i));
      }
      int products = columns.isEmpty() ? 0 : r.nextInt(4);
      for (int p = 0; p < products; p++) {
        String left = columns.get(r.nextInt(columns.size()));
        String right = columns.get(r.nextInt(columns.size()));
        specs.add(new InteractionFeature(FeatureInfo.of("x" + p, FAMILIES[r.nextInt(3)]), left, right));
      }
      int n = 1 + r.nextInt(12);
      List<Lead> background = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        background.add(lead("bg" + i, kinds, r, i == 0));
      }
      FittedSchema schema = FeatureSchema.of("random", 1, specs).fit(background);
      List<double[]> rows = new ArrayList<>();
      for (Lead l : background) {
        rows.add(schema.extract(l, AS_OF));
      }
      double[] w = new double[schema.width()];
      for (int j = 0; j < w.length; j++) {
        w[j] = r.nextInt(5) == 0 ? 0.0 : Math.round((r.nextDouble() * 4 - 2) * 1000) / 1000.0;
      }
      double b = Math.round((r.nextDouble() * 4 - 2) * 1000) / 1000.0;
      return new Case(schema, background, rows, b, w, lead("L", kinds, r, false));
    };
  }

  // ------------------------------------------------------------------ brute force

  /** The players: every non-interaction feature of the schema, in schema order. */
  public static List<String> players(FittedSchema schema) {
    List<String> out = new ArrayList<>();
    for (FeatureSpec f : schema.schema().features()) {
      if (!(f instanceof InteractionFeature)) {
        out.add(f.name());
      }
    }
    return out;
  }

  /** The model as a function of a full column vector, products recomputed from their parents. */
  public static double f(FittedSchema schema, double b, double[] w, double[] z) {
    double[] v = z.clone();
    for (Column c : schema.columns()) {
      if (c.role() == Column.Role.INTERACTION) {
        // by the fitted parents, so pairs a trainer learned (not declared features) count too
        v[c.index()] = v[schema.productLeft(c.index())] * v[schema.productRight(c.index())];
      }
    }
    double s = b;
    for (int j = 0; j < w.length; j++) {
      s += w[j] * v[j];
    }
    return s;
  }

  /**
   * The interventional coalition value {@code v(S) = mean over rows r of f(x_S, r_rest)} for every
   * coalition {@code S} (a bit mask over {@link #players}), straight from the definition.
   */
  public static double[] coalitionValues(FittedSchema schema, double b, double[] w, List<double[]> rows, double[] x) {
    List<String> players = players(schema);
    int k = players.size();
    int[] owner = new int[schema.width()];
    for (Column c : schema.columns()) {
      owner[c.index()] = c.role() == Column.Role.INTERACTION ? -1 : players.indexOf(c.feature());
    }
    double[] v = new double[1 << k];
    double[] z = new double[schema.width()];
    for (int mask = 0; mask < v.length; mask++) {
      double sum = 0;
      for (double[] r : rows) {
        for (int j = 0; j < z.length; j++) {
          z[j] = owner[j] >= 0 && (mask & (1 << owner[j])) != 0 ? x[j] : r[j];
        }
        sum += f(schema, b, w, z);
      }
      v[mask] = sum / rows.size();
    }
    return v;
  }

  /** Shapley values by enumerating all 2^k coalitions: φ_i = Σ_S |S|!(k−|S|−1)!/k! (v(S∪i) − v(S)). */
  public static double[] bruteForceShapley(FittedSchema schema, double b, double[] w, List<double[]> rows, double[] x) {
    double[] v = coalitionValues(schema, b, w, rows, x);
    int k = Integer.numberOfTrailingZeros(v.length);
    double[] fact = new double[k + 1];
    fact[0] = 1;
    for (int i = 1; i <= k; i++) {
      fact[i] = fact[i - 1] * i;
    }
    double[] phi = new double[k];
    for (int i = 0; i < k; i++) {
      int bit = 1 << i;
      for (int mask = 0; mask < v.length; mask++) {
        if ((mask & bit) != 0) {
          continue;
        }
        int s = Integer.bitCount(mask);
        phi[i] += fact[s] * fact[k - s - 1] / fact[k] * (v[mask | bit] - v[mask]);
      }
    }
    return phi;
  }
}
