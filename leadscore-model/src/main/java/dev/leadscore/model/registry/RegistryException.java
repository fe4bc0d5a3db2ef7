package dev.leadscore.model.registry;

/**
 * A {@link ModelRegistry} operation was refused or found damaged content: an unknown version, a
 * version file whose content does not match its name's hash or fails the artifact's own checks
 * (checksum, format, consistency), a schema that differs from the host's, no active version, no
 * earlier activation to roll back to, an artifact that is not valid, or a damaged active-pointer
 * file. The message names the file or version, the rule and the value. I/O failures (disk full,
 * permissions) are reported as {@link java.io.IOException} instead.
 *
 * <p>Immutable and therefore safe to share between threads.
 */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the whole message, naming the file or version and what is wrong */
  public RegistryException(String message) {
    super(message);
  }

  /** @param message the whole message; {@code cause} the failure behind it */
  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
