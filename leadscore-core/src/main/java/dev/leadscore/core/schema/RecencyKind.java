package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link RecencyFeature} kind: JSON form, extraction, columns, offers. */
final class RecencyKind extends FeatureKind {
  static final String NAME = "recency";
  static final Set<String> FIELDS = Set.of("eventTypes", "capDays", "missingFlag");

  private final RecencyFeature f;

  RecencyKind(RecencyFeature f) {
    super(f);
    this.f = f;
  }

  static RecencyFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    return new RecencyFeature(info, ctx.strings(n, "eventTypes"), ctx.requiredFinite(n, "capDays"),
        ctx.optBool(n, "missingFlag", false));
  }

  @Override
  void writeJson(ObjectNode o) {
    SchemaJson.putStrings(o, "eventTypes", f.eventTypes());
    o.put("capDays", f.capDays());
    o.put("missingFlag", f.missingFlag());
  }

  @Override
  FittedFeature fit(List<Lead> leads) {
    return null; // "never" is the cap (and the flag): nothing to impute
  }

  @Override
  CompiledFeature compile(int offset, FittedFeature ff, Map<String, Integer> columnIndex) {
    return new Compiled(f, offset);
  }

  @Override
  List<Column> columns(int offset, FittedFeature ff) {
    return valueColumns(offset, f.missingFlag());
  }

  @Override
  FeatureOffers offers() {
    return FeatureOffers.none()
        .withBands(true, false, (from, to) -> to <= 0 || from > f.capDays()
            ? "recency feature '" + f.name() + "' takes values in [0, " + f.capDays() + "] days" : null)
        .withLever(FeatureOffers.Lever.EVENTS);
  }

  /** The extracting form, fed by the event pass. */
  static final class Compiled extends CompiledFeature.EventFeature {
    private final double capDays; // with missingFlag, copied from the spec as in NumericKind
    private final boolean missingFlag;

    Compiled(RecencyFeature f, int offset) {
      super(f, offset);
      this.capDays = f.capDays();
      this.missingFlag = f.missingFlag();
    }

    @Override
    int width() {
      return missingFlag ? 2 : 1;
    }

    @Override
    void reset(double[] out) {
      out[offset] = Double.POSITIVE_INFINITY;
    }

    @Override
    void accept(double ageDays, double ageMillis, int count, double[] out) {
      if (count > 0 && ageDays < out[offset]) { // an event that happened 0 times did not happen
        out[offset] = ageDays;
      }
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      boolean none = out[offset] == Double.POSITIVE_INFINITY;
      out[offset] = none ? capDays : Math.min(out[offset], capDays);
      if (missingFlag) {
        out[offset + 1] = none ? 1 : 0;
      }
    }

    @Override
    double displayStart() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    double displayAccept(double acc, double ageDays, int count) {
      return count > 0 && ageDays < acc ? ageDays : acc;
    }

    @Override
    String displayOf(double acc) {
      return acc == Double.POSITIVE_INFINITY ? null : Long.toString((long) Math.floor(acc));
    }

    @Override
    String textOf(ReasonTemplates.Compiled wording, double acc) {
      return wording.daysAgo(acc == Double.POSITIVE_INFINITY ? Double.NaN : acc);
    }
  }
}
