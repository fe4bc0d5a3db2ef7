package dev.leadscore.core.schema;

import java.util.List;

/**
 * Days since the most recent event of the given types at or before {@code asOf}, capped at
 * {@code capDays}. An event recorded with count 0 happened zero times and is not an event here. A lead with no such event gets {@code capDays} ("long ago") and, when
 * {@code missingFlag} is set, a 1 in {@code <name>_missing} so a model can tell "never" from
 * "a long time ago".
 *
 * <p>Columns: {@code <name>} and optionally {@code <name>_missing}. Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param eventTypes the event types considered (non-empty)
 * @param capDays the largest value, in days, finite and {@code > 0}
 * @param missingFlag whether to add the "no such event" column
 */
public record RecencyFeature(FeatureInfo info, List<String> eventTypes, double capDays, boolean missingFlag)
    implements FeatureSpec {

  /**
   * @param info name, family, reasons
   * @param eventTypes the event types considered (non-empty)
   * @param capDays the largest value, in days, finite and {@code > 0}
   * @param missingFlag whether to add the "no such event" column
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public RecencyFeature {
    eventTypes = Specs.eventTypes(info, eventTypes);
    if (!(capDays > 0) || !Double.isFinite(capDays)) {
      throw SchemaException.of(info.name(), "capDays must be finite and > 0, got " + capDays);
    }
  }

  @Override
  public String kind() {
    return RecencyKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new RecencyKind(this);
  }
}
