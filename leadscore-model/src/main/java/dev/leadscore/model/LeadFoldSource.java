package dev.leadscore.model;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.SchemaException;
import java.time.Instant;
import java.util.List;

/**
 * Cross-validation folds over labelled leads: for each fold the declared schema is fitted on that
 * fold's training leads only, and both the training and the held-out leads are extracted with that
 * fold's fitted schema (so imputation values and category levels never see held-out rows).
 *
 * <p>Two layouts: K-fold (fold {@code k} holds out the leads assigned {@code k} and trains on the
 * rest) and forward chaining ({@link Folds#forwardBlocks}: fold {@code k} trains on blocks {@code
 * 0..k} and holds out block {@code k + 1}, leaving later blocks out). Anything else chosen on
 * held-out leads (bases, interactions) can reuse this source with {@link CrossValidation}.
 */
final class LeadFoldSource implements FoldSource {
  private final FeatureSchema schema;
  private final List<LabelledLead> leads;
  private final boolean[] y;
  private final int[] fold;
  private final int folds;
  private final Instant asOf;
  private final boolean forward;
  private final int autoKnots;
  private final Prior prior;

  /**
   * @param fold per lead, its K-fold assignment in {@code [0, folds)}, or its forward-chaining block
   *     in {@code 0..folds} when {@code forward}
   * @param forward whether {@code fold} holds forward-chaining blocks ({@link Folds#forwardBlocks})
   * @param autoKnots knots of the automatic hinge basis fitted in each fold (0: none)
   * @param prior the prior whose points centre each fold's penalty, or null
   */
  LeadFoldSource(FeatureSchema schema, List<LabelledLead> leads, boolean[] y, int[] fold, int folds, Instant asOf,
      boolean forward, int autoKnots, Prior prior) {
    this.schema = schema;
    this.leads = leads;
    this.y = y;
    this.fold = fold;
    this.folds = folds;
    this.asOf = asOf;
    this.forward = forward;
    this.autoKnots = autoKnots;
    this.prior = prior;
  }

  @Override
  public int rows() {
    return leads.size();
  }

  @Override
  public boolean[] labels() {
    return y;
  }

  @Override
  public int folds() {
    return folds;
  }

  @Override
  public FoldData fold(int k, Workers workers) {
    int n = leads.size();
    int held = forward ? k + 1 : k;
    int test = 0;
    int train = 0;
    for (int f : fold) {
      if (f == held) {
        test++;
      } else if (!forward || f < held) {
        train++;
      }
    }
    int[] trainRows = new int[train];
    int[] testRows = new int[test];
    boolean[] trainY = new boolean[train];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (fold[i] == held) {
        testRows[b++] = i;
      } else if (!forward || fold[i] < held) {
        trainY[a] = y[i];
        trainRows[a++] = i;
      }
    }
    FittedSchema fitted;
    try {
      fitted = Extraction.fit(schema, leads, trainRows, autoKnots);
    } catch (SchemaException e) {
      throw new TrainingException("cross-validation fold " + (k + 1) + " of " + folds
          + ": the schema cannot be fitted on the fold's " + trainRows.length + " training leads: " + e.getMessage(), e);
    }
    double[] trainX = Extraction.matrix(fitted, leads, trainRows, asOf, workers);
    double[] testX = Extraction.matrix(fitted, leads, testRows, asOf, workers);
    return new FoldData(trainX, trainRows.length, trainY, testX, test, testRows, fitted.width(),
        Extraction.columnNames(fitted), Extraction.indicators(fitted), fitted.columns(),
        prior == null ? null : ModelTrainer.priorPoints(prior, fitted, leads, trainRows, asOf));
  }
}
