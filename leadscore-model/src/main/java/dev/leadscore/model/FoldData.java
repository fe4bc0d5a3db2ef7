package dev.leadscore.model;

/**
 * One cross-validation fold's matrices: raw training rows (row-major, {@code trainRows x width};
 * handed to a {@link LambdaPath}, which overwrites them) and raw test rows with their positions in
 * the full data set. Column names describe this fold's columns, which may differ from another
 * fold's when the schema learned different category levels. {@code indicators} marks the columns
 * kept on their 0/1 scale (see {@link Standardisation}), or is null when every column is numeric.
 */
record FoldData(double[] trainX, int trainRows, boolean[] trainY, double[] testX, int testRows, int[] testIndex,
    int width, String[] columnNames, boolean[] indicators) {}
