package dev.leadscore.core.schema;

/**
 * Thrown when a feature schema, or its JSON form, breaks a rule of the data contract. The message
 * names the feature (or JSON path), the rule and the offending value, e.g.
 * {@code feature 'pricing_visits': windowDays must be > 0, got -3}.
 *
 * <p>Immutable and therefore safe to share between threads.
 */
public final class SchemaException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message the whole message, already naming the feature and the rule */
  public SchemaException(String message) {
    super(message);
  }

  /**
   * @param message the whole message; {@code cause} the parser error behind it
   * @param cause the parser error behind it
   */
  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }

  static SchemaException of(String feature, String problem) {
    return new SchemaException("feature '" + feature + "': " + problem);
  }
}
