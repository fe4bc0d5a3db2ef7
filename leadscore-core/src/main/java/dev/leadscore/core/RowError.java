package dev.leadscore.core;

import java.util.Objects;

/**
 * One row that a batch could not use, and why. Batch readers and scorers collect these and go on
 * with the other rows, so nothing is dropped without being reported.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param row the row's position: the 1-based line number in a file, or the 0-based index in a
 *     list passed to a batch method (the producer's Javadoc says which)
 * @param leadId the lead's id when it is known, else {@code null}
 * @param field the field, column or attribute at fault, or {@code null} when the whole row is
 * @param message what was wrong, naming the value
 */
public record RowError(long row, String leadId, String field, String message) {
  /**
   * @param row the row's position: the 1-based line number in a file, or the 0-based index in a list passed
   *     to a batch method (the producer's Javadoc says which)
   * @param leadId the lead's id when it is known, else {@code null}
   * @param field the field, column or attribute at fault, or {@code null} when the whole row is
   * @param message what was wrong, naming the value
   * @throws NullPointerException if {@code message} is null
   */
  public RowError {
    Objects.requireNonNull(message, "message");
  }

  /**
   * The error a {@link LeadDataException} describes, at the given row.
   *
   * @param row the row's position
   * @param e the error naming the lead and field
   * @return the row error
   */
  public static RowError of(long row, LeadDataException e) {
    return new RowError(row, e.leadId(), e.field(), e.getMessage());
  }

  @Override
  public String toString() {
    return "row " + row + (leadId == null ? "" : " (lead '" + leadId + "')")
        + (field == null ? "" : ", field '" + field + "'") + ": " + message;
  }
}
