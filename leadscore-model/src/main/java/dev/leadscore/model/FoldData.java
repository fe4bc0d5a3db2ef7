package dev.leadscore.model;

import dev.leadscore.core.schema.Column;
import java.util.List;

/**
 * One cross-validation fold's matrices: raw training rows (row-major, {@code trainRows x width};
 * handed to a {@link LambdaPath}, which overwrites them) and raw test rows with their positions in
 * the full data set. Column names describe this fold's columns, which may differ from another
 * fold's when the schema learned different category levels. {@code indicators} marks the columns
 * kept on their 0/1 scale (see {@link Standardisation}), or is null when every column is numeric.
 * {@code columns} describes the columns (roles and features) when the rows come from a schema, else
 * it is null. {@code trainPrior} holds a {@link Prior}'s points of the training rows, or is null.
 */
record FoldData(double[] trainX, int trainRows, boolean[] trainY, double[] testX, int testRows, int[] testIndex,
    int width, String[] columnNames, boolean[] indicators, List<Column> columns, double[] trainPrior) {}
