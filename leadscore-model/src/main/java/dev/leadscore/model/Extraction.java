package dev.leadscore.model;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns labelled leads into a row-major raw matrix with a fitted schema, in parallel over fixed
 * row blocks (rows are independent, so the matrix does not depend on the thread count). Stateless.
 */
final class Extraction {
  private Extraction() {}

  /** The most values one matrix may hold: the largest Java array, with a margin for VM headers. */
  static final long MAX_VALUES = Integer.MAX_VALUE - 16L;

  /**
   * Extracts the leads at positions {@code rows[0..count)} of {@code leads} (or all leads when
   * {@code rows} is null), in that order.
   *
   * @return a new {@code count x schema.width()} row-major matrix
   * @throws LeadDataException naming the lead, the field and the row's position in {@code leads}
   *     for a value the schema cannot read; when several rows are bad, the first one in row order
   * @throws TrainingException if the matrix would not fit in one Java array
   */
  static double[] matrix(FittedSchema schema, List<LabelledLead> leads, int[] rows, Instant asOf, Workers workers) {
    int count = rows == null ? leads.size() : rows.length;
    int d = schema.width();
    long size = (long) count * d;
    if (size > MAX_VALUES) {
      throw new TrainingException(count + " leads x " + d + " columns = " + size + " values exceed the largest"
          + " matrix this trainer holds (" + MAX_VALUES + "); train on fewer leads or columns");
    }
    double[] x = new double[(int) size];
    int blocks = Workers.blockCount(count);
    LeadDataException[] errors = new LeadDataException[blocks];
    workers.forEach(blocks, b -> {
      double[] row = new double[d];
      int r0 = Workers.blockStart(count, blocks, b);
      int r1 = Workers.blockStart(count, blocks, b + 1);
      for (int r = r0; r < r1; r++) {
        int index = rows == null ? r : rows[r];
        try {
          schema.extract(leads.get(index).lead(), asOf, row);
        } catch (LeadDataException e) {
          errors[b] = new LeadDataException(e.leadId(), e.field(), "training row " + index + ": " + e.problem());
          return;
        }
        System.arraycopy(row, 0, x, r * d, d);
      }
    });
    for (LeadDataException e : errors) {
      if (e != null) {
        throw e;
      }
    }
    return x;
  }

  /**
   * Fits the schema on the given rows of {@code leads} (all when {@code rows} is null), naming
   * the row of a lead whose value the schema cannot read.
   *
   * @throws LeadDataException naming the lead, the field and its position in {@code leads}
   * @throws dev.leadscore.core.schema.SchemaException as {@link FeatureSchema#fit}
   */
  static FittedSchema fit(FeatureSchema schema, List<LabelledLead> leads, int[] rows, int autoKnots) {
    List<Lead> train = new ArrayList<>(rows == null ? leads.size() : rows.length);
    if (rows == null) {
      for (LabelledLead l : leads) {
        train.add(l.lead());
      }
    } else {
      for (int i : rows) {
        train.add(leads.get(i).lead());
      }
    }
    try {
      return schema.fit(train, autoKnots);
    } catch (LeadDataException e) {
      for (int r = 0; r < train.size(); r++) {
        if (train.get(r).id().equals(e.leadId())) {
          int index = rows == null ? r : rows[r];
          throw new LeadDataException(e.leadId(), e.field(), "training row " + index + ": " + e.problem());
        }
      }
      throw e;
    }
  }

  /** The schema's column names, in order. */
  static String[] columnNames(FittedSchema schema) {
    return schema.columns().stream().map(c -> c.name()).toArray(String[]::new);
  }

  /**
   * Which of the schema's columns are indicators, penalised on their 0/1 scale rather than
   * standardised (see {@link Standardisation}): one-hot levels (categorical levels, quantile bins,
   * title and e-mail classes), missing flags, and the value of a boolean feature. Value, basis and
   * interaction columns of every other kind are numeric.
   */
  static int[] scaleFrom(FittedSchema schema) {
    return scaleFrom(schema.columns());
  }

  /**
   * Per column, the column whose standardisation scale it shares, or -1: a hinge ({@link
   * Column.Role#BASIS}) column shares its feature's value column's (see {@link Standardisation}).
   */
  static int[] scaleFrom(List<Column> columns) {
    int[] out = new int[columns.size()];
    java.util.Map<String, Integer> value = new java.util.HashMap<>();
    for (Column c : columns) {
      if (c.role() == Column.Role.VALUE) {
        value.put(c.feature(), c.index());
      }
    }
    for (Column c : columns) {
      Integer v = value.get(c.feature());
      out[c.index()] = c.role() == Column.Role.BASIS && v != null ? v : -1;
    }
    return out;
  }

  static boolean[] indicators(FittedSchema schema) {
    List<Column> columns = schema.columns();
    boolean[] out = new boolean[columns.size()];
    for (Column c : columns) {
      out[c.index()] = c.role() == Column.Role.LEVEL || c.role() == Column.Role.MISSING_FLAG
          || (c.role() == Column.Role.VALUE
              && schema.schema().features().get(schema.featureIndex(c.feature())) instanceof BooleanFeature);
    }
    return out;
  }
}
