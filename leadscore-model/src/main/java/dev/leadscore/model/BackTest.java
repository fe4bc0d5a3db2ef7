package dev.leadscore.model;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.schema.FeatureSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Time-ordered evaluation: train on the earlier leads, score the later ones. Random
 * cross-validation folds flatter a model when behaviour drifts over time; a back-test shows how
 * it does on leads that arrive after it was trained, so reports should show both (the result
 * carries the random-fold figure from the training summary alongside).
 *
 * <p>Two ways to split: {@link #createdBefore} (leads created strictly before a cut-off instant
 * train, the rest are scored; every lead needs {@link dev.leadscore.core.Lead#createdAt()}) and
 * {@link #firstShare} (the first share of the list, in its given order, trains). The training part
 * goes through {@link ModelTrainer} with the given options (so lambda, calibration and tiers are
 * chosen by cross-validation on the training part only), and the held-out part is extracted with
 * the model's fitted schema and scored.
 *
 * <p>Features of both parts are extracted at the same {@code asOf}. For a strict point-in-time
 * replay, pass leads whose events and labels are as they were known at the cut-off.
 *
 * <p>Stateless and thread-safe; arguments are not modified. Cost: one training on the earlier
 * part plus O(held-out leads x width) scoring.
 */
public final class BackTest {
  private BackTest() {}

  /**
   * Trains on leads created before {@code cutoff} and scores those created at or after it.
   *
   * @throws LeadDataException naming the lead if one has no creation time
   * @throws IllegalArgumentException if either side of the cut-off is empty
   * @throws TrainingException as {@link ModelTrainer#train}
   */
  public static BackTestResult createdBefore(FeatureSchema schema, List<LabelledLead> leads, Instant cutoff,
      Instant asOf, TrainingOptions options) {
    Objects.requireNonNull(cutoff, "cutoff");
    List<LabelledLead> train = new ArrayList<>();
    List<LabelledLead> test = new ArrayList<>();
    for (int row = 0; row < leads.size(); row++) {
      int i = row;
      LabelledLead l = Objects.requireNonNull(leads.get(i), () -> "leads[" + i + "] is null");
      Instant created = l.lead().createdAt().orElseThrow(() -> new LeadDataException(l.lead().id(), "createdAt",
          "a time-ordered back-test needs every lead's creation time; the lead at index " + i + " has none"));
      (created.isBefore(cutoff) ? train : test).add(l);
    }
    return run(schema, train, test, asOf, options, "created before " + cutoff, null);
  }

  /**
   * Trains on the first {@code ceil(trainShare * n)} leads of the list, in its given order, and
   * scores the rest.
   *
   * @param trainShare the share of leads to train on, in (0, 1)
   * @throws IllegalArgumentException unless {@code 0 < trainShare < 1}, or if either part is empty
   * @throws TrainingException as {@link ModelTrainer#train}
   */
  public static BackTestResult firstShare(FeatureSchema schema, List<LabelledLead> leads, double trainShare,
      Instant asOf, TrainingOptions options) {
    return firstShare(schema, leads, trainShare, asOf, options, null);
  }

  /**
   * As {@link #firstShare(FeatureSchema, List, double, Instant, TrainingOptions)}, training from a
   * prior (see {@link ModelTrainer#train(FeatureSchema, List, Instant, TrainingOptions, Prior)}).
   *
   * @param prior the prior, or null for none
   */
  public static BackTestResult firstShare(FeatureSchema schema, List<LabelledLead> leads, double trainShare,
      Instant asOf, TrainingOptions options, Prior prior) {
    if (!(trainShare > 0 && trainShare < 1)) {
      throw new IllegalArgumentException("trainShare must be in (0, 1), got trainShare=" + trainShare);
    }
    int n = leads.size();
    int k = (int) Math.min(n, Math.ceil(trainShare * n * (1 - 1e-12)));
    return run(schema, leads.subList(0, k), leads.subList(k, n), asOf, options, "first " + k + " of " + n + " leads",
        prior);
  }

  private static BackTestResult run(FeatureSchema schema, List<LabelledLead> train, List<LabelledLead> test,
      Instant asOf, TrainingOptions options, String split, Prior prior) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(options, "options");
    if (train.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException("a back-test needs leads on both sides of the split (" + split + "): got "
          + train.size() + " to train on and " + test.size() + " to score");
    }
    TrainedModel model = new ModelTrainer().train(schema, train, asOf, options, prior);
    int d = model.width();
    double[] x = new double[d];
    int m = test.size();
    double[] logits = new double[m];
    boolean[] labels = new boolean[m];
    List<String> ids = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      LabelledLead l = Objects.requireNonNull(test.get(i), "held-out lead is null");
      try {
        model.schema().extract(l.lead(), asOf, x);
      } catch (LeadDataException e) {
        throw new LeadDataException(e.leadId(), e.field(), "held-out row " + i + ": " + e.problem());
      }
      logits[i] = model.logit(x);
      labels[i] = l.converted();
      ids.add(l.lead().id());
    }
    return new BackTestResult(model, split, train.size(), ids, logits, labels);
  }
}
