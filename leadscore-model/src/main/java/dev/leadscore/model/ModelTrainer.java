package dev.leadscore.model;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.InteractionFeature;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.SchemaException;
import dev.leadscore.model.calibration.Calibrator;
import dev.leadscore.model.eval.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains a lead-scoring model from labelled leads: cross-validated L2 logistic regression,
 * calibrated, with tier cut-offs, ready to score and to save.
 *
 * <p><b>Algorithm.</b>
 *
 * <ol>
 *   <li>Leads are assigned to {@code folds} stratified folds with the options' seed.
 *   <li>For each fold the declared schema is fitted on the fold's training leads only ({@link
 *       FeatureSchema#fit}), both sides are extracted with that fitted schema at {@code asOf}, the
 *       standardisation is fitted on the training rows only, and every lambda of the grid is
 *       fitted (largest first, warm-started) and predicts the held-out leads.
 *   <li>Lambda is chosen by the pooled out-of-fold log loss (lowest) or ROC AUC (highest); ties
 *       go to the larger lambda. With {@link FoldScheme#FORWARD_CHAINING} (leads given oldest
 *       first) the grid is validated on later blocks of leads instead, and the stratified folds
 *       are then run for the chosen lambda only, for the steps below. When the smaller class has
 *       fewer than 5 leads per fold the held-out figures are unreliable, and {@link
 *       TrainingSummary#warnings()} says so.
 *   <li>The calibrator is fitted, with unit weights, on the out-of-fold logits of the chosen
 *       lambda; the tier policy is fitted on the calibrated out-of-fold scores (0–100).
 *   <li>The final model is refitted on all leads (schema fitted on all leads), with the inverse
 *       penalised Hessian at the optimum for per-lead uncertainty, the background statistics and
 *       a SHA-256 of the extracted training matrix and labels, and the {@link TrainingReference}
 *       for drift monitoring (column distributions of the training matrix, missing rates, and the
 *       out-of-fold score distribution).
 * </ol>
 *
 * <p>The out-of-fold quality in the summary uses the calibrator fitted on those same out-of-fold
 * predictions, so for isotonic calibration it is slightly optimistic.
 *
 * <p><b>Determinism.</b> The same leads (in the same order), schema, {@code asOf}, options and
 * seed give a bit-identical model and byte-identical artifact on the same platform, whatever the
 * thread count. Nothing reads the clock: the creation time comes from the options or is {@code
 * asOf}.
 *
 * <p><b>Cost.</b> (folds + 1) schema fits and extractions, and {@code folds x lambdas + 1} solver
 * runs of O(iterations x n d^2); memory about one extracted matrix ({@code 8 n d} bytes) plus
 * {@code 8 n x lambdas} bytes of out-of-fold predictions.
 *
 * <p>Stateless and thread-safe; one {@code train} call uses up to {@link TrainingOptions#threads()}
 * threads, created for the call and stopped before it returns. Arguments are never modified.
 */
public final class ModelTrainer {

  /** A trainer; it holds no state, so one instance can serve any number of calls. */
  public ModelTrainer() {}

  /**
   * Trains a model.
   *
   * @param schema the declared feature schema (fitted here, per fold and on all leads)
   * @param leads the labelled training leads; their order matters only for determinism
   * @param asOf the instant features are extracted at
   * @param options the options
   * @return the trained model
   * @throws IllegalArgumentException if {@code leads} is empty or holds a null (naming the index)
   * @throws dev.leadscore.core.LeadDataException naming the lead, the field and the row for a value
   *     the schema cannot read
   * @throws TrainingException if a class has fewer leads than folds, the schema cannot be fitted,
   *     a column's values are too large to standardise (values near {@code ±Double.MAX_VALUE}:
   *     naming the column; clip or log-transform the feature), or a fit fails (naming the fold and
   *     lambda)
   */
  public TrainedModel train(FeatureSchema schema, List<LabelledLead> leads, Instant asOf, TrainingOptions options) {
    return train(schema, leads, asOf, options, null);
  }

  /**
   * Trains a model that starts from a prior (a rule set's points): in every fit (each fold's and
   * the final one) the L2 penalty is centred on the weights of the schema's columns that best
   * reproduce the prior's points on that fit's training leads ({@link RulePrior}), instead of on
   * zero. A large lambda then gives a model that ranks like the prior, a small one the plain fit;
   * cross-validation chooses between them as usual, so with little history the model stays near the
   * rules and with more it learns past them. Everything else is as {@link #train(FeatureSchema,
   * List, Instant, TrainingOptions)}.
   *
   * @param prior the prior, or null for none
   */
  public TrainedModel train(FeatureSchema schema, List<LabelledLead> leads, Instant asOf, TrainingOptions options,
      Prior prior) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(options, "options");
    List<LabelledLead> data = List.copyOf(checked(leads));
    int n = data.size();
    boolean[] y = new boolean[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      y[i] = data.get(i).converted();
      positives += y[i] ? 1 : 0;
    }
    int folds = options.folds();
    int[] fold = Folds.stratified(y, folds, options.seed());
    TrainingProgress progress = options.progress();
    double[] lambdas = options.lambdas();
    List<String> warnings = new ArrayList<>();
    FoldScheme scheme = options.foldScheme();
    int[] blocks = null;
    if (scheme == FoldScheme.FORWARD_CHAINING) {
      blocks = Folds.forwardBlocks(n, folds);
      String why = forwardChainingProblem(blocks, y, folds);
      if (why != null) {
        warnings.add("forward chaining is not possible (" + why + "); lambda was chosen on " + folds
            + " stratified random folds instead");
        scheme = FoldScheme.STRATIFIED;
        blocks = null;
      }
    }
    int minority = Math.min(positives, n - positives);
    boolean tooFew = minority < MIN_MINORITY_PER_FOLD * folds;
    try (Workers workers = new Workers(options.threads())) {
      ClassWeights cw = options.classWeights();
      int maxIt = options.maxIterations();
      double tol = options.tolerance();
      LeadFoldSource source = new LeadFoldSource(schema, data, y, fold, folds, asOf, false, options.autoKnots(), prior);
      CrossValidation.Outcome cv;
      List<TrainingSummary.LambdaScore> table;
      if (blocks == null) {
        cv = CrossValidation.run(source, lambdas, cw, maxIt, tol, workers, progress);
        table = lambdaTable(lambdas, cv, y, null);
      } else {
        CrossValidation.Outcome forward = CrossValidation.run(
            new LeadFoldSource(schema, data, y, blocks, folds, asOf, true, options.autoKnots(), prior), lambdas, cw,
            maxIt, tol, workers, progress);
        table = lambdaTable(lambdas, forward, y, blocks);
        cv = null;
      }
      int best = choose(table, options.selectionMetric());
      if (tooFew) {
        // the penalty stays the held-out choice, usually the heaviest: measured on fresh synthetic
        // leads with 5 conversions it ranked better than lambda 1 (AUC 0.73 against 0.66)
        warnings.add("only " + minority + " " + (minority == positives ? "converted" : "non-converted") + " leads for "
            + folds + " validation folds (fewer than " + MIN_MINORITY_PER_FOLD + " per fold): lambda "
            + lambdas[best] + " and the out-of-fold quality rest on one or two conversions per fold and are"
            + " unreliable: collect more labelled leads or score with rules");
      }
      double lambda = lambdas[best];
      progress.lambdaChosen(lambda, table.get(best).logLoss(), table.get(best).auc());
      double[] oof;
      if (cv != null) {
        oof = cv.logits()[best];
      } else {
        // calibration and tier cut-offs need a prediction for every lead: stratified folds, chosen lambda only
        oof = CrossValidation.run(source, new double[] {lambda}, cw, maxIt, tol, workers, progress).logits()[0];
      }

      List<List<String>> pairsByFold = List.of();
      // too few conversions to hold a fifth of each fold back for choosing pairs: main effects only
      boolean pairs = options.maxPairs() > 0 && !tooFew;
      if (pairs) {
        oof = oof.clone();
        pairsByFold = pairsCrossValidated(source, lambda, options, workers, oof);
      }
      Calibrator calibrator = calibrate(options.calibration(), oof, y);
      String reversed = reversedCalibration(calibrator, oof, y);
      if (reversed != null) {
        warnings.add(reversed);
      }
      double[] oofP = calibrator.probabilities(oof);
      HeldOut outOfFold = new HeldOut(oof, oofP, y);
      TierCutoffs cutoffs = options.tierPolicy().fit(outOfFold.scores(), y);

      FittedSchema fitted;
      try {
        fitted = Extraction.fit(schema, data, null, options.autoKnots());
      } catch (SchemaException e) {
        throw new TrainingException("the schema cannot be fitted on all " + n + " training leads: " + e.getMessage(), e);
      }
      double[] x = Extraction.matrix(fitted, data, null, asOf, workers);
      if (pairs) {
        List<PairSelection.Pair> chosen = PairSelection.select(x, n, fitted.width(), y, fitted.columns(),
            Extraction.indicators(fitted), lambda,
            options.maxPairs(), options.seed(), options.classWeights(), options.maxIterations(), options.tolerance(),
            workers);
        if (!chosen.isEmpty()) {
          fitted = fitted.withPairs(pairFeatures(fitted, chosen));
          x = Extraction.matrix(fitted, data, null, asOf, workers);
        }
      }
      int d = fitted.width();
      String dataHash = Hashing.sha256(x, n, d, y);
      BackgroundStats background = background(fitted, x, n);
      TrainingReference reference = TrainingReference.compute(fitted, x, n, oofP, y, cutoffs, workers);
      progress.fitStarted(TrainingProgress.FINAL_FIT, lambda);
      LinearModel model;
      try {
        LambdaPath path = new LambdaPath(x, n, d, y, Folds.sampleWeights(options.classWeights(), y), workers,
            Extraction.columnNames(fitted), Extraction.indicators(fitted), Extraction.scaleFrom(fitted));
        if (prior != null) {
          path.centreOnPrior(priorPoints(prior, fitted, data, null, asOf), y);
        }
        model = path.fit(lambda, null, options.maxIterations(), options.tolerance(), progress::iteration, true);
      } catch (TrainingException e) {
        throw new TrainingException("final fit on all " + n + " leads, lambda " + lambda + ": " + e.getMessage(), e);
      }

      TrainingSummary summary = new TrainingSummary(n, positives, folds, options.selectionMetric(), table, lambda,
          model.iterations, model.maxGradient, outOfFold.auc(), outOfFold.logLoss(), outOfFold.brier(),
          new TrainingSummary.OutOfFold(outOfFold, fold, pairsByFold), scheme, warnings);
      Instant createdAt = options.createdAt().orElse(asOf);
      TrainingOptions recorded = options.toBuilder().progress(TrainingProgress.NONE).build();
      Provenance provenance = new Provenance(Version.LIBRARY, recorded, dataHash,
          System.getProperty("java.version", "unknown"), System.getProperty("os.arch", "unknown"), createdAt);
      return new TrainedModel(options.modelId().orElse(schema.name() + "-logistic"), options.modelVersion(),
          createdAt, fitted, model.standardisation, model.intercept, model.weights, lambda, model.covariance,
          calibrator, cutoffs, background, summary, provenance, reference);
    }
  }

  /**
   * Fewest leads of the smaller class per validation fold for the held-out figures to mean much:
   * below it one or two conversions per fold decide (5 conversions in 5 folds: lambda 1000 and an
   * out-of-fold AUC of 0.48, reported without a word).
   */
  static final int MIN_MINORITY_PER_FOLD = 5;

  /**
   * A warning when the Platt curve fitted on the out-of-fold logits does not increase: held out,
   * the model ranked converted leads below the others, so its calibrated probabilities would
   * reverse its own ranking and its reasons (seen with 5 conversions: out-of-fold AUC of the logits
   * 0.18, flipped by the curve to a reported 0.82, and 0.44 on fresh leads). Null otherwise.
   */
  static String reversedCalibration(Calibrator calibrator, double[] logits, boolean[] y) {
    if (!(calibrator instanceof Calibrator.Platt platt) || platt.a() > 0) {
      return null;
    }
    return String.format(java.util.Locale.ROOT, "the Platt curve fitted on the out-of-fold predictions does not"
        + " increase (slope %.3g): held out, the model ranked converted leads below the others (AUC of its"
        + " out-of-fold logits %.3f), so its probabilities reverse its own ranking and reasons; do not score with"
        + " this model: collect more labelled leads or score with rules", platt.a(), Metrics.rocAuc(logits, y));
  }

  /** Why forward chaining cannot run on these blocks (a block without a class), or null. */
  static String forwardChainingProblem(int[] blocks, boolean[] y, int folds) {
    int[] pos = new int[folds + 1];
    int[] all = new int[folds + 1];
    for (int i = 0; i < y.length; i++) {
      all[blocks[i]]++;
      pos[blocks[i]] += y[i] ? 1 : 0;
    }
    for (int b = 0; b <= folds; b++) {
      if (all[b] == 0 || pos[b] == 0 || pos[b] == all[b]) {
        return "block " + (b + 1) + " of " + (folds + 1) + " in time order has " + pos[b] + " converted and "
            + (all[b] - pos[b]) + " non-converted leads";
      }
    }
    return null;
  }

  /**
   * One row per lambda from the pooled held-out logits: every lead for K-fold, the leads of blocks
   * 1..K for forward chaining (block 0 is never held out).
   */
  private static List<TrainingSummary.LambdaScore> lambdaTable(double[] lambdas, CrossValidation.Outcome cv,
      boolean[] y, int[] blocks) {
    int[] rows = null;
    if (blocks != null) {
      rows = java.util.stream.IntStream.range(0, y.length).filter(i -> blocks[i] > 0).toArray();
    }
    boolean[] yy = rows == null ? y : new boolean[rows.length];
    if (rows != null) {
      for (int r = 0; r < rows.length; r++) {
        yy[r] = y[rows[r]];
      }
    }
    List<TrainingSummary.LambdaScore> table = new ArrayList<>();
    for (int li = 0; li < lambdas.length; li++) {
      double[] z = cv.logits()[li];
      if (rows != null) {
        double[] sub = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
          sub[r] = z[rows[r]];
        }
        z = sub;
      }
      double[] p = Calibrator.identity().probabilities(z);
      table.add(new TrainingSummary.LambdaScore(lambdas[li], Metrics.logLoss(p, yy), Metrics.rocAuc(z, yy),
          Metrics.brierScore(p, yy), cv.iterations()[li]));
    }
    return table;
  }

  /**
   * Automatic pairs inside each fold: chooses the fold's pairs on its training leads only ({@link
   * PairSelection}, at the chosen lambda), refits the fold's model with their product columns at that
   * lambda and overwrites the fold's held-out logits in {@code oof}; a fold that keeps no pair keeps
   * its main-effects logits. Returns each fold's pairs by column names.
   */
  private static List<List<String>> pairsCrossValidated(LeadFoldSource source, double lambda, TrainingOptions options,
      Workers workers, double[] oof) {
    List<List<String>> byFold = new ArrayList<>();
    for (int k = 0; k < source.folds(); k++) {
      FoldData fd = source.fold(k, workers);
      int d = fd.width();
      List<PairSelection.Pair> chosen = PairSelection.select(fd.trainX(), fd.trainRows(), d, fd.trainY(), fd.columns(),
          fd.indicators(), lambda, options.maxPairs(), options.seed() + k + 1, options.classWeights(), options.maxIterations(),
          options.tolerance(), workers);
      List<String> names = new ArrayList<>();
      for (PairSelection.Pair p : chosen) {
        names.add(fd.columnNames()[p.left()] + " x " + fd.columnNames()[p.right()]);
      }
      byFold.add(names);
      if (chosen.isEmpty()) {
        continue;
      }
      int[][] idx = PairSelection.indices(chosen);
      int w = d + idx.length;
      double[] train = PairSelection.withProducts(fd.trainX(), fd.trainRows(), d, idx);
      double[] test = PairSelection.withProducts(fd.testX(), fd.testRows(), d, idx);
      LinearModel m;
      try {
        LambdaPath path = new LambdaPath(train, fd.trainRows(), w, fd.trainY(),
            Folds.sampleWeights(options.classWeights(), fd.trainY()), workers, null,
            PairSelection.extend(fd.indicators(), idx.length), PairSelection.extend(Extraction.scaleFrom(fd.columns()), idx.length));
        if (fd.trainPrior() != null) {
          path.centreOnPrior(fd.trainPrior(), fd.trainY());
        }
        m = path.fit(lambda, null, options.maxIterations(), options.tolerance(), LogisticSolver.Listener.NONE, false);
      } catch (TrainingException e) {
        throw new TrainingException("cross-validation fold " + (k + 1) + " with pairs " + names + ", lambda " + lambda
            + ": " + e.getMessage(), e);
      }
      int[] index = fd.testIndex();
      for (int t = 0; t < fd.testRows(); t++) {
        oof[index[t]] = m.logit(test, t * w);
      }
    }
    return byFold;
  }

  /** The learned pairs as interaction features of the fitted schema, named {@code pair<k>.<left>.x.<right>}. */
  static List<InteractionFeature> pairFeatures(FittedSchema fitted, List<PairSelection.Pair> chosen) {
    List<InteractionFeature> out = new ArrayList<>();
    for (int k = 0; k < chosen.size(); k++) {
      String left = fitted.columns().get(chosen.get(k).left()).name();
      String right = fitted.columns().get(chosen.get(k).right()).name();
      String name = "pair" + (k + 1) + "." + safe(left) + ".x." + safe(right);
      out.add(new InteractionFeature(FeatureInfo.of(name, "interaction"), left, right));
    }
    return out;
  }

  private static String safe(String columnName) {
    return columnName.replaceAll("[^A-Za-z0-9_.\\-]", "_");
  }

  /** The prior's points of the given rows (all when {@code rows} is null), checked for length. */
  static double[] priorPoints(Prior prior, FittedSchema fitted, List<LabelledLead> leads, int[] rows, Instant asOf) {
    List<dev.leadscore.core.Lead> train = new ArrayList<>();
    if (rows == null) {
      leads.forEach(l -> train.add(l.lead()));
    } else {
      for (int i : rows) {
        train.add(leads.get(i).lead());
      }
    }
    double[] points = prior.points(fitted, train, asOf);
    if (points == null || points.length != train.size()) {
      throw new TrainingException("the prior returned " + (points == null ? "null" : points.length + " points")
          + " for " + train.size() + " training leads");
    }
    return points;
  }

  private static List<LabelledLead> checked(List<LabelledLead> leads) {
    if (leads.isEmpty()) {
      throw new IllegalArgumentException("leads must not be empty");
    }
    for (int i = 0; i < leads.size(); i++) {
      if (leads.get(i) == null) {
        throw new IllegalArgumentException("leads[" + i + "] is null");
      }
    }
    return leads;
  }

  /** The index of the best lambda; ties go to the larger lambda (the grid is ascending). */
  static int choose(List<TrainingSummary.LambdaScore> table, SelectionMetric metric) {
    int best = table.size() - 1;
    for (int i = table.size() - 2; i >= 0; i--) {
      TrainingSummary.LambdaScore c = table.get(i);
      TrainingSummary.LambdaScore b = table.get(best);
      boolean better = metric == SelectionMetric.AUC ? c.auc() > b.auc() : c.logLoss() < b.logLoss();
      if (better) {
        best = i;
      }
    }
    return best;
  }

  static Calibrator calibrate(CalibrationMethod method, double[] logits, boolean[] y) {
    switch (method) {
      case PLATT:
        return Calibrator.fitPlatt(logits, y, null);
      case ISOTONIC:
        return Calibrator.fitIsotonic(logits, y, null);
      default:
        return Calibrator.identity();
    }
  }

  /**
   * Column means and interaction-parent moments over the raw rows, in row order (plain sums; a
   * column whose sum overflows gets the overflow-free {@link #scaledMean}). O(n d).
   */
  static BackgroundStats background(FittedSchema schema, double[] x, int n) {
    int d = schema.width();
    double[] sum = new double[d];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        sum[j] += x[off + j];
      }
    }
    double[] means = new double[d];
    for (int j = 0; j < d; j++) {
      means[j] = sum[j] / n;
      if (!Double.isFinite(means[j])) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = x[i * d + j];
        }
        means[j] = scaledMean(v);
      }
    }
    List<BackgroundStats.InteractionMoments> moments = new ArrayList<>();
    for (Column c : schema.columns()) {
      if (c.role() != Column.Role.INTERACTION) {
        continue;
      }
      int a = schema.productLeft(c.index());
      int b = schema.productRight(c.index());
      double prod = 0;
      for (int i = 0; i < n; i++) {
        prod += x[i * d + a] * x[i * d + b];
      }
      double meanProduct = prod / n;
      if (!Double.isFinite(meanProduct)) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = x[i * d + a] * x[i * d + b];
        }
        meanProduct = scaledMean(v);
      }
      moments.add(new BackgroundStats.InteractionMoments(c.name(), c.index(), schema.columns().get(a).name(), a,
          schema.columns().get(b).name(), b, meanProduct,
          means[a], means[b]));
    }
    return new BackgroundStats(n, means, moments);
  }

  /**
   * The mean of finite values whose plain sum overflows: each value is divided by the largest
   * magnitude {@code m} before summing and the mean is multiplied back by {@code m}, so it is
   * finite and within the values' range. Only called when the plain sum overflows, so ordinary
   * columns keep their bit-exact plain means.
   */
  static double scaledMean(double[] v) {
    double m = 0;
    for (double value : v) {
      m = Math.max(m, Math.abs(value));
    }
    if (!(m > 0 && Double.isFinite(m))) {
      return m == 0 ? 0 : Double.NaN;
    }
    double sum = 0;
    for (double value : v) {
      sum += value / m;
    }
    return m * (sum / v.length);
  }
}
