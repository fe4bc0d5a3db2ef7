package dev.leadscore.rules;

/**
 * Thrown when a rule set, its JSON form, or its binding to a feature schema breaks a rule. The
 * message names the rule (or the JSON path), what was wrong and the offending value, e.g.
 * {@code rule 'pricing_visits': decay: half-life days must be finite and > 0, got -3.0}.
 *
 * <p>Raised when a {@link RuleSet} or a {@link Rule} is built or read (structural problems:
 * unordered bands, a bonus without its parts, an unknown field) and when a {@link RuleScorer} is
 * built (problems that need the schema: an unknown feature, event type or level). Never raised
 * while scoring: bad lead data raises {@link dev.leadscore.core.LeadDataException} instead.
 *
 * <p>Immutable and therefore safe to share between threads.
 */
public final class RuleSetException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message the whole message, already naming the rule and the offending value */
  public RuleSetException(String message) {
    super(message);
  }

  /**
   * An error with the exception behind it.
   *
   * @param message the whole message
   * @param cause the error behind it
   */
  public RuleSetException(String message, Throwable cause) {
    super(message, cause);
  }

  static RuleSetException of(String rule, String problem) {
    return new RuleSetException("rule '" + rule + "': " + problem);
  }
}
