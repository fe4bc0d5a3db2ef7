package dev.leadscore.model;

/**
 * Thrown when a model cannot be trained on the data and options given: the solver did not
 * converge, the Hessian was singular (perfectly collinear columns or separable classes without
 * regularisation), a class is missing, or a fold has too few rows. The message says what failed,
 * with the values involved (lambda, iteration, gradient, fold) and what to change.
 *
 * <p>Immutable and therefore safe to share between threads.
 */
public final class TrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the whole message, naming what failed and the values involved */
  public TrainingException(String message) {
    super(message);
  }

  /** @param message the whole message; {@code cause} the failure behind it */
  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
