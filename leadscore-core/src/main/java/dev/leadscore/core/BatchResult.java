package dev.leadscore.core;

import java.util.List;

/**
 * What a batch call produced: the scores of the rows that could be scored, in input order, and
 * one {@link RowError} per row that could not ({@link RowError#row()} is the 0-based index into
 * the input list). Every input row is in exactly one of the two lists.
 *
 * <p>Immutable record (the lists are unmodifiable copies), safe to share between threads.
 *
 * @param scores the scores, in input order
 * @param errors the failed rows, in input order
 */
public record BatchResult(List<Score> scores, List<RowError> errors) {
  /**
   * Copies both lists.
   *
   * @param scores the scores, in input order
   * @param errors the failed rows, in input order
   */
  public BatchResult {
    scores = List.copyOf(scores);
    errors = List.copyOf(errors);
  }

  /** {@return whether every row was scored} */
  public boolean allScored() {
    return errors.isEmpty();
  }
}
