package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.DecayJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link EventCountFeature} kind: JSON form (with its decay), extraction, columns, offers. */
final class EventCountKind extends FeatureKind {
  static final String NAME = "eventCount";
  static final Set<String> FIELDS = Set.of("eventTypes", "windowDays", "decay", "cap", "log1p");

  private final EventCountFeature f;

  EventCountKind(EventCountFeature f) {
    super(f);
    this.f = f;
  }

  static EventCountFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    return new EventCountFeature(info, ctx.strings(n, "eventTypes"),
        ctx.optDouble(n, "windowDays", Double.POSITIVE_INFINITY), readDecay(ctx, n),
        ctx.optDouble(n, "cap", Double.POSITIVE_INFINITY), ctx.optBool(n, "log1p", false));
  }

  private static Decay readDecay(SchemaJson.Ctx ctx, JsonNode n) {
    if (!n.has("decay")) {
      return Decay.none();
    }
    JsonNode d = n.get("decay");
    ctx.object(d);
    String type = ctx.requiredText(d, "type");
    try {
      return readDecay(ctx, d, type);
    } catch (SchemaException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ctx.error("decay: " + e.getMessage());
    }
  }

  private static Decay readDecay(SchemaJson.Ctx ctx, JsonNode d, String type) {
    switch (type) {
      case "none":
        ctx.allowOnly(d, Set.of("type"));
        return Decay.none();
      case "halfLife":
        ctx.allowOnly(d, Set.of("type", "days"));
        return new Decay.HalfLife(ctx.requiredFinite(d, "days"));
      case "steps": {
        ctx.allowOnly(d, Set.of("type", "steps", "beyond"));
        JsonNode arr = ctx.required(d, "steps");
        if (!arr.isArray()) {
          throw ctx.error("decay 'steps' must be an array");
        }
        List<Decay.Step> steps = new ArrayList<>();
        for (JsonNode s : arr) {
          ctx.object(s);
          ctx.allowOnly(s, Set.of("upToDays", "weight"));
          steps.add(new Decay.Step(ctx.requiredFinite(s, "upToDays"), ctx.requiredFinite(s, "weight")));
        }
        return new Decay.StepSchedule(steps, ctx.requiredFinite(d, "beyond"));
      }
      default:
        throw ctx.error("decay type must be none, halfLife or steps, got '" + type + "'");
    }
  }

  @Override
  void writeJson(ObjectNode o) {
    SchemaJson.putStrings(o, "eventTypes", f.eventTypes());
    SchemaJson.putFinite(o, "windowDays", f.windowDays());
    DecayJson.write(o, f.decay());
    SchemaJson.putFinite(o, "cap", f.cap());
    o.put("log1p", f.log1p());
  }

  @Override
  FittedFeature fit(List<Lead> leads) {
    return null; // zero is an observation here: nothing to impute
  }

  @Override
  CompiledFeature compile(int offset, FittedFeature ff, Map<String, Integer> columnIndex) {
    return new Compiled(f, offset);
  }

  @Override
  List<Column> columns(int offset, FittedFeature ff) {
    return valueColumns(offset, false);
  }

  @Override
  FeatureOffers offers() {
    return FeatureOffers.none()
        .withBands(true, f.log1p(), (from, to) -> to <= 0 || from > f.cap()
            ? "eventCount feature '" + f.name() + "' takes values in [0, " + f.cap() + "]" : null)
        .withLever(FeatureOffers.Lever.EVENTS);
  }

  /** The extracting form, fed by the event pass. */
  static final class Compiled extends CompiledFeature.EventFeature {
    private static final int NO_DECAY = 0;
    private static final int HALF_LIFE = 1;
    private static final int STEPS = 2;

    // The decay unpacked into fields: Decay.weight is an interface call with three
    // implementations, which the JIT cannot inline on the per-event path. The half-life's tables
    // are held directly (one load fewer per event) and fed whole milliseconds, which skips the
    // round trip through days. Same arithmetic.
    private final double windowDays;
    private final int decayKind;
    private final HalfLifeTable halfLife;
    private final double[] stepUpTo;
    private final double[] stepWeight;
    private final double beyond;
    private final double cap; // with log1p, copied from the spec as in NumericKind
    private final boolean log1p;

    Compiled(EventCountFeature f, int offset) {
      super(f, offset);
      this.windowDays = f.windowDays();
      this.cap = f.cap();
      this.log1p = f.log1p();
      Decay d = f.decay();
      if (d instanceof Decay.HalfLife h) {
        decayKind = HALF_LIFE;
        halfLife = h.table();
        stepUpTo = stepWeight = new double[0];
        beyond = 0;
      } else if (d instanceof Decay.StepSchedule st) {
        decayKind = STEPS;
        halfLife = null;
        stepUpTo = st.steps().stream().mapToDouble(Decay.Step::upToDays).toArray();
        stepWeight = st.steps().stream().mapToDouble(Decay.Step::weight).toArray();
        beyond = st.beyond();
      } else {
        decayKind = NO_DECAY;
        halfLife = null;
        stepUpTo = stepWeight = new double[0];
        beyond = 0;
      }
    }

    /** Bit for bit the feature's {@code decay().weight(ageDays)}; {@code ageMillis} as in accept. */
    double weight(double ageDays, double ageMillis) {
      switch (decayKind) {
        case NO_DECAY:
          return 1.0;
        case HALF_LIFE:
          return halfLife.weightOfWholeMillis(ageMillis, ageDays);
        default:
          for (int i = 0; i < stepUpTo.length; i++) {
            if (ageDays <= stepUpTo[i]) {
              return stepWeight[i];
            }
          }
          return beyond;
      }
    }

    @Override
    int width() {
      return 1;
    }

    @Override
    void reset(double[] out) {
      out[offset] = 0.0;
    }

    @Override
    void accept(double ageDays, double ageMillis, int count, double[] out) {
      if (ageDays <= windowDays) {
        out[offset] += count * weight(ageDays, ageMillis);
      }
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      double v = Math.min(out[offset], cap);
      out[offset] = log1p ? log1pCount(v) : v;
    }

    @Override
    double displayStart() {
      return 0;
    }

    @Override
    double displayAccept(double acc, double ageDays, int count) {
      return ageDays <= windowDays ? acc + count : acc;
    }

    @Override
    String displayOf(double acc) {
      return Long.toString((long) acc);
    }

    @Override
    String textOf(ReasonTemplates.Compiled wording, double acc) {
      return wording.number(acc, Double.NaN); // no typical: fitting sees no asOf to count events at
    }
  }
}
