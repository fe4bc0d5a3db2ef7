package dev.leadscore.model;

/**
 * How training validates what it chooses on held-out leads (lambda; the same folds serve any
 * other choice made by cross-validation).
 */
public enum FoldScheme {
  /**
   * Stratified K-fold cross-validation over the leads in a seeded random order: right when the
   * leads have no time order, or it is not known.
   */
  STRATIFIED,
  /**
   * Forward chaining for leads given oldest first: the list, in its given order, is cut into {@code
   * K + 1} consecutive blocks of equal size (to within one), and validation {@code k = 1..K} fits on
   * blocks {@code 0..k-1} and predicts block {@code k}. Every choice is then made on leads later
   * than those it was fitted on, as the model will be used, so a drifting pipeline does not
   * reward a penalty that only suits random folds. The calibrator and the tier cut-offs are still
   * fitted on stratified out-of-fold predictions of the chosen lambda, which cover every lead.
   */
  FORWARD_CHAINING
}
