package dev.leadscore.core.ops;

import dev.leadscore.core.RowError;
import java.util.List;

/**
 * What {@link Experiment#scoreAll} produced: the scores of the leads whose assigned arm could
 * score them, in input order, and one {@link RowError} (0-based index into the input list) per
 * lead it could not, or per null row. Every input row is in exactly one of the two lists, so
 * {@code scores.size() + errors.size()} is the number of leads passed in.
 *
 * <p>Immutable record (the lists are unmodifiable copies), safe to share between threads.
 *
 * @param scores the experiment scores, in input order
 * @param errors the rows that could not be scored, in input order
 */
public record ExperimentBatch(List<ExperimentScore> scores, List<RowError> errors) {
  /**
   * Copies both lists.
   *
   * @param scores the experiment scores, in input order
   * @param errors the rows that could not be scored, in input order
   */
  public ExperimentBatch {
    scores = List.copyOf(scores);
    errors = List.copyOf(errors);
  }

  /** {@return whether every row was scored} */
  public boolean allScored() {
    return errors.isEmpty();
  }
}
