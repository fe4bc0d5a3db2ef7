package dev.leadscore.model;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.List;

/**
 * What a team believed before it had data, as points per lead: typically a rule set's score. The
 * trainer turns the points into the weights of the schema's columns that reproduce them best (see
 * {@link ModelTrainer#train(dev.leadscore.core.schema.FeatureSchema, List, Instant, TrainingOptions,
 * Prior)}) and centres the L2 penalty there, so a model fitted on little data ranks like the prior and
 * one fitted on more learns past it.
 *
 * <p>Implementations must be deterministic and safe to call from the training thread; they are
 * called once per cross-validation fold and once for the final fit.
 */
@FunctionalInterface
public interface Prior {
  /**
   * The points of each lead, higher meaning likelier to convert (any monotone scale: the trainer
   * learns the scale from the labels).
   *
   * @param fitted the schema fitted on the training leads of this fit
   * @param leads the training leads of this fit
   * @param asOf the instant features are extracted at
   * @return one finite value per lead, in order
   */
  double[] points(FittedSchema fitted, List<Lead> leads, Instant asOf);
}
