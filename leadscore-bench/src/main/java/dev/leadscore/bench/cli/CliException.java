package dev.leadscore.bench.cli;

/**
 * A failure the command line reports as one message without a stack trace: bad input files, a
 * schema or rule set that does not fit the data, too few rows to train on. Exit code 1.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its message. */
  public CliException(String message) {
    super(message);
  }

  /** A failure with its message and cause. */
  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
