package dev.leadscore.explain;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.Reason;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Exact SHAP values of a {@link LinearModel}, grouped into one contribution per schema feature and
 * rendered as plain-English reasons.
 *
 * <p><b>The game.</b> The players are the schema's features, except interaction features: a
 * feature owns all its columns (one-hot levels, a value and its missing flag, basis columns). The
 * model is the function {@code f(x) = b + Σ_{j not interaction} w_j·x_j + Σ_{c = a×b} w_c·x_a·x_b} of
 * those columns, an interaction column being the product of its two parent columns. The value
 * of a coalition {@code S} is the <em>interventional</em> expectation over the background rows
 * {@code r}: {@code v(S) = mean_r f(x_S, r_{not S})}, the lead's values for the features in
 * {@code S} and the background row's values for the others (features treated as independent of each
 * other, columns of one feature kept together). The SHAP value of a feature is its Shapley value in
 * this game, and base value is {@code v(∅)}.
 *
 * <p><b>Closed form.</b> Because {@code f} is a sum of terms each of which depends on one feature
 * or (a product) on two, and the Shapley value is additive over such terms:
 * <ul>
 *   <li>an ordinary column {@code j} of feature {@code F} adds {@code w_j·(x_j − E[x_j])} to
 *       {@code φ_F};</li>
 *   <li>a product column {@code c = x_a·x_b} with parents in features {@code A ≠ B} is the
 *       two-player game {@code v(∅) = w·E[x_a x_b]}, {@code v(A) = w·x_a·E[x_b]},
 *       {@code v(B) = w·E[x_a]·x_b}, {@code v(AB) = w·x_a·x_b} (the expectations over the same
 *       background rows; {@code E[x_a x_b]} is the joint mean), whose exact split is
 *       {@code φ_A += ½[(v(A) − v(∅)) + (v(AB) − v(B))]} and
 *       {@code φ_B += ½[(v(B) − v(∅)) + (v(AB) − v(A))]}; both parents in one feature give it
 *       {@code w·(x_a x_b − E[x_a x_b])}.</li>
 * </ul>
 * So the base value is {@code b + Σ_j w_j·E[x_j]} over all columns (with {@code E[x_a x_b]} for a
 * product column) and {@code base + Σ_F φ_F = logit} exactly in real arithmetic, to within
 * {@link #ADDITIVITY_TOLERANCE} in floating point. The committed tests check this closed form
 * against the Shapley value computed by brute force over all coalitions of up to 12 features.
 * A product whose parent is itself a product column is rejected when the model is built.
 *
 * <p><b>Reasons.</b> {@link #explain} lists each feature whose {@code |φ|} is at least
 * {@link #NEUTRAL_EPSILON} as a {@link Reason} whose sentence says what the lead's value is
 * ({@link FittedSchema#describe}: never worded by the sign of {@code φ}), with its points on the
 * 0–100 score: {@code φ} times the mean slope of the probability between the base logit and the
 * lead's ({@link #pointsPerLogOdds}). Features at their average ({@code |φ| < NEUTRAL_EPSILON}) are
 * not listed; their (tiny) contributions are added to the explanation's base value so that its
 * {@code total()} is still the logit. The short lists ({@link Explanation#topReasons()},
 * {@link Explanation#risks()}) hold only reasons of at least the materiality in points. Sentences
 * and displayed values are rendered when first read, so an explanation costs the attribution and
 * the ordering until its text is asked for. Raw coefficients and column names never appear in the
 * text.
 *
 * <p><b>Cost.</b> Construction O(width). {@link #attribute(double[])} is O(width) and allocates
 * only its result; {@link #explain} adds one extraction, one small object per listed reason and
 * the ordering; each sentence costs its own rendering when it is read.
 *
 * <p>Immutable and safe to share between threads; every call works in its own buffers.
 */
public final class LinearShap {
  /**
   * How closely {@code base + Σφ} matches the logit: {@code 1e-9} log-odds, absolute, for logits
   * of ordinary size (rounding error grows as about {@code 1e-16 × Σ_j |w_j x_j|}).
   */
  public static final double ADDITIVITY_TOLERANCE = 1e-9;

  /**
   * Contributions smaller than this in magnitude, {@code 1e-6} log-odds (under {@code 2.5e-5}
   * percentage points of probability), mean the feature is at its average: it is not listed as a
   * reason.
   */
  public static final double NEUTRAL_EPSILON = 1e-6;

  private final LinearModel model;
  private final FittedSchema schema;
  private final Layout layout;
  // Per player, the rank of its name among all players' names: the tie-break of the order.
  private final int[] nameRank;
  private final int[] linCol;
  private final int[] linPlayer;
  private final double[] linW;
  private final double[] linMu;
  private final int[] intA;
  private final int[] intB;
  private final int[] intPa;
  private final int[] intPb;
  private final double[] intW;
  private final double[] intMuA;
  private final double[] intMuB;
  private final double[] intMuAB;
  private final double base;

  private LinearShap(LinearModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.schema = model.schema();
    this.layout = Layout.of(schema);
    double[] w = model.weightsArray();
    double[] mu = model.background().meansArray();
    int nLin = 0;
    int nInt = 0;
    for (int j = 0; j < w.length; j++) {
      if (w[j] != 0) {
        if (layout.isInteraction(j)) {
          nInt++;
        } else {
          nLin++;
        }
      }
    }
    linCol = new int[nLin];
    linPlayer = new int[nLin];
    linW = new double[nLin];
    linMu = new double[nLin];
    intA = new int[nInt];
    intB = new int[nInt];
    intPa = new int[nInt];
    intPb = new int[nInt];
    intW = new double[nInt];
    intMuA = new double[nInt];
    intMuB = new double[nInt];
    intMuAB = new double[nInt];
    double b = model.intercept();
    for (int j = 0, l = 0, m = 0; j < w.length; j++) {
      b += w[j] * mu[j];
      if (w[j] == 0) {
        continue;
      }
      if (layout.isInteraction(j)) {
        int a = layout.left[j];
        int c = layout.right[j];
        intA[m] = a;
        intB[m] = c;
        intPa[m] = layout.playerOf[a];
        intPb[m] = layout.playerOf[c];
        intW[m] = w[j];
        intMuA[m] = mu[a];
        intMuB[m] = mu[c];
        intMuAB[m] = mu[j];
        m++;
      } else {
        linCol[l] = j;
        linPlayer[l] = layout.playerOf[j];
        linW[l] = w[j];
        linMu[l] = mu[j];
        l++;
      }
    }
    this.base = b;
    Integer[] byName = new Integer[layout.players()];
    for (int p = 0; p < byName.length; p++) {
      byName[p] = p;
    }
    Arrays.sort(byName, Comparator.comparing(p -> layout.names[p]));
    this.nameRank = new int[byName.length];
    for (int r = 0; r < byName.length; r++) {
      nameRank[byName[r]] = r;
    }
  }

  /**
   * The explainer of a model. Cost O(width).
   *
   * @param model the model
   * @return its explainer
   * @throws NullPointerException if {@code model} is null
   */
  public static LinearShap of(LinearModel model) {
    return new LinearShap(model);
  }

  /** {@return the model explained} */
  public LinearModel model() {
    return model;
  }

  /** {@return the base value {@code b + w·E[x]}: the logit of a lead at the background average} */
  public double baseValue() {
    return base;
  }

  /** {@return the features contributions are reported for (all non-interaction features, schema order)} */
  public List<String> features() {
    return Collections.unmodifiableList(Arrays.asList(layout.names));
  }

  /**
   * The exact SHAP values for an extracted vector.
   *
   * @param x a vector from {@link FittedSchema#extract} of this model's schema (an interaction
   *     column must hold the product of its parents, as extraction writes it)
   * @return the SHAP values
   */
  public Attribution attribute(double[] x) {
    checkLength(x);
    double[] phi = new double[layout.players()];
    contributions(x, phi);
    return new Attribution(layout.names, layout.families, phi, base, model.logit(x));
  }

  /**
   * The exact SHAP values of a lead at {@code asOf}.
   *
   * @param lead the lead
   * @param asOf the instant it is extracted at
   * @return the SHAP values
   * @throws dev.leadscore.core.LeadDataException naming the lead and field when it cannot be extracted
   */
  public Attribution attribute(Lead lead, Instant asOf) {
    return attribute(schema.extract(lead, asOf));
  }

  /**
   * The lead's explanation, unit {@link Explanation#LOG_ODDS}: one {@link Reason} per feature not
   * at its average, with the sentence from the schema's templates and the lead's value; see the
   * class comment.
   *
   * @param lead the lead
   * @param asOf the instant it is extracted at
   * @return the explanation
   * @throws dev.leadscore.core.LeadDataException naming the lead and field when it cannot be extracted
   */
  public Explanation explain(Lead lead, Instant asOf) {
    double[] row = schema.extract(lead, asOf);
    double[] phi = new double[layout.players()];
    contributions(row, phi);
    return explanation(lead, asOf, row, phi, LOGISTIC, Explanation.DEFAULT_MATERIALITY);
  }

  /**
   * As {@link #explain(Lead, Instant)} for a lead whose row is already extracted, with a caller-owned
   * work buffer, so that a scorer that has just extracted the row pays for the attribution and the
   * text only. Cost O(width) plus rendering of each listed reason.
   *
   * @param lead the lead the row was extracted from (its values fill the reasons' texts)
   * @param asOf the instant the row was extracted at
   * @param row the vector {@link FittedSchema#extract} wrote for {@code lead}; not modified
   * @param work at least {@code features().size()} values; overwritten (it holds the SHAP values
   *     afterwards), never referenced by the result
   * @return the explanation
   * @throws IllegalArgumentException if {@code row} or {@code work} is too short
   */
  public Explanation explain(Lead lead, Instant asOf, double[] row, double[] work) {
    return explain(lead, asOf, row, work, LOGISTIC, Explanation.DEFAULT_MATERIALITY);
  }

  /**
   * As {@link #explain(Lead, Instant, double[], double[])}, with the points of each reason measured
   * on the given probability scale and the short lists cut at the given materiality.
   *
   * @param lead the lead the row was extracted from (for the reasons' displayed values)
   * @param asOf the instant the row was extracted at
   * @param row the lead's extracted feature vector, not modified
   * @param work a buffer of at least one entry per feature, overwritten
   * @param probability the scorer's map from logit to probability (non-decreasing)
   * @param materiality the least points (of the 0–100 score) a listed reason moves the lead by
   * @return the explanation, in log-odds, with each reason's points on that scale
   * @throws IllegalArgumentException if {@code row} or {@code work} is too short, or the
   *     materiality is negative or not finite
   */
  public Explanation explain(Lead lead, Instant asOf, double[] row, double[] work, DoubleUnaryOperator probability,
      double materiality) {
    checkLength(row);
    if (work.length < layout.players()) {
      throw new IllegalArgumentException("work buffer has " + work.length + " entries but there are "
          + layout.players() + " features to attribute");
    }
    contributions(row, work);
    return explanation(lead, asOf, row, work, probability, materiality);
  }

  /** The plain logistic function, the probability scale of an uncalibrated model. */
  private static final DoubleUnaryOperator LOGISTIC = z -> z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

  /**
   * Points of the 0–100 score per log-odds between logits {@code z0} and {@code z1}: the mean slope
   * {@code 100·(P(z1) − P(z0))/(z1 − z0)} of the probability (the Aumann–Shapley path, so the points
   * of all reasons add up to {@code 100·(P(z1) − P(z0))}), or the central-difference slope at the
   * midpoint when {@code |z1 − z0| < 1e-9}.
   *
   * @param probability the map from logit to probability (non-decreasing)
   * @param z0 the logit the path starts at (e.g. the base value)
   * @param z1 the logit the path ends at (e.g. the lead's logit)
   * @return points of the 0–100 score per unit of log-odds
   */
  public static double pointsPerLogOdds(DoubleUnaryOperator probability, double z0, double z1) {
    double dz = z1 - z0;
    if (Math.abs(dz) >= 1e-9) {
      return 100.0 * (probability.applyAsDouble(z1) - probability.applyAsDouble(z0)) / dz;
    }
    double mid = z0 + 0.5 * dz;
    double h = 1e-6;
    return 100.0 * (probability.applyAsDouble(mid + h) - probability.applyAsDouble(mid - h)) / (2 * h);
  }

  /**
   * Mean absolute SHAP value per feature over extracted rows, largest first (ties by feature
   * name). Cost O(rows × width).
   *
   * @param rows extracted vectors of this model's schema, at least one
   * @return one importance per feature
   * @throws IllegalArgumentException if there are no rows or a row is too short
   */
  public List<Importance> importance(List<double[]> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("importance needs at least one row");
    }
    int k = layout.players();
    double[] phi = new double[k];
    double[] abs = new double[k];
    double[] signed = new double[k];
    for (double[] row : rows) {
      checkLength(row);
      contributions(row, phi);
      for (int p = 0; p < k; p++) {
        abs[p] += Math.abs(phi[p]);
        signed[p] += phi[p];
      }
    }
    List<Importance> out = new ArrayList<>(k);
    double n = rows.size();
    for (int p = 0; p < k; p++) {
      out.add(new Importance(layout.names[p], layout.families[p], abs[p] / n, signed[p] / n));
    }
    out.sort(Comparator.comparingDouble(Importance::meanAbsContribution).reversed().thenComparing(Importance::feature));
    return List.copyOf(out);
  }

  /**
   * Mean absolute SHAP value per feature over leads extracted at {@code asOf}, largest first.
   *
   * @param leads the leads, at least one
   * @param asOf the instant they are extracted at
   * @return one importance per feature
   * @throws dev.leadscore.core.LeadDataException naming the lead and field when one cannot be extracted
   * @throws IllegalArgumentException if there are no leads
   */
  public List<Importance> importance(Iterable<Lead> leads, Instant asOf) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(asOf, "asOf");
    List<double[]> rows = new ArrayList<>();
    for (Lead lead : leads) {
      rows.add(schema.extract(lead, asOf));
    }
    return importance(rows);
  }

  // ------------------------------------------------------------------ machinery

  private void checkLength(double[] x) {
    Objects.requireNonNull(x, "x");
    if (x.length < layout.width) {
      throw new IllegalArgumentException("vector has " + x.length + " entries but the schema has " + layout.width + " columns");
    }
  }

  /** Writes the SHAP value of every player into {@code phi}; allocation-free, O(width). */
  void contributions(double[] x, double[] phi) {
    Arrays.fill(phi, 0, layout.players(), 0.0);
    for (int l = 0; l < linCol.length; l++) {
      double dev = x[linCol[l]] - linMu[l];
      // x - E[x] overflows only for values near ±Double.MAX_VALUE; w·x − w·E[x] may still be finite
      phi[linPlayer[l]] += Double.isFinite(dev) ? linW[l] * dev : linW[l] * x[linCol[l]] - linW[l] * linMu[l];
    }
    for (int m = 0; m < intW.length; m++) {
      double xa = x[intA[m]];
      double xb = x[intB[m]];
      double xab = xa * xb;
      double w = intW[m];
      int pa = intPa[m];
      int pb = intPb[m];
      if (pa == pb) {
        double dev = xab - intMuAB[m];
        phi[pa] += Double.isFinite(dev) ? w * dev : w * xab - w * intMuAB[m];
      } else {
        double half = 0.5 * w;
        double aAlone = xa * intMuB[m];
        double bAlone = intMuA[m] * xb;
        phi[pa] += half * ((aAlone - intMuAB[m]) + (xab - bAlone));
        phi[pb] += half * ((bAlone - intMuAB[m]) + (xab - aAlone));
      }
    }
  }

  /** The explanation from contributions already computed for {@code row}. */
  Explanation explanation(Lead lead, Instant asOf, double[] row, double[] phi, DoubleUnaryOperator probability,
      double materiality) {
    int k = layout.players();
    double shownBase = base;
    double logit = base;
    int[] order = new int[k];
    int n = 0;
    for (int p = 0; p < k; p++) {
      double c = phi[p];
      logit += c;
      if (Math.abs(c) < NEUTRAL_EPSILON) {
        shownBase += c;
        continue;
      }
      // Insertion into the explanation's order (largest first, ties by name): a few dozen players,
      // so this beats boxing them for a general sort.
      int i = n++;
      while (i > 0 && before(c, p, phi[order[i - 1]], order[i - 1])) {
        order[i] = order[i - 1];
        i--;
      }
      order[i] = p;
    }
    double perLogOdds = pointsPerLogOdds(probability, base, logit);
    Reason[] reasons = new Reason[n];
    LeadWording wording = new LeadWording(schema, lead, asOf); // one for all the lead's reasons
    for (int i = 0; i < n; i++) {
      int p = order[i];
      reasons[i] = Reason.of(layout.names[p], layout.families[p], phi[p], perLogOdds * phi[p], wording);
    }
    return Explanation.of(Explanation.LOG_ODDS, shownBase, Arrays.asList(reasons), materiality);
  }

  private boolean before(double c, int p, double d, int q) {
    return c > d || (c == d && nameRank[p] < nameRank[q]);
  }

  /**
   * The sentences and values of one lead's reasons, rendered when a reason is first read. Players
   * are never interaction features, the only kind whose wording reads the row, so they are rendered
   * from the lead alone and the caller's row buffer is not retained.
   */
  private static final class LeadWording implements Reason.Wording {
    private static final double[] NO_ROW = new double[0];
    private final FittedSchema schema;
    private final Lead lead;
    private final Instant asOf;

    LeadWording(FittedSchema schema, Lead lead, Instant asOf) {
      this.schema = schema;
      this.lead = lead;
      this.asOf = asOf;
    }

    @Override
    public String text(Reason reason) {
      return schema.describe(lead, asOf, schema.featureIndex(reason.feature()), NO_ROW);
    }

    @Override
    public String value(Reason reason) {
      return schema.displayValue(lead, asOf, schema.featureIndex(reason.feature()), NO_ROW);
    }
  }

  Layout layout() {
    return layout;
  }

  FittedSchema schema() {
    return schema;
  }

  @Override
  public String toString() {
    return "LinearShap[" + layout.players() + " features, " + intW.length + " product columns, base " + base + "]";
  }
}
