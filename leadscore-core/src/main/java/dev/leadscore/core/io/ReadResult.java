package dev.leadscore.core.io;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a batch read produced: the leads that could be used, in input order, the rows that could
 * not, and how many records the input held.
 *
 * <p>When the reader was configured with a label column (see {@link
 * LeadCsvReader.Builder#labelColumn}) every accepted lead also carries its outcome and {@link
 * #labelled()} returns them; {@link #leads()} is always available.
 *
 * <p>Each {@link RowError#row()} here is the 1-based physical line number in the input the error
 * is about (for CSV the line where the row starts, the header being line 1; for JSON the line of
 * the offending value). Every record of the leads input is either accepted or reported by one
 * error, so for CSV {@code leads().size() + (errors from the leads file) == rowsRead()}. JSON input
 * may add an error that is no record's: a document that is not an array, or malformed JSON found
 * between two leads or right after a lead that already had an error. Errors from a second input
 * (an event log) come after those of the leads input in {@link #errors()}.
 *
 * <p>Immutable (all lists are unmodifiable copies) and safe to share between threads.
 */
public final class ReadResult {
  private final List<Lead> leads;
  private final List<LabelledLead> labelled;
  private final List<RowError> errors;
  private final int rowsRead;

  private ReadResult(List<Lead> leads, List<LabelledLead> labelled, List<RowError> errors, int rowsRead) {
    this.leads = leads;
    this.labelled = labelled;
    this.errors = errors;
    this.rowsRead = rowsRead;
  }

  /** A result without labels. */
  static ReadResult unlabelled(List<Lead> leads, List<RowError> errors, int rowsRead) {
    return new ReadResult(List.copyOf(leads), null, List.copyOf(errors), rowsRead);
  }

  /** A result whose leads all carry a label. */
  static ReadResult labelled(List<LabelledLead> labelled, List<RowError> errors, int rowsRead) {
    List<LabelledLead> copy = List.copyOf(labelled);
    List<Lead> leads = new ArrayList<>(copy.size());
    for (LabelledLead l : copy) {
      leads.add(l.lead());
    }
    return new ReadResult(Collections.unmodifiableList(leads), copy, List.copyOf(errors), rowsRead);
  }

  /** {@return the accepted leads in input order (unmodifiable)} */
  public List<Lead> leads() {
    return leads;
  }

  /** {@return whether the read had a label column, so that {@link #labelled()} is available} */
  public boolean hasLabels() {
    return labelled != null;
  }

  /**
   * The accepted leads with their outcomes, in input order (unmodifiable).
   *
   * @return the leads with their outcomes
   * @throws IllegalStateException if the reader had no label column ({@link #hasLabels()} is false)
   */
  public List<LabelledLead> labelled() {
    if (labelled == null) {
      throw new IllegalStateException("this read had no label column; configure one with LeadCsvReader.Builder.labelColumn");
    }
    return labelled;
  }

  /** {@return the rows that could not be used, in input order (unmodifiable); empty when all were read} */
  public List<RowError> errors() {
    return errors;
  }

  /** {@return how many records (data rows, array elements, non-blank NDJSON lines) the leads input held, accepted or not} */
  public int rowsRead() {
    return rowsRead;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadResult r
        && rowsRead == r.rowsRead
        && leads.equals(r.leads)
        && Objects.equals(labelled, r.labelled)
        && errors.equals(r.errors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(leads, labelled, errors, rowsRead);
  }

  @Override
  public String toString() {
    return "ReadResult[" + rowsRead + " rows read, " + leads.size() + " leads"
        + (labelled == null ? "" : " (labelled)") + ", " + errors.size() + " errors]";
  }
}
