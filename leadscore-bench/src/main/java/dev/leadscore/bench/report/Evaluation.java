package dev.leadscore.bench.report;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.explain.Importance;
import dev.leadscore.model.BackTest;
import dev.leadscore.model.BackTestResult;
import dev.leadscore.model.FoldScheme;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.Move;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.model.TrainingSummary;
import dev.leadscore.model.calibration.Calibrator;
import dev.leadscore.model.eval.DataSufficiency;
import dev.leadscore.model.eval.Metrics;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import dev.leadscore.rules.RuleSetException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The evaluation runner: the rule baseline and the model side by side under K-fold
 * cross-validation, plus a time-ordered back-test, on one set of labelled leads.
 *
 * <p><b>Protocol.</b>
 *
 * <ol>
 *   <li>The model is trained by {@link ModelTrainer} on all leads. Its stratified K-fold
 *       cross-validation fits the schema, the standardisation and every lambda of the grid on each
 *       fold's training leads only and predicts the held-out fold; lambda, the calibrator and the
 *       tier cut-offs are then chosen on those out-of-fold predictions. The reported model figures
 *       are the calibrated out-of-fold predictions of the chosen lambda. Because lambda and the
 *       2-parameter Platt curve are chosen on the same predictions they are scored on, the figures
 *       are very slightly optimistic; {@link Spec#nested(boolean)} removes that by training a full
 *       model (with its own inner cross-validation) inside each outer fold.
 *   <li>The rule baseline is scored on the same folds: the schema is fitted on each fold's
 *       training leads and the rules score the held-out fold. Its points are turned into
 *       probabilities by a Platt curve fitted on the fold's training leads (rules rank, they do not
 *       estimate probabilities), and its tier cut-offs come from the model's tier policy applied to
 *       its own pooled out-of-fold scores, so the two tier tables split the pipeline alike.
 *   <li>The back-test orders the leads by a date or sequence column (or their creation time),
 *       trains the model on the earliest share and scores the rest ({@link BackTest#firstShare});
 *       the rules are scored on the same later leads with the schema fitted on the earlier ones.
 *   <li>The final model's global importance (mean |SHAP|) and the data-sufficiency check are
 *       computed over all leads, and one lead each from Hot, Nurture and Suppress is explained.
 * </ol>
 *
 * <p>Deterministic for given inputs and seeds. Not thread-safe (a {@link Spec} is mutable); each
 * run is independent.
 */
public final class Evaluation {
  private Evaluation() {}

  /** What to evaluate and how. Set at least the schema, the leads and asOf. */
  public static final class Spec {
    private String name = "leads";
    private FeatureSchema schema;
    private List<LabelledLead> leads;
    private Instant asOf;
    private TrainingOptions options = TrainingOptions.defaults();
    private RuleSet rules;
    private boolean backTest;
    private String orderColumn;
    private boolean orderById;
    private double trainShare = 0.8;
    private int bootstrap = 1000;
    private boolean nested;
    private boolean rulesAsPrior = true;
    private double[] trueProbabilities;
    private int rowsRead = -1;
    private int rejected;
    private PrintWriter log;

    /** The data set's display name. */
    public Spec name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The declared feature schema (fitted inside every fold). */
    public Spec schema(FeatureSchema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** The labelled leads; every one must be extractable by the schema. */
    public Spec leads(List<LabelledLead> leads) {
      this.leads = List.copyOf(leads);
      return this;
    }

    /** The instant features are extracted at. */
    public Spec asOf(Instant asOf) {
      this.asOf = Objects.requireNonNull(asOf, "asOf");
      return this;
    }

    /** The training options (folds, seed, lambda grid, calibration, tier policy, progress). */
    public Spec options(TrainingOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The rule baseline, or null for none. */
    public Spec rules(RuleSet rules) {
      this.rules = rules;
      return this;
    }

    /**
     * Adds a time-ordered back-test.
     *
     * @param orderColumn the attribute to order by (numbers, ISO-8601 instants or dates, else
     *     text), or null to order by each lead's creation time
     * @param trainShare the earliest share trained on, in (0, 1)
     */
    public Spec backTest(String orderColumn, double trainShare) {
      if (!(trainShare > 0 && trainShare < 1)) {
        throw new IllegalArgumentException("the back-test's train share must be in (0, 1), got " + trainShare);
      }
      this.backTest = true;
      this.orderColumn = orderColumn;
      this.orderById = false;
      this.trainShare = trainShare;
      return this;
    }

    /**
     * Adds a time-ordered back-test in the order of the lead ids (numbers if every id is one,
     * else text), for exports whose id is a sequence number.
     *
     * @param idColumn the id column's name, for the report
     * @param trainShare the earliest share trained on, in (0, 1)
     */
    public Spec backTestById(String idColumn, double trainShare) {
      backTest(Objects.requireNonNull(idColumn, "idColumn"), trainShare);
      this.orderById = true;
      return this;
    }

    /** Bootstrap replicates of the AUC interval (default 1000). */
    public Spec bootstrap(int resamples) {
      if (resamples < 1) {
        throw new IllegalArgumentException("bootstrap resamples must be >= 1, got " + resamples);
      }
      this.bootstrap = resamples;
      return this;
    }

    /**
     * Whether the model trains from the rule baseline as its prior (default: yes, when rules are
     * given): see {@link ModelTrainer#train(FeatureSchema, List, Instant, TrainingOptions,
     * dev.leadscore.model.Prior)}.
     */
    public Spec rulesAsPrior(boolean rulesAsPrior) {
      this.rulesAsPrior = rulesAsPrior;
      return this;
    }

    /** Nested cross-validation: a full training inside each outer fold (K more trainings). */
    public Spec nested(boolean nested) {
      this.nested = nested;
      return this;
    }

    /** The true conversion probabilities (synthetic data), for the oracle's AUC; or null. */
    public Spec trueProbabilities(double[] p) {
      this.trueProbabilities = p == null ? null : p.clone();
      return this;
    }

    /** How many rows the input held and how many were rejected, for the report. */
    public Spec input(int rowsRead, int rejected) {
      this.rowsRead = rowsRead;
      this.rejected = rejected;
      return this;
    }

    /** Where progress lines go, or null for nowhere. */
    public Spec log(PrintWriter log) {
      this.log = log;
      return this;
    }
  }

  /**
   * Runs the evaluation.
   *
   * @throws IllegalArgumentException for missing parts of the spec, a class with fewer leads than
   *     folds, or a rule set that does not fit the schema fitted on a fold
   * @throws dev.leadscore.model.TrainingException if training fails
   */
  public static EvaluationResult run(Spec spec) {
    Objects.requireNonNull(spec.schema, "schema");
    Objects.requireNonNull(spec.leads, "leads");
    Objects.requireNonNull(spec.asOf, "asOf");
    long started = System.nanoTime();
    List<LabelledLead> leads = spec.leads;
    TrainingOptions options = spec.options;
    double[] truth = spec.trueProbabilities;
    if (spec.backTest) {
      // the data has a time order: choose lambda on later leads (forward chaining), leads oldest first
      List<String> skipped = new ArrayList<>();
      List<LabelledLead> ordered = LeadOrder.ordered(leads, spec.orderById ? null : spec.orderColumn, spec.orderById,
          skipped);
      if (skipped.isEmpty()) {
        if (truth != null) {
          java.util.Map<LabelledLead, Integer> at = new java.util.IdentityHashMap<>();
          for (int i = 0; i < leads.size(); i++) {
            at.put(leads.get(i), i);
          }
          double[] reordered = new double[truth.length];
          for (int i = 0; i < ordered.size(); i++) {
            reordered[i] = truth[at.get(ordered.get(i))];
          }
          truth = reordered;
        }
        leads = ordered;
        options = options.toBuilder().foldScheme(FoldScheme.FORWARD_CHAINING).build();
      }
    }
    int n = leads.size();
    boolean[] y = labels(leads);
    int positives = count(y);
    int folds = options.folds();
    log(spec, "cross-validation: %d leads (%d converted), %d folds x %d lambdas", n, positives, folds,
        options.lambdaCount());
    TrainedModel finalModel = new ModelTrainer().train(spec.schema, leads, spec.asOf, options, prior(spec));
    TrainingSummary.OutOfFold oof = finalModel.summary().outOfFold().orElseThrow();
    int[] fold = oof.folds();
    String calibration = options.calibration().name().toLowerCase(Locale.ROOT);

    ScorerMetrics model;
    String protocol;
    if (spec.nested) {
      double[] p = new double[n];
      double[] s = new double[n];
      nestedScores(spec, leads, fold, p, s);
      protocol = String.format(Locale.ROOT, "nested %d-fold stratified cross-validation (seed %d): inside each outer"
          + " fold a full training (schema, standardisation, lambda by inner %d-fold CV, %s calibration, tier"
          + " cut-offs) on the other folds, scored on the held-out fold", folds, options.seed(), folds, calibration);
      model = ScorerMetrics.of("model", "L2 logistic regression, nested cross-validation", s, p, y,
          finalModel.cutoffs(), spec.bootstrap, options.seed());
    } else {
      boolean forward = finalModel.summary().foldScheme().orElse(null) == FoldScheme.FORWARD_CHAINING;
      protocol = String.format(Locale.ROOT, "%d-fold stratified cross-validation (seed %d): schema, standardisation"
          + " and model fitted on each fold's training leads only; lambda (grid of %d) chosen %s, the %s"
          + " calibration and the tier cut-offs on the pooled out-of-fold predictions", folds, options.seed(),
          options.lambdaCount(), forward ? "by forward chaining over the leads in time order (" + folds
              + " validations, each on a later block)" : "on the pooled out-of-fold predictions", calibration);
      model = ScorerMetrics.of("model", String.format(Locale.ROOT, "L2 logistic regression (lambda %s), out-of-fold",
          compact(finalModel.lambda())), oof.scores(), oof.probabilities(), y, finalModel.cutoffs(), spec.bootstrap,
          options.seed());
    }

    ScorerMetrics rules = null;
    if (spec.rules != null) {
      log(spec, "rule baseline '%s': scoring the same %d folds", spec.rules.name(), folds);
      rules = rulesCrossValidated(spec, leads, y, fold, folds);
    }

    EvaluationResult.BackTestOutcome backTest = null;
    if (spec.backTest) {
      backTest = backTest(spec, leads);
    }

    log(spec, "final model: importance, data check and examples over all %d leads", n);
    ModelScorer scorer = ModelScorer.of(finalModel);
    FittedSchema fitted = finalModel.schema();
    List<double[]> rows = new ArrayList<>(n);
    for (LabelledLead l : leads) {
      rows.add(fitted.extract(l.lead(), spec.asOf));
    }
    List<Importance> importance = scorer.shap().importance(rows);
    DataSufficiency sufficiency = dataCheck(fitted, rows, y);
    List<EvaluationResult.Example> examples = examples(scorer, leads, spec.asOf);

    Double oracle = null;
    if (truth != null && truth.length == n && positives > 0 && positives < n) {
      oracle = Metrics.rocAuc(truth, y);
    }
    FeatureSchema schema = spec.schema;
    EvaluationResult.Dataset dataset = new EvaluationResult.Dataset(spec.name, spec.rowsRead < 0 ? n : spec.rowsRead,
        spec.rejected, n, positives, spec.asOf, schema.name(), schema.version(), schema.fingerprint(),
        schema.features().size(), fitted.width(),
        spec.rules == null ? null : spec.rules.name() + " v" + spec.rules.version(), !schema.eventTypes().isEmpty());
    double seconds = (System.nanoTime() - started) / 1e9;
    return new EvaluationResult(dataset, protocol, model, rules, backTest, finalModel, importance, examples,
        sufficiency, oracle, seconds);
  }

  // ------------------------------------------------------------------------------ model

  /** Pooled out-of-fold probabilities and scores of K full trainings, one per outer fold, into {@code p} and {@code s}. */
  private static void nestedScores(Spec spec, List<LabelledLead> leads, int[] fold, double[] p, double[] s) {
    int n = leads.size();
    int folds = spec.options.folds();
    for (int f = 0; f < folds; f++) {
      List<LabelledLead> train = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] != f) {
          train.add(leads.get(i));
        }
      }
      log(spec, "nested cross-validation: outer fold %d/%d, training on %d leads", f + 1, folds, train.size());
      TrainedModel m = new ModelTrainer().train(spec.schema, train, spec.asOf, spec.options, prior(spec));
      ModelScorer scorer = ModelScorer.of(m);
      double[] x = new double[m.width()];
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          m.schema().extract(leads.get(i).lead(), spec.asOf, x);
          p[i] = scorer.probabilityOf(x);
          s[i] = scorer.scoreOf(x);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------ rules

  /** The rule baseline's scores as the model's prior, or null (no rules, or turned off). */
  static dev.leadscore.model.Prior prior(Spec spec) {
    if (spec.rules == null || !spec.rulesAsPrior) {
      return null;
    }
    RuleSet rules = spec.rules;
    return (fitted, train, asOf) -> {
      RuleScorer scorer;
      try {
        scorer = RuleScorer.of(rules, fitted);
      } catch (RuleSetException e) {
        throw new IllegalArgumentException("the rule set '" + rules.name() + "' does not fit the schema fitted on"
            + " the model's training leads: " + e.getMessage(), e);
      }
      double[] points = new double[train.size()];
      for (int i = 0; i < points.length; i++) {
        points[i] = scorer.score(train.get(i), asOf, Detail.SCORE_ONLY).score();
      }
      return points;
    };
  }

  private static ScorerMetrics rulesCrossValidated(Spec spec, List<LabelledLead> leads, boolean[] y, int[] fold,
      int folds) {
    int n = leads.size();
    double[] scores = new double[n];
    double[] probabilities = new double[n];
    for (int f = 0; f < folds; f++) {
      List<LabelledLead> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          test.add(i);
        } else {
          train.add(leads.get(i));
        }
      }
      RuleScorer scorer = ruleScorer(spec, train, "fold " + (f + 1));
      Calibrator platt = plattOnRules(scorer, train, spec.asOf);
      for (int i : test) {
        double s = scorer.score(leads.get(i).lead(), spec.asOf, Detail.SCORE_ONLY).score();
        scores[i] = s;
        probabilities[i] = platt.probability(s);
      }
    }
    TierCutoffs cutoffs = spec.options.tierPolicy().fit(scores, y);
    return ScorerMetrics.of("rules", "rule set '" + spec.rules.name() + "' v" + spec.rules.version()
        + ", out-of-fold (Platt curve fitted in fold)", scores, probabilities, y, cutoffs, spec.bootstrap,
        spec.options.seed());
  }

  private static RuleScorer ruleScorer(Spec spec, List<LabelledLead> train, String where) {
    FittedSchema fitted = spec.schema.fit(train.stream().map(LabelledLead::lead).toList());
    try {
      return RuleScorer.of(spec.rules, fitted);
    } catch (RuleSetException e) {
      throw new IllegalArgumentException("the rule set '" + spec.rules.name() + "' does not fit the schema fitted on "
          + where + ": " + e.getMessage(), e);
    }
  }

  /** Platt scaling of the rules' 0–100 scores on the leads the rules were fitted with. */
  private static Calibrator plattOnRules(RuleScorer scorer, List<LabelledLead> train, Instant asOf) {
    double[] s = new double[train.size()];
    boolean[] y = new boolean[train.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scorer.score(train.get(i).lead(), asOf, Detail.SCORE_ONLY).score();
      y[i] = train.get(i).converted();
    }
    return Calibrator.fitPlatt(s, y, null);
  }

  /**
   * The data check on the extracted rows, without the columns the schema creates whether or not
   * the data fills them and that are empty here: a missing flag or {@code missing}/{@code unknown}
   * level of a feature that is never missing, the {@code other} level when no rare level was
   * folded, the first quantile bin when the lowest knot is the minimum. Those are constant by
   * construction, not a sign of an extraction problem, so they must not be warned about.
   */
  static DataSufficiency dataCheck(FittedSchema fitted, List<double[]> rows, boolean[] y) {
    List<Integer> keep = new ArrayList<>();
    for (Column c : fitted.columns()) {
      if (!(structural(c) && constant(rows, c.index()))) {
        keep.add(c.index());
      }
    }
    double[][] x = new double[rows.size()][keep.size()];
    for (int i = 0; i < x.length; i++) {
      double[] row = rows.get(i);
      for (int k = 0; k < keep.size(); k++) {
        x[i][k] = row[keep.get(k)];
      }
    }
    List<String> names = keep.stream().map(j -> fitted.columns().get(j).name()).toList();
    return DataSufficiency.assess(x, names, y);
  }

  private static boolean structural(Column c) {
    if (c.role() == Column.Role.MISSING_FLAG) {
      return true;
    }
    return c.role() == Column.Role.LEVEL && c.level() != null && (c.level().equals(CategoricalFeature.OTHER)
        || c.level().equals(CategoricalFeature.MISSING) || c.level().equals("unknown") || c.level().equals("bin1"));
  }

  private static boolean constant(List<double[]> rows, int j) {
    for (double[] row : rows) {
      if (row[j] != rows.get(0)[j]) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------ back-test

  private static EvaluationResult.BackTestOutcome backTest(Spec spec, List<LabelledLead> leads) {
    List<String> skipped = new ArrayList<>();
    List<LabelledLead> ordered = LeadOrder.ordered(leads, spec.orderById ? null : spec.orderColumn, spec.orderById, skipped);
    String by = spec.orderColumn == null ? "creation time" : "'" + spec.orderColumn + "'";
    if (!skipped.isEmpty()) {
      log(spec, "back-test: %d leads have no %s and are left out of it (first: %s)", skipped.size(), by,
          skipped.get(0));
    }
    int k = (int) Math.min(ordered.size(), Math.ceil(spec.trainShare * ordered.size() * (1 - 1e-12)));
    log(spec, "back-test: training on the earliest %d leads by %s, scoring the latest %d", k, by, ordered.size() - k);
    BackTestResult r = BackTest.firstShare(spec.schema, ordered, spec.trainShare, spec.asOf,
        spec.options.toBuilder().foldScheme(FoldScheme.FORWARD_CHAINING).build(), prior(spec));
    boolean[] y = r.labels();
    String split = String.format(Locale.ROOT, "ordered by %s: earliest %d leads (%s) train, latest %d score",
        by, r.trainRows(), percent(spec.trainShare), r.testRows());
    ScorerMetrics model = ScorerMetrics.of("model", "model trained on the earlier leads", r.scores(), r.probabilities(),
        y, r.model().cutoffs(), spec.bootstrap, spec.options.seed());
    ScorerMetrics rules = null;
    if (spec.rules != null) {
      List<LabelledLead> train = ordered.subList(0, r.trainRows());
      List<LabelledLead> test = ordered.subList(r.trainRows(), ordered.size());
      RuleScorer scorer = ruleScorer(spec, train, "the back-test's earlier leads");
      Calibrator platt = plattOnRules(scorer, train, spec.asOf);
      double[] trainScores = new double[train.size()];
      boolean[] trainY = labels(train);
      for (int i = 0; i < trainScores.length; i++) {
        trainScores[i] = scorer.score(train.get(i).lead(), spec.asOf, Detail.SCORE_ONLY).score();
      }
      double[] s = new double[test.size()];
      double[] p = new double[test.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = scorer.score(test.get(i).lead(), spec.asOf, Detail.SCORE_ONLY).score();
        p[i] = platt.probability(s[i]);
      }
      TierCutoffs cutoffs = spec.options.tierPolicy().fit(trainScores, trainY);
      rules = ScorerMetrics.of("rules", "rules, Platt curve and cut-offs fitted on the earlier leads", s, p, y, cutoffs,
          spec.bootstrap, spec.options.seed());
    }
    TrainingSummary summary = r.model().summary();
    return new EvaluationResult.BackTestOutcome(split, r.trainRows(), r.testRows(), model, rules,
        r.crossValidatedAuc(), r.model().lambda(), summary.foldScheme().map(Enum::name).orElse(null),
        summary.warnings());
  }

  // ------------------------------------------------------------------------------ examples

  /**
   * One lead per tier among Hot, Nurture and Suppress (the one with the median score within its
   * tier), scored and explained by the final model, with the smallest move up a tier.
   */
  static List<EvaluationResult.Example> examples(ModelScorer scorer, List<LabelledLead> leads, Instant asOf) {
    List<Lead> plain = leads.stream().map(LabelledLead::lead).toList();
    List<Score> scores = scorer.scoreAll(plain, asOf, Detail.SCORE_ONLY).scores();
    List<EvaluationResult.Example> out = new ArrayList<>();
    for (Tier tier : new Tier[] {Tier.HOT, Tier.NURTURE, Tier.SUPPRESS}) {
      List<Integer> in = new ArrayList<>();
      for (int i = 0; i < scores.size(); i++) {
        if (scores.get(i).tier() == tier) {
          in.add(i);
        }
      }
      if (in.isEmpty()) {
        continue;
      }
      in.sort(Comparator.comparingDouble((Integer i) -> scores.get(i).score()).thenComparing(i -> plain.get(i).id()));
      int pick = in.get(in.size() / 2);
      Lead lead = plain.get(pick);
      Score s = scorer.score(lead, asOf, Detail.EXPLAINED);
      Explanation pp = scorer.inPercentagePoints(s.explanation().orElseThrow());
      Optional<Move> move = tier == Tier.HOT ? Optional.empty() : scorer.nextTierMove(lead, asOf);
      out.add(new EvaluationResult.Example(s, pp, move, leads.get(pick).converted()));
    }
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------------------ helpers

  static boolean[] labels(List<LabelledLead> leads) {
    boolean[] y = new boolean[leads.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = leads.get(i).converted();
    }
    return y;
  }

  private static int count(boolean[] y) {
    int c = 0;
    for (boolean b : y) {
      c += b ? 1 : 0;
    }
    return c;
  }

  static String percent(double share) {
    double p = 100 * share;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p)) + " %";
  }

  static String compact(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  private static void log(Spec spec, String format, Object... args) {
    if (spec.log != null) {
      spec.log.println(String.format(Locale.ROOT, format, args));
      spec.log.flush();
    }
  }
}
