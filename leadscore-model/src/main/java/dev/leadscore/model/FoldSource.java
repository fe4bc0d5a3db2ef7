package dev.leadscore.model;

/**
 * Supplies the matrices of each cross-validation fold. An implementation fits whatever is learned
 * from data (the feature schema) on the fold's training rows only and extracts both sides with
 * that fit.
 */
interface FoldSource {
  /** Rows in the full data set. */
  int rows();

  /** The labels of the full data set, indexed like {@link FoldData#testIndex()}. */
  boolean[] labels();

  /** Number of folds. */
  int folds();

  /** Builds fold {@code k}'s matrices; may use the workers for extraction. */
  FoldData fold(int k, Workers workers);
}
