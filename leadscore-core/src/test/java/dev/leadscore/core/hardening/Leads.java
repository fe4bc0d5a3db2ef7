package dev.leadscore.core.hardening;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.testing.Gen;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of arbitrary leads for a schema (for {@link dev.leadscore.core.testing.PropertyCheck}):
 * values of every kind and magnitude, tricky text, events at any instant (the ends of time
 * included) with counts up to {@code Integer.MAX_VALUE}. Shared by the hardening tests of every
 * module through the core test-jar.
 */
public final class Leads {
  private Leads() {}

  public static final List<String> TEXTS = List.of("", "  ", "N/A", "unknown", "Select", "-", "999999", "12", " 1e3 ", "1e308",
      "-1e308", "NaN", "Infinity", "-Infinity", "0x10", "1,5", "true", "yes", "high", "Approved", "0-3 months", "VP of Sales",
      "chief executive officer", "intern", "a@b.com", "x@gmail.com", "@", "a@", "software", "SOFTWARE ", "other", "missing");

  /** Any attribute value: numbers of every magnitude, tricky text, booleans, absent. */
  public static Gen<AttributeValue> values() {
    Gen<AttributeValue> nums = Gen.anyOf(Gen.finiteDoubles(), Gen.doubleBits(),
        Gen.oneOf(1e308, -1e308, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 999999.0)).map(AttributeValue.Num::new);
    Gen<AttributeValue> texts = Gen.anyOf(Gen.oneOf(TEXTS.toArray(new String[0])), Gen.anyStrings(12)).map(AttributeValue.Text::new);
    return Gen.anyOf(nums, texts, Gen.booleans().map(AttributeValue.Bool::new), Gen.constant(AttributeValue.ABSENT));
  }

  public static Gen<Instant> instants(Instant asOf) {
    return Gen.anyOf(
        Gen.longs(-400L * 86_400, 30L * 86_400).map(s -> asOf.plusSeconds(s)),
        Gen.oneOf(Instant.MIN, Instant.MAX, Instant.EPOCH, asOf, asOf.minusNanos(1), asOf.plusNanos(1)),
        Gen.longs(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond));
  }

  /**
   * Random leads over the schema's attributes and event types (and some it does not read): each
   * attribute usually gets a value of the kind its feature reads (any finite number for a numeric
   * one, a declared level for an ordinal one), sometimes an arbitrary one.
   */
  public static Gen<Lead> arbitrary(FeatureSchema schema, Instant asOf) {
    java.util.Map<String, Gen<AttributeValue>> typed = new java.util.LinkedHashMap<>();
    Gen<AttributeValue> numbers = Gen.anyOf(Gen.finiteDoubles(), Gen.doubleBits(),
        Gen.oneOf(1e308, -1e308, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 999999.0)).map(AttributeValue.Num::new);
    for (var f : schema.features()) {
      for (String a : f.attributes()) {
        Gen<AttributeValue> g;
        if (f instanceof dev.leadscore.core.schema.NumericFeature) {
          g = numbers;
        } else if (f instanceof dev.leadscore.core.schema.BooleanFeature) {
          g = Gen.booleans().map(AttributeValue.Bool::new);
        } else if (f instanceof dev.leadscore.core.schema.OrdinalFeature o) {
          g = Gen.oneOf(o.mapping().keySet().toArray(new String[0])).map(AttributeValue.Text::new);
        } else {
          g = Gen.anyOf(Gen.oneOf(TEXTS.toArray(new String[0])), Gen.anyStrings(12)).map(AttributeValue.Text::new);
        }
        typed.put(a, g);
      }
    }
    typed.put("unrelated", values());
    List<String> types = new ArrayList<>(schema.eventTypes());
    types.add("unrelated_event");
    Gen<Integer> counts = Gen.anyOf(Gen.ints(0, 5), Gen.oneOf(0, Integer.MAX_VALUE, Integer.MAX_VALUE - 1));
    Gen<AttributeValue> any = values();
    return r -> {
      Lead.Builder b = Lead.builder("X" + r.nextInt(1_000_000));
      typed.forEach((a, g) -> {
        int k = r.nextInt(40);
        if (k < 30) {
          b.attribute(a, g.next(r));
        } else if (k < 31) {
          b.attribute(a, any.next(r));
        } else if (k < 34) {
          b.absent(a);
        }
      });
      int events = r.nextInt(12);
      for (int i = 0; i < events; i++) {
        b.event(types.get(r.nextInt(types.size())), instants(asOf).next(r), counts.next(r));
      }
      return b.build();
    };
  }

}
