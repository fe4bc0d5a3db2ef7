package dev.leadscore.core;

import java.util.Objects;

/**
 * Thrown when a lead's data cannot be used as given: the message always names the lead, the
 * field and what was wrong with it, e.g. {@code lead 'L-17', field 'company_size': NaN is not a
 * number a lead can have}.
 *
 * <p>Batch APIs catch this per row, record it as a {@link RowError} and go on with the other
 * rows. Immutable and therefore safe to share between threads.
 */
public final class LeadDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The lead's id, or {@code null} when the id itself is the problem. */
  private final String leadId;
  /** The attribute, event or column at fault. */
  private final String field;
  /** What was wrong, in words. */
  private final String problem;

  /**
   * @param leadId the lead's id, or {@code null} when the id itself is the problem
   * @param field the attribute, event or column at fault
   * @param problem what was wrong, in words
   */
  public LeadDataException(String leadId, String field, String problem) {
    super("lead " + (leadId == null ? "<no id>" : "'" + leadId + "'") + ", field '" + field + "': " + problem);
    this.leadId = leadId;
    this.field = Objects.requireNonNull(field, "field");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** {@return the lead's id, or {@code null} when the lead had none} */
  public String leadId() {
    return leadId;
  }

  /** {@return the attribute, event type or column that was at fault} */
  public String field() {
    return field;
  }

  /** {@return what was wrong, without the lead and field prefix} */
  public String problem() {
    return problem;
  }
}
