package dev.leadscore.model;

/**
 * Thrown when a model artifact cannot be read: not JSON, another format or format version, a
 * checksum or schema fingerprint that does not match the content, a missing, unknown or
 * mistyped field, or parts that do not fit together. The message names the field (as a JSON
 * path such as {@code model.weights[3]}), the rule and the value found.
 *
 * <p>Immutable and therefore safe to share between threads.
 */
public final class ArtifactException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message the whole message, naming the field and what is wrong */
  public ArtifactException(String message) {
    super(message);
  }

  /** @param message the whole message; {@code cause} the failure behind it */
  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
