package dev.leadscore.model;

import java.util.List;
import java.util.Objects;

/**
 * Averages over the training rows that exact linear explanations need: the mean of every column
 * ({@code E[x_j]}, in extraction units), and for every interaction column {@code x_a * x_b} the
 * moments {@code E[x_a x_b]}, {@code E[x_a]} and {@code E[x_b]} of its two parents, with which the
 * explainer splits the interaction's contribution between them by the two-player Shapley rule.
 *
 * <p>Computed by the trainer over all training rows (the final fit's data), in row order.
 * Immutable; {@link #columnMeans()} returns a copy. Safe to share between threads.
 */
final class BackgroundStats {
  private final int rows;
  private final double[] columnMeans;
  private final List<InteractionMoments> interactions;

  /**
   * The moments of one interaction column.
   *
   * @param column the interaction column's name
   * @param columnIndex its index
   * @param left the first parent column's name
   * @param leftIndex its index
   * @param right the second parent column's name
   * @param rightIndex its index
   * @param meanProduct {@code E[x_left * x_right]}
   * @param meanLeft {@code E[x_left]}
   * @param meanRight {@code E[x_right]}
   */
  record InteractionMoments(String column, int columnIndex, String left, int leftIndex, String right,
      int rightIndex, double meanProduct, double meanLeft, double meanRight) {
    /** @throws NullPointerException if a name is null */
    InteractionMoments {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  BackgroundStats(int rows, double[] columnMeans, List<InteractionMoments> interactions) {
    if (rows < 1) {
      throw new IllegalArgumentException("background rows must be >= 1, got " + rows);
    }
    for (int j = 0; j < columnMeans.length; j++) {
      if (!Double.isFinite(columnMeans[j])) {
        throw new IllegalArgumentException("background columnMeans[" + j + "] must be finite, got " + columnMeans[j]);
      }
    }
    this.rows = rows;
    this.columnMeans = columnMeans.clone();
    this.interactions = List.copyOf(interactions);
  }

  /** Rows the averages were taken over. */
  int rows() {
    return rows;
  }

  /** {@code E[x_j]} for every column, in column order (a copy). */
  double[] columnMeans() {
    return columnMeans.clone();
  }

  /** {@code E[x_j]} of one column, without copying. */
  double columnMean(int j) {
    return columnMeans[j];
  }

  /** Number of columns. */
  int width() {
    return columnMeans.length;
  }

  /** The moments of every interaction column, in column order (unmodifiable). */
  List<InteractionMoments> interactions() {
    return interactions;
  }
}
