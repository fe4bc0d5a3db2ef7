package dev.leadscore.model;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Policy;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import dev.leadscore.explain.LinearShap;
import dev.leadscore.model.calibration.Calibrator;
import dev.leadscore.model.internal.Scores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The {@link LeadScorer} of a linear model: the one call a host makes, and the one place a model
 * is scored. Built from a {@link TrainedModel} (its own logit, calibrator and tier cut-offs), or from
 * an explain-module {@link LinearModel} with weights written by hand (deterministic host tests), a
 * calibration from logit to probability, tier cut-offs and the model's id and version.
 *
 * <p><b>Scoring</b> ({@link #score}): extract the lead with the model's schema (a value the schema
 * cannot read raises {@link LeadDataException} naming the lead and field), compute the logit
 * (the trained model's {@link TrainedModel#logit}, or {@link LinearModel#logit} of a hand-built
 * one), map it to the calibrated probability {@code p}, take {@code score = 100·p} (not rounded: the score is a double in [0, 100], so ties between leads are
 * rare and the tier is decided on the exact value), and the tier {@link TierCutoffs#tierOf}
 * {@code (score)}. With {@link Detail#EXPLAINED} the score also carries the exact SHAP explanation
 * of {@link LinearShap#explain} (log-odds); with {@link Detail#SCORE_ONLY} no attribution is
 * computed and no text rendered, so ranking pays only for extraction and one dot product.
 * {@link #scoreAll} (the interface's batch loop) scores a batch on the calling thread, reporting
 * each lead that cannot be extracted as a {@link dev.leadscore.core.RowError} (0-based index) and
 * going on with the others.
 *
 * <p><b>Calibration.</b> A {@link DoubleUnaryOperator} from logit to probability, e.g. the model
 * module's calibrator as {@code calibrator::probability}, or {@link Calibrator#identity()} (no
 * calibration). It must be non-decreasing, deterministic, thread-safe and return values in [0, 1]; a value outside
 * is a bug in the calibration and raises {@link IllegalStateException}.
 *
 * <p><b>Extras.</b> {@link #inPercentagePoints} restates an explanation on the probability scale;
 * {@link #nextTierMove} finds the smallest change of one actionable feature that lifts a lead
 * into a more urgent tier.
 *
 * <p><b>Threads.</b> Immutable and safe to share between threads; the wall clock is never read.
 * A single-lead {@link #score} extracts into a per-thread scratch row (and, for explanations, a
 * per-thread buffer of one value per feature) held by this scorer, so a hot scoring loop allocates
 * no vectors: each thread gets its own buffers, every call overwrites them completely before
 * reading them, and no result refers to them, so nothing leaks from one call into the next; a
 * batch uses the calling thread's buffers too. The per-thread buffers ({@code 8 × width} bytes
 * plus {@code 8 ×} features for explanations, per thread that scored) are {@link ThreadLocal}s: a
 * pool thread keeps them until it ends or, after the scorer is collected, until its thread-local
 * table purges stale entries; virtual threads get fresh ones per thread. The calibration function must not call back into the same
 * scorer on the same thread (it would overwrite the row being scored).
 */
public final class ModelScorer implements LeadScorer {
  /** The unit of {@link #inPercentagePoints}: percentage points of probability (= points of the 0–100 score). */
  public static final String PERCENTAGE_POINTS = "percentage points";
  /** The most events of one type {@link #nextTierMove} suggests adding. */
  public static final int MAX_ADDED_EVENTS = 10;
  /** Below this logit distance the probability view uses the calibration's slope instead of its secant. */
  static final double SECANT_MIN = 1e-9;

  private final String modelId;
  private final String modelVersion;
  // The trained model whose own logit is scored (so scores match it and its saved copy bit for
  // bit), or null for a hand-built model, whose logit is the explained linear function itself.
  private final TrainedModel trained;
  private final LinearModel handBuilt;
  private final FittedSchema schema;
  private final DoubleUnaryOperator calibration;
  // A trained model's calibrator, called directly on the hot path (one call a score, no lambda and
  // no range check: every Calibrator kind returns a probability); null for a hand-built scorer.
  private final Calibrator calibrator;
  private final TierCutoffs cutoffs;
  private final Policy policy;
  private final Policy.Bound boundPolicy;
  // Reasons moving the score by fewer points are not listed (see Explanation).
  private final double materiality;
  // This scorer's probability as a function, made once (a method reference allocates when taken).
  private final DoubleUnaryOperator probabilityFn = this::probability;
  // Weights in extraction units, only to name the column of a non-finite logit (the error path).
  private final double[] weights;
  // The explained linear function and its explainer. For a trained model they are built on first
  // use: a schema with an interaction of interactions scores, but cannot be explained exactly
  // (LinearModel rejects it), so building them eagerly would stop such a model from scoring at
  // all. Racing threads may both build one; they are equal and immutable, so either is kept.
  private volatile Explainer explainer;
  // Per-thread scratch for score(Lead, Instant, Detail): the scorer is shared between threads, so a
  // single field would race; extract overwrites every entry of the row and contributions every
  // entry of phi, Scores copy what they keep, and nothing a call runs while it holds them scores
  // with this scorer again, so reuse across calls on one thread is safe.
  private final ThreadLocal<double[]> rowBuffer;
  private final ThreadLocal<double[]> phiBuffer;

  /** The linear function explanations attribute, and its exact SHAP explainer. */
  private static final class Explainer {
    final LinearModel model;
    final LinearShap shap;

    Explainer(LinearModel model) {
      this.model = model;
      this.shap = LinearShap.of(model);
    }
  }

  private ModelScorer(String modelId, String modelVersion, TrainedModel trained, LinearModel model,
      DoubleUnaryOperator calibration, TierCutoffs cutoffs, Policy policy, double materiality) {
    this.modelId = requireText(modelId, "modelId");
    this.modelVersion = requireText(modelVersion, "modelVersion");
    if (!(materiality >= 0) || Double.isInfinite(materiality)) {
      throw new IllegalArgumentException("materiality must be finite and >= 0 points, got " + materiality);
    }
    this.materiality = materiality;
    this.trained = trained;
    this.handBuilt = trained == null ? model : null;
    if (trained == null) {
      Objects.requireNonNull(model, "model");
      this.explainer = new Explainer(model);
    }
    this.calibrator = trained != null ? trained.calibrator() : null;
    this.calibration = trained != null ? calibrator::probability : Objects.requireNonNull(calibration, "calibration");
    this.cutoffs = Objects.requireNonNull(cutoffs, "cutoffs");
    this.schema = trained != null ? trained.schema() : model.schema();
    this.policy = Objects.requireNonNull(policy, "policy");
    this.boundPolicy = policy.bind(schema);
    this.weights = trained != null ? trained.rawWeights() : model.weights();
    int width = schema.width();
    this.rowBuffer = ThreadLocal.withInitial(() -> new double[width]);
    this.phiBuffer = ThreadLocal.withInitial(() -> new double[explainer().shap.features().size()]);
  }

  private Explainer explainer() {
    Explainer e = explainer;
    if (e == null) {
      e = new Explainer(LinearModel.fromStandardised(schema, trained.intercept(), trained.weights(), trained.means(),
          trained.scales(), Background.ofMeans(schema, trained.background().columnMeans())));
      explainer = e;
    }
    return e;
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, got " + (s == null ? "null" : "'" + s + "'"));
    }
    return s;
  }

  /**
   * A scorer. Cost O(width).
   *
   * @param modelId the model's id, reported in every {@link Score}
   * @param modelVersion its version
   * @param model weights, schema and background
   * @param calibration logit to calibrated probability: non-decreasing, in [0, 1], thread-safe
   * @param cutoffs tier cut-offs on the 0–100 score
   * @throws IllegalArgumentException for a blank id or version
   */
  public static ModelScorer of(String modelId, String modelVersion, LinearModel model, DoubleUnaryOperator calibration,
      TierCutoffs cutoffs) {
    return new ModelScorer(modelId, modelVersion, null, model, calibration, cutoffs, Policy.none(),
        Explanation.DEFAULT_MATERIALITY);
  }

  /**
   * The scorer of a trained model (from {@code ModelTrainer.train} or {@code ModelArtifact.read}):
   * its fitted schema, weights, calibrator and tier cut-offs, with the training data's column
   * means as the SHAP background. The logit is the trained model's own {@link TrainedModel#logit}, so
   * the model and the same model saved and loaded score bit for bit alike; explanations attribute
   * the model's weights in extraction units ({@link LinearModel#fromStandardised}), built on the
   * first explanation. Cost O(width); no explainer is built until one is needed.
   */
  public static ModelScorer of(TrainedModel trained) {
    Objects.requireNonNull(trained, "trained");
    return new ModelScorer(trained.modelId(), trained.modelVersion(), trained, null, null, trained.cutoffs(),
        trained.policy(), Explanation.DEFAULT_MATERIALITY);
  }

  /** A scorer whose probability is the plain logistic function of the logit ({@link Calibrator#identity()}). */
  public static ModelScorer of(String modelId, String modelVersion, LinearModel model, TierCutoffs cutoffs) {
    return new ModelScorer(modelId, modelVersion, null, model, Calibrator.identity()::probability, cutoffs,
        Policy.none(), Explanation.DEFAULT_MATERIALITY);
  }

  /** The same scorer with other tier cut-offs. */
  public ModelScorer withCutoffs(TierCutoffs other) {
    return new ModelScorer(modelId, modelVersion, trained, handBuilt, calibration, other, policy, materiality);
  }

  /**
   * The same scorer applying other policy overrides (a trained model's scorer starts with the
   * model's own {@link TrainedModel#policy()}).
   *
   * @throws IllegalArgumentException naming the disqualifier when it does not fit the schema
   */
  public ModelScorer withPolicy(Policy other) {
    return new ModelScorer(modelId, modelVersion, trained, handBuilt, calibration, cutoffs, other, materiality);
  }

  /**
   * The same scorer listing only reasons that move the score by at least {@code points} points of
   * the 0–100 score (default {@link Explanation#DEFAULT_MATERIALITY}); the full attribution is kept
   * either way.
   *
   * @throws IllegalArgumentException unless {@code points} is finite and {@code >= 0}
   */
  public ModelScorer withMateriality(double points) {
    return new ModelScorer(modelId, modelVersion, trained, handBuilt, calibration, cutoffs, policy, points);
  }

  /** The policy overrides this scorer applies. */
  public Policy policy() {
    return policy;
  }

  @Override
  public Score score(Lead lead, Instant asOf, Detail detail) {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(detail, "detail");
    return evaluate(lead, asOf, detail, rowBuffer.get(), detail == Detail.EXPLAINED ? phiBuffer.get() : null);
  }

  private Score evaluate(Lead lead, Instant asOf, Detail detail, double[] row, double[] phi) {
    schema.extract(lead, asOf, row);
    double p = probability(logit(lead, row));
    double score = Scores.of(p);
    Tier tier = cutoffs.tierOf(score);
    int override = boundPolicy.isEmpty() ? -1 : boundPolicy.match(row, tier);
    Explanation explanation = null;
    if (detail == Detail.EXPLAINED) {
      explanation = explainer().shap.explain(lead, asOf, row, phi, probabilityFn, materiality);
      if (override >= 0) {
        explanation = explanation.withOverride(boundPolicy.reason(override, lead, asOf, row));
      }
    }
    if (override >= 0) {
      tier = boundPolicy.disqualifier(override).apply(tier);
    }
    return Score.of(lead.id(), p, score, tier, explanation, modelId, modelVersion(), asOf);
  }

  /** The logit of an extracted row: the trained model's own, or the hand-built linear function. */
  double logit(double[] row) {
    return trained != null ? trained.logit(row) : handBuilt.logit(row);
  }

  private double logit(Lead lead, double[] row) {
    double z = logit(row);
    if (Double.isFinite(z)) {
      return z;
    }
    int worst = 0;
    for (int j = 1; j < row.length && j < weights.length; j++) {
      if (!(Math.abs(weights[j] * row[j]) <= Math.abs(weights[worst] * row[worst]))) {
        worst = j;
      }
    }
    throw new LeadDataException(lead.id(), schema.columns().get(worst).feature(), "its value " + row[worst]
        + " makes the model's logit " + z + "; clip or log-transform the feature");
  }

  /**
   * The calibrated probability of a logit.
   *
   * @throws IllegalStateException if the calibration returns something other than a probability
   */
  public double probability(double logit) {
    if (calibrator != null) {
      return calibrator.probability(logit); // a trained model's: a sealed calibrator, always in [0, 1]
    }
    double p = calibration.applyAsDouble(logit);
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalStateException("the calibration of model '" + modelId + "' maps logit " + logit + " to " + p
          + ", which is not a probability in [0, 1]");
    }
    return p;
  }

  /**
   * An explanation from this scorer restated in {@link #PERCENTAGE_POINTS}: how many points of
   * calibrated probability (equivalently, of the 0–100 score) each reason moves the lead.
   *
   * <p><b>Method.</b> The Aumann–Shapley (integrated-gradients) path from the base logit
   * {@code z₀} to the lead's logit {@code z₁ = z₀ + Σφ} along the straight line in the space of the
   * reasons' log-odds contributions. Since the probability depends on the contributions only
   * through their sum, each reason gets its log-odds contribution times the calibration's mean
   * slope on that segment: {@code pp_j = 100·φ_j·(P(z₁) − P(z₀))/(z₁ − z₀)}. So the parts add up
   * exactly to {@code 100·(p − p_base)} (with {@code p = P(z₁)}, {@code p_base = P(z₀)}), each
   * part keeps the sign of its log-odds contribution (the calibration is non-decreasing), and the
   * order of the reasons is unchanged. When {@code |z₁ − z₀| < 1e-9} the secant is replaced by the
   * calibration's central-difference slope at the midpoint. The base value is {@code 100·p_base};
   * texts, values, points, materiality and any policy override are the original explanation's.
   *
   * @param logOdds an explanation in {@link Explanation#LOG_ODDS} from this scorer's model
   * @throws IllegalArgumentException if the explanation is in another unit
   */
  public Explanation inPercentagePoints(Explanation logOdds) {
    Objects.requireNonNull(logOdds, "logOdds");
    if (!Explanation.LOG_ODDS.equals(logOdds.unit())) {
      throw new IllegalArgumentException("expected an explanation in " + Explanation.LOG_ODDS + ", got " + logOdds.unit());
    }
    double z0 = logOdds.baseValue();
    double z1 = logOdds.total();
    double slope = LinearShap.pointsPerLogOdds(probabilityFn, z0, z1);
    List<Reason> reasons = new ArrayList<>(logOdds.contributions().size());
    for (Reason r : logOdds.contributions()) {
      reasons.add(r.withContribution(slope * r.contribution()));
    }
    return logOdds.restated(PERCENTAGE_POINTS, 100.0 * probability(z0), reasons);
  }

  /**
   * The smallest change of one actionable feature that lifts the lead into a more urgent tier, or
   * empty when the lead is already {@link Tier#HOT}, the next tier is empty, or no single change
   * within reach does it. Of all the moves of {@link #nextTierMoves}, the one with the least
   * effort (fewest added events; a value change counts 1), then the highest new score, then the
   * feature name.
   *
   * @throws LeadDataException naming the lead and field when the lead cannot be extracted
   */
  public Optional<Move> nextTierMove(Lead lead, Instant asOf) {
    List<Move> moves = nextTierMoves(lead, asOf);
    return moves.isEmpty() ? Optional.empty() : Optional.of(moves.get(0));
  }

  /**
   * For each actionable feature ({@link dev.leadscore.core.schema.FeatureInfo#actionable()}), the
   * smallest change of that feature alone that lifts the lead into a more urgent tier, best first
   * (see {@link #nextTierMove}). Every move is verified by re-scoring the changed lead with the real
   * extraction, so it accounts for everything the change touches (other features reading the same
   * events, product columns, caps, decay, log transforms).
   * <ul>
   *   <li>Event counts and recencies: add {@code k = 1, 2, …, }{@value #MAX_ADDED_EVENTS} events
   *       of one of the feature's event types at {@code asOf} (age 0, weight 1) and take the first
   *       {@code k} that reaches the next tier — "one more demo request".</li>
   *   <li>Numeric values (without a basis): closed form — with everything else fixed the logit is
   *       linear in the value column, so the value reaching the next tier's cut-off is solved for,
   *       mapped back through the feature's log transform, rounded outwards to a whole number (two
   *       decimals below 1) and verified; skipped when clipping stops it first.</li>
   *   <li>Booleans: the other value.</li>
   * </ul>
   * Categorical, ordinal, title and e-mail features say who the lead is and are not suggested.
   * A lead a policy override disqualifies gets none.
   * Cost: up to {@value #MAX_ADDED_EVENTS} re-scorings per event type of each actionable feature.
   *
   * @throws LeadDataException naming the lead and field when the lead cannot be extracted
   */
  public List<Move> nextTierMoves(Lead lead, Instant asOf) {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(asOf, "asOf");
    if (!boundPolicy.isEmpty()) {
      double[] row = schema.extract(lead, asOf);
      if (boundPolicy.match(row, cutoffs.tierOf(Scores.of(probability(logit(lead, row))))) >= 0) {
        return List.of(); // a disqualified lead's tier is the policy's: no change of a feature lifts it
      }
    }
    return new Moves(this).find(lead, asOf);
  }

  /**
   * The calibrated probability of an already extracted row: the scoring path without extraction,
   * for batch jobs and evaluations that extract once. O(width), allocation-free.
   *
   * @param row a vector {@link FittedSchema#extract} wrote for this scorer's schema; not modified
   * @throws IllegalArgumentException if the row has another length than the schema, or its logit is
   *     NaN (the message names the first column that is not finite)
   */
  public double probabilityOf(double[] row) {
    if (row.length != schema.width()) {
      throw new IllegalArgumentException("the row has " + row.length + " values but the schema has " + schema.width()
          + " columns");
    }
    return probability(logit(row));
  }

  /**
   * The 0–100 score of an already extracted row (see {@link #probabilityOf}). O(width),
   * allocation-free.
   *
   * @throws IllegalArgumentException as {@link #probabilityOf}
   */
  public double scoreOf(double[] row) {
    return Scores.of(probabilityOf(row));
  }

  /**
   * The tier of an already extracted row (see {@link #probabilityOf}). O(width), allocation-free.
   *
   * @throws IllegalArgumentException as {@link #probabilityOf}
   */
  public Tier tierOf(double[] row) {
    return cutoffs.tierOf(scoreOf(row));
  }

  /** The 0–100 score of a lead, nothing else, extracting into {@code row} (at least the schema's width). */
  double scoreValue(Lead lead, Instant asOf, double[] row) {
    schema.extract(lead, asOf, row);
    return Scores.of(probability(logit(lead, row)));
  }

  Tier tierOfRow(Lead lead, double[] row) {
    return cutoffs.tierOf(Scores.of(probability(logit(lead, row))));
  }

  /**
   * The smallest logit (to bisection precision) whose score reaches {@code targetScore}, or NaN
   * when no logit in [-1e4, 1e4] does.
   */
  double logitReaching(double targetScore) {
    if (!(targetScore <= 100)) {
      return Double.NaN;
    }
    double hi = 1;
    while (Scores.of(probability(hi)) < targetScore) {
      hi *= 2;
      if (hi > 1e4) {
        return Double.NaN;
      }
    }
    double lo = -1;
    while (Scores.of(probability(lo)) >= targetScore) {
      lo *= 2;
      if (lo < -1e4) {
        return lo;
      }
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = lo + 0.5 * (hi - lo);
      if (Scores.of(probability(mid)) >= targetScore) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** The fitted schema that extracts this scorer's rows. */
  FittedSchema schema() {
    return schema;
  }

  /** {@return the linear function explanations attribute (for a trained model, its weights in extraction units)} */
  public LinearModel model() {
    return explainer().model;
  }

  /** {@return the explainer of the model} */
  public LinearShap shap() {
    return explainer().shap;
  }

  /** {@return the calibration from logit to probability} */
  public DoubleUnaryOperator calibration() {
    return calibration;
  }

  /** {@return the tier cut-offs on the 0–100 score} */
  public TierCutoffs cutoffs() {
    return cutoffs;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  /**
   * The version every score carries: a trained model's {@link TrainedModel#artifactVersion()}
   * (unique to its artifact), or the version a hand-built scorer was given.
   */
  @Override
  public String modelVersion() {
    return trained != null ? trained.artifactVersion() : modelVersion;
  }

  @Override
  public String toString() {
    return "ModelScorer[" + modelId + "@" + modelVersion() + ", " + schema.width() + " columns, " + cutoffs + "]";
  }
}
