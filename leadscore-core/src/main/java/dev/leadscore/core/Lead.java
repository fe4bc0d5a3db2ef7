package dev.leadscore.core;

import dev.leadscore.core.internal.EventColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One lead in the pipeline: an id, typed attributes (who they are) and activity events (what
 * they did). This is the raw input every scorer takes; a {@code FeatureSchema} turns it into
 * numbers.
 *
 * <p>Build one with {@link #builder(String)}. The builder validates as it goes and throws a
 * {@link LeadDataException} naming the lead and the field for a blank id, a NaN or infinite
 * number, a negative event count or a null name. Instances are immutable and safe to share
 * between threads; the attribute map and event list are unmodifiable views built once.
 */
public final class Lead {
  private final String id;
  private final AttributeTable attributes;
  private final EventColumns events;
  private final Instant createdAt;

  private Lead(Builder b) {
    this.id = b.id;
    // Immutable copies. Attribute iteration order is unspecified (writers sort by name). The
    // attribute table is built for extraction's lookups (up to twice the slots of Map.copyOf).
    this.attributes = AttributeTable.copyOf(b.attributes);
    // Held column by column for the scorers' event passes; seen as an unmodifiable List whose
    // elements are built on access (see events()).
    this.events = EventColumns.copyOf(b.events);
    this.createdAt = b.createdAt;
  }

  /**
   * Starts a lead.
   *
   * @param id the lead's id, not blank
   * @return a new builder for a lead with that id
   * @throws LeadDataException if {@code id} is null or blank
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** {@return the lead's id, unique within a pipeline; never blank} */
  public String id() {
    return id;
  }

  /** {@return all attributes by name (unmodifiable; iteration order unspecified)} */
  public Map<String, AttributeValue> attributes() {
    return attributes;
  }

  /**
   * The attribute of that name, or {@link AttributeValue#ABSENT} when the lead has none.
   *
   * @param name the attribute's name
   * @return its value, or {@link AttributeValue#ABSENT}
   */
  public AttributeValue attribute(String name) {
    AttributeValue v = attributes.lookup(name);
    return v == null ? AttributeValue.ABSENT : v;
  }

  /**
   * All events in the order they were added (unmodifiable); may include events after any asOf.
   * The lead stores events compactly (16 to 20 bytes each) and builds each element on access:
   * elements are equal to the events added, not the same instances.
   *
   * @return the events, unmodifiable, in the order added
   */
  public List<ActivityEvent> events() {
    return events;
  }

  /** {@return when the lead entered the pipeline, if known; used by time-ordered back-tests} */
  public Optional<Instant> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  /** {@return a builder primed with this lead's data, for deriving a modified copy} */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.attributes.putAll(attributes);
    b.events = events; // shared until the builder adds an event: no records rebuilt
    b.createdAt = createdAt;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lead other
        && id.equals(other.id)
        && attributes.equals(other.attributes)
        && events.equals(other.events)
        && Objects.equals(createdAt, other.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, attributes, events, createdAt);
  }

  @Override
  public String toString() {
    return "Lead[" + id + ", " + attributes.size() + " attributes, " + events.size() + " events]";
  }

  /**
   * Collects a lead's data. Not thread-safe; use one builder per thread. Each setter validates
   * its input and names the lead and the field when it refuses it.
   */
  public static final class Builder {
    private final String id;
    private final Map<String, AttributeValue> attributes = new HashMap<>();
    // A lead's own immutable events after toBuilder(), replaced by a copy on the first add.
    private List<ActivityEvent> events = new ArrayList<>();
    private Instant createdAt;

    private Builder(String id) {
      if (id == null) {
        throw new LeadDataException(null, "id", "a lead id is required, got null");
      }
      if (id.isBlank()) {
        throw new LeadDataException(null, "id", "a lead id must not be blank, got '" + id + "'");
      }
      this.id = id;
    }

    /**
     * Sets a numeric attribute.
     *
     * @param name the attribute's name
     * @param value the number, finite
     * @return this builder
     * @throws LeadDataException if the value is NaN or infinite
     */
    public Builder number(String name, double value) {
      checkName(name);
      if (!Double.isFinite(value)) {
        throw new LeadDataException(id, name, value + " is not a number a lead can have (must be finite)");
      }
      attributes.put(name, new AttributeValue.Num(value));
      return this;
    }

    /**
     * Sets a text attribute; {@code null} records the attribute as absent.
     *
     * @param name the attribute's name
     * @param value the text, or {@code null} for absent
     * @return this builder
     */
    public Builder text(String name, String value) {
      checkName(name);
      attributes.put(name, value == null ? AttributeValue.ABSENT : new AttributeValue.Text(value));
      return this;
    }

    /**
     * Sets a boolean attribute.
     *
     * @param name the attribute's name
     * @param value the value
     * @return this builder
     */
    public Builder bool(String name, boolean value) {
      checkName(name);
      attributes.put(name, new AttributeValue.Bool(value));
      return this;
    }

    /**
     * Records the attribute as present in the source but empty.
     *
     * @param name the attribute's name
     * @return this builder
     */
    public Builder absent(String name) {
      checkName(name);
      attributes.put(name, AttributeValue.ABSENT);
      return this;
    }

    /**
     * Sets an attribute from an already typed value; {@code null} means absent.
     *
     * @param name the attribute's name
     * @param value the typed value, or {@code null} for absent
     * @return this builder
     */
    public Builder attribute(String name, AttributeValue value) {
      checkName(name);
      if (value instanceof AttributeValue.Num n) {
        return number(name, n.value());
      }
      attributes.put(name, value == null ? AttributeValue.ABSENT : value);
      return this;
    }

    /**
     * Adds one occurrence of an event.
     *
     * @param type the event type, not blank
     * @param at when it happened
     * @return this builder
     */
    public Builder event(String type, Instant at) {
      return event(type, at, 1);
    }

    /**
     * Adds {@code count} occurrences of an event at one instant.
     *
     * @param type the event type, not blank
     * @param at when it happened
     * @param count how many occurrences, {@code >= 0}
     * @return this builder
     * @throws LeadDataException if the type is blank, the instant null or the count negative
     */
    public Builder event(String type, Instant at, int count) {
      if (type == null || type.isBlank()) {
        throw new LeadDataException(id, "event type", "an event type must not be blank, got " + (type == null ? "null" : "'" + type + "'"));
      }
      if (at == null) {
        throw new LeadDataException(id, "event '" + type + "'", "the event has no timestamp");
      }
      if (count < 0) {
        throw new LeadDataException(id, "event '" + type + "'", "count must be >= 0, got " + count);
      }
      mutableEvents().add(new ActivityEvent(type, at, count));
      return this;
    }

    /**
     * Adds an event built elsewhere.
     *
     * @param event the event, not null
     * @return this builder
     */
    public Builder event(ActivityEvent event) {
      Objects.requireNonNull(event, "event");
      mutableEvents().add(event);
      return this;
    }

    /**
     * Sets when the lead entered the pipeline.
     *
     * @param createdAt when the lead was created, or {@code null} if unknown
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** {@return the lead's id, for error messages of code that fills the builder} */
    public String id() {
      return id;
    }

    /**
     * Builds the immutable lead; the builder may be reused afterwards.
     *
     * @return the lead
     */
    public Lead build() {
      return new Lead(this);
    }

    private List<ActivityEvent> mutableEvents() {
      if (events instanceof EventColumns) {
        events = new ArrayList<>(events);
      }
      return events;
    }

    private void checkName(String name) {
      if (name == null || name.isBlank()) {
        throw new LeadDataException(id, String.valueOf(name), "an attribute name must not be blank");
      }
    }
  }
}
