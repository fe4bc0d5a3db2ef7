package dev.leadscore.core;

import java.util.Objects;

/**
 * One typed attribute of a {@link Lead}: a number, a piece of text, a boolean, or explicitly
 * absent. CRM exports are untyped, so feature extraction also accepts text where it expects a
 * number or a boolean and parses it (see {@code dev.leadscore.core.schema}).
 *
 * <p>All implementations are immutable records, safe to share between threads.
 */
public sealed interface AttributeValue
    permits AttributeValue.Num, AttributeValue.Text, AttributeValue.Bool, AttributeValue.Absent {

  /** The value explicitly recorded as absent (a field the source had but left empty). */
  AttributeValue ABSENT = Absent.INSTANCE;

  /**
   * Shown in explanations and error messages.
   *
   * @return the value as text for explanations and error messages
   */
  String display();

  /** A finite number; units are whatever the attribute declares (employees, dollars, visits). */
  record Num(double value) implements AttributeValue {
    /**
     * @param value the number, finite, in the attribute's own units
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public Num {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a number attribute must be finite, got " + value);
      }
    }

    @Override
    public String display() {
      return value == Math.rint(value) && Math.abs(value) < 1e15
          ? Long.toString((long) value)
          : Double.toString(value);
    }
  }

  /** Free text exactly as the source gave it (not trimmed or normalised here). */
  record Text(String value) implements AttributeValue {
    /**
     * @param value the text as the source gave it, not null
     * @throws NullPointerException if {@code value} is null
     */
    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String display() {
      return value;
    }
  }

  /** A boolean flag. */
  record Bool(boolean value) implements AttributeValue {
    @Override
    public String display() {
      return Boolean.toString(value);
    }
  }

  /** Marker for a field that exists but holds no value. */
  enum Absent implements AttributeValue {
    /** The single absent value. */
    INSTANCE;

    @Override
    public String display() {
      return "absent";
    }
  }
}
