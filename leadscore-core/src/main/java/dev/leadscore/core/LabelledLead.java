package dev.leadscore.core;

import java.util.Objects;

/**
 * A lead with its known outcome: the unit of training and evaluation data.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param lead the lead
 * @param converted whether it converted
 */
public record LabelledLead(Lead lead, boolean converted) {
  /**
   * @param lead the lead
   * @param converted whether it converted
   * @throws NullPointerException if {@code lead} is null
   */
  public LabelledLead {
    Objects.requireNonNull(lead, "lead");
  }
}
