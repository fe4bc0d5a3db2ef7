package dev.leadscore.model;

/**
 * Folds over an already numeric matrix with a given fold assignment (used by the golden parity
 * tests and for data that needs no schema). Copies rows out of the matrix, which it never
 * modifies.
 */
final class MatrixFoldSource implements FoldSource {
  private final double[] x;
  private final int n;
  private final int d;
  private final boolean[] y;
  private final int[] fold;
  private final int folds;
  private final String[] names;
  private final boolean[] indicators;

  MatrixFoldSource(double[] x, int n, int d, boolean[] y, int[] fold, int folds, String[] names) {
    this(x, n, d, y, fold, folds, names, null);
  }

  /** As above, with the indicator columns (see {@link Standardisation}), or null for none. */
  MatrixFoldSource(double[] x, int n, int d, boolean[] y, int[] fold, int folds, String[] names,
      boolean[] indicators) {
    if (y.length != n || fold.length != n) {
      throw new IllegalArgumentException("labels and folds need " + n + " entries, got " + y.length + " and " + fold.length);
    }
    for (int i = 0; i < n; i++) {
      if (fold[i] < 0 || fold[i] >= folds) {
        throw new IllegalArgumentException("fold of row " + i + " must be in [0, " + folds + "), got " + fold[i]);
      }
    }
    this.x = x;
    this.n = n;
    this.d = d;
    this.y = y;
    this.fold = fold;
    this.folds = folds;
    this.names = names;
    this.indicators = indicators;
  }

  @Override
  public int rows() {
    return n;
  }

  @Override
  public boolean[] labels() {
    return y;
  }

  @Override
  public int folds() {
    return folds;
  }

  @Override
  public FoldData fold(int k, Workers workers) {
    int test = 0;
    for (int f : fold) {
      if (f == k) {
        test++;
      }
    }
    int train = n - test;
    double[] trainX = new double[train * d];
    double[] testX = new double[test * d];
    boolean[] trainY = new boolean[train];
    int[] testIndex = new int[test];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (fold[i] == k) {
        System.arraycopy(x, i * d, testX, b * d, d);
        testIndex[b++] = i;
      } else {
        System.arraycopy(x, i * d, trainX, a * d, d);
        trainY[a++] = y[i];
      }
    }
    return new FoldData(trainX, train, trainY, testX, test, testIndex, d, names, indicators, null, null);
  }
}
