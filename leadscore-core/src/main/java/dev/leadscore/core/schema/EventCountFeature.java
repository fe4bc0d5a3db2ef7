package dev.leadscore.core.schema;

import java.util.List;

/**
 * How many events of the given types happened in the {@code windowDays} before {@code asOf},
 * each weighted by its {@link Decay} and multiplied by its count; then capped at {@code cap} and
 * optionally {@code log1p}-transformed. Events after {@code asOf} are ignored. An event exactly
 * {@code windowDays} old is inside the window. A lead with no such events has value 0: here
 * zero is an observation ("never visited"), not a missing value.
 *
 * <p>One column {@code <name>}. Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param eventTypes the event types counted (non-empty)
 * @param windowDays how far back to look, in days, {@code > 0}; {@code +Infinity} for all history
 * @param decay the weight of an event by its age
 * @param cap the largest value counted (before {@code log1p}), {@code > 0}; {@code +Infinity} for none
 * @param log1p whether to take {@code ln(1 + value)}
 */
public record EventCountFeature(FeatureInfo info, List<String> eventTypes, double windowDays, Decay decay,
    double cap, boolean log1p) implements FeatureSpec {

  /**
   * @param info name, family, reasons
   * @param eventTypes the event types counted (non-empty)
   * @param windowDays how far back to look, in days, {@code > 0}; {@code +Infinity} for all history
   * @param decay the weight of an event by its age
   * @param cap the largest value counted (before {@code log1p}), {@code > 0}; {@code +Infinity} for none
   * @param log1p whether to take {@code ln(1 + value)}
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public EventCountFeature {
    eventTypes = Specs.eventTypes(info, eventTypes);
    if (!(windowDays > 0)) {
      throw SchemaException.of(info.name(), "windowDays must be > 0, got " + windowDays);
    }
    if (decay == null) {
      throw SchemaException.of(info.name(), "decay is required (use none)");
    }
    if (!(cap > 0)) {
      throw SchemaException.of(info.name(), "cap must be > 0, got " + cap);
    }
  }

  /**
   * An undecayed, uncapped count over the last {@code windowDays}.
   *
   * @param info name, family, reasons
   * @param eventType the event type counted
   * @param windowDays how far back to count, in days
   * @return the feature
   */
  public static EventCountFeature of(FeatureInfo info, String eventType, double windowDays) {
    return new EventCountFeature(info, List.of(eventType), windowDays, Decay.none(), Double.POSITIVE_INFINITY, false);
  }

  @Override
  public String kind() {
    return EventCountKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new EventCountKind(this);
  }
}
