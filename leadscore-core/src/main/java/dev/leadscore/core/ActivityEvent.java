package dev.leadscore.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing a lead did at one instant: a page visit, an email open, a demo request. Event types
 * are free strings matched exactly (case-sensitive) against the types a feature schema reads;
 * events of other types are kept on the lead but ignored by extraction.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param type the event type, non-blank, e.g. {@code "pricing_page_visit"}
 * @param at when it happened
 * @param count how many times it happened at that instant (1 for a single event); never negative
 */
public record ActivityEvent(String type, Instant at, int count) {
  /**
   * @param type the event type, non-blank, e.g. {@code "pricing_page_visit"}
   * @param at when it happened
   * @param count how many times it happened at that instant (1 for a single event); never negative
   * @throws IllegalArgumentException if the type is blank or the count negative
   */
  public ActivityEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    if (type.isBlank()) {
      throw new IllegalArgumentException("an event type must not be blank");
    }
    if (count < 0) {
      throw new IllegalArgumentException("event '" + type + "' count must be >= 0, got " + count);
    }
  }

  /**
   * A single event ({@code count = 1}).
   *
   * @param type the event type, non-blank, e.g. {@code "pricing_page_visit"}
   * @param at when it happened
   */
  public ActivityEvent(String type, Instant at) {
    this(type, at, 1);
  }
}
