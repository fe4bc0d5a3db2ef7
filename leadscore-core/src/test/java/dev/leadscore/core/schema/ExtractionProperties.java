package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of extraction over arbitrary leads, on a schema that uses every feature kind:
 * extraction is total, deterministic, blind to the future and (up to the rounding of decayed
 * sums) blind to the order of events.
 *
 * <p>Runs on the project's own harness ({@link PropertyCheck}, {@link Gen}); the build does not use
 * jqwik (see the parent POM). Inputs are reproducible from the seed printed on failure.
 */
class ExtractionProperties {

  static final Instant AS_OF = Instant.parse("2025-06-01T12:00:00Z");
  static final double INF = Double.POSITIVE_INFINITY;

  static final List<String> EVENT_TYPES = List.of("pricing", "demo", "visit", "open", "webinar", "Pricing");

  static final FittedSchema SCHEMA = schema();

  /**
   * Columns whose value is a sum of half-life weights (0.5^(age/7), irrational in general) or a
   * product with one: only these may differ in the last bits when events are reordered. The other
   * event columns add weights 1, 0.75, 0.5, 0.25 times integer counts, sums that are exact in
   * double arithmetic (well below 2^53), so any order gives the same bits.
   */
  static final Set<String> ORDER_ROUNDED = Set.of("pricing_hl", "dm_x_pricing");

  static FeatureInfo info(String name) {
    return FeatureInfo.of(name, name.startsWith("e") ? FeatureInfo.EMAIL : FeatureInfo.BEHAVIORAL);
  }

  static FittedSchema schema() {
    Map<String, Double> mapping = new LinkedHashMap<>();
    mapping.put("01.High", 3.0);
    mapping.put("02.Medium", 2.0);
    mapping.put("03.Low", 1.0);
    FeatureSchema declared = FeatureSchema.of("everything", 1,
        NumericFeature.of(info("amount"), "amount"),
        new NumericFeature(info("size"), "size", true, 0, 1e6, Imputation.constant(10), true, List.of("Select", "unknown", "999")),
        new BooleanFeature(info("dm"), "dm", Imputation.mean(), true, List.of("Select")),
        new OrdinalFeature(info("quality"), "quality", mapping, Imputation.median(), true, List.of("Select")),
        CategoricalFeature.learned(info("industry"), "industry", 1, List.of("Select")),
        new CategoricalFeature(info("region"), "region", List.of("EMEA", "APAC"), 1, false, List.of()),
        new TitleSeniorityFeature(info("seniority"), "title", List.of("n.a.")),
        new EmailDomainFeature(info("email_domain"), "email", List.of(), List.of("rival.com")),
        new EventCountFeature(info("pricing_hl"), List.of("pricing", "demo"), 90, Decay.halfLife(7), INF, false),
        new EventCountFeature(info("visits_steps"), List.of("visit"), INF, Decay.standardSteps(), 50, true),
        EventCountFeature.of(info("opens"), "open", 30),
        new RecencyFeature(info("recency"), List.of("pricing", "visit"), 120, true),
        new InteractionFeature(info("dm_x_pricing"), "dm", "pricing_hl"),
        new InteractionFeature(info("vp_x_opens"), "seniority=vp", "opens"),
        new InteractionFeature(info("saas_x_size"), "industry=saas", "size"),
        new InteractionFeature(info("amount_sq"), "amount", "amount"));
    List<Lead> training = List.of(
        Lead.builder("t1").number("amount", 100).bool("dm", true).text("quality", "01.High").text("industry", "SaaS").build(),
        Lead.builder("t2").number("amount", 250.5).bool("dm", false).text("quality", "03.Low").text("industry", "Retail").build(),
        Lead.builder("t3").text("amount", "7").text("dm", "yes").text("industry", "saas ").build());
    return declared.fit(training);
  }

  // ------------------------------------------------------------------ generators

  /** What a lead is made of; its record form prints every value when a property fails. */
  record Input(Map<String, AttributeValue> attributes, List<ActivityEvent> events) {
    Lead lead() {
      Lead.Builder b = Lead.builder("P-1");
      attributes.forEach(b::attribute);
      events.forEach(b::event);
      return b.build();
    }

    Input withEvents(List<ActivityEvent> other) {
      return new Input(attributes, other);
    }
  }

  static final List<String> TEXTS = List.of("", "  ", "Select", " select ", "UNKNOWN", "999", " 999 ", "999.0", " 250 ", "abc",
      "1e400", "NaN", "-Infinity", "true", "no", "Y", "1", "0", "01.High", " 02.MEDIUM", "04.Worst", "SaaS", "retail",
      "EMEA", "apac", "jane@gmail.com", "x@rival.com", "bob@acme.com", "student@mit.edu", "@", "VP Sales", "CEO",
      "Marketing Manager", "n.a.", "1e300", "-1e300", "4.9e-324");

  static Gen<AttributeValue> values() {
    return Gen.anyOf(
        Gen.constant(AttributeValue.ABSENT),
        Gen.finiteDoubles().map(AttributeValue.Num::new),
        Gen.oneOf(0.0, 1.0, 2.0, -1.0, 999.0, 0.5, 1e300, -1e300).map(AttributeValue.Num::new),
        Gen.oneOf(TEXTS.toArray(new String[0])).map(AttributeValue.Text::new),
        Gen.anyStrings(16).map(AttributeValue.Text::new),
        Gen.finiteDoubles().map(d -> (AttributeValue) new AttributeValue.Text(Double.toString(d))),
        Gen.booleans().map(AttributeValue.Bool::new));
  }

  static Gen<AttributeValue> text(String... texts) {
    return Gen.oneOf(texts).map(AttributeValue.Text::new);
  }

  static Gen<AttributeValue> num(Gen<Double> d) {
    return d.map(AttributeValue.Num::new);
  }

  /** Per attribute, values it can read; so that most leads are readable and get a vector. */
  static final Map<String, Gen<AttributeValue>> READABLE = Map.of(
      "amount", Gen.anyOf(num(Gen.doubles(-1e6, 1e6)), num(Gen.decimals(-1e3, 1e3, 2)), text("  12.5", "999", "")),
      "size", Gen.anyOf(num(Gen.doubles(-1e9, 1e9)), num(Gen.finiteDoubles()), text("Select", " unknown ", "999", "42", " 7 ")),
      "dm", Gen.anyOf(Gen.booleans().map(AttributeValue.Bool::new), num(Gen.oneOf(0.0, 1.0, -0.0, 999.0)),
          text("yes", "N", " t ", "0", "Select", "")),
      "quality", text("01.High", " 02.medium ", "03.LOW", "Select", "  "),
      "industry", values(),
      "region", values(),
      "title", Gen.anyOf(Gen.anyStrings(30).map(AttributeValue.Text::new),
          text("VP Sales", "CEO", "Marketing Manager", "Head of Growth", "n.a.", "Select", "-", "")),
      "email", Gen.anyOf(Gen.anyStrings(30).map(AttributeValue.Text::new),
          text("jane@gmail.com", "x@rival.com", "bob@acme.com", "student@mit.edu", "@", "", "a@b")));

  /**
   * Attributes: each of the schema's attributes (and one it does not read) is absent a quarter of
   * the time; otherwise a value it can read, or one time in five anything at all: junk text,
   * huge and tiny numbers, booleans, numbers written as text.
   */
  static Gen<Map<String, AttributeValue>> attributes() {
    List<String> names = new ArrayList<>(SCHEMA.schema().attributes());
    names.add("unrelated");
    Gen<AttributeValue> anything = values();
    return r -> {
      Map<String, AttributeValue> m = new LinkedHashMap<>();
      for (String n : names) {
        if (r.nextInt(4) != 0) { // a quarter of the attributes are not there at all
          Gen<AttributeValue> readable = READABLE.get(n);
          m.put(n, (readable == null || r.nextInt(5) == 0 ? anything : readable).next(r));
        }
      }
      return m;
    };
  }

  /** Instants around asOf at millisecond and nanosecond resolution, exact boundaries and the extremes. */
  static Gen<Instant> instants() {
    long day = Duration.ofDays(1).toMillis();
    return Gen.anyOf(
        Gen.longs(-400 * day, 30 * day).map(AS_OF::plusMillis),
        Gen.longs(-2_000_000_000L, 2_000_000_000L).map(AS_OF::plusNanos),
        Gen.oneOf(0L, -7L, -30L, -90L, -14L, 1L).map(d -> AS_OF.plus(Duration.ofDays(d))),
        Gen.oneOf(AS_OF, AS_OF.plusNanos(1), AS_OF.minusNanos(1), AS_OF.plusMillis(1), AS_OF.minusMillis(1),
            Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("1900-01-01T00:00:00Z")));
  }

  static Gen<ActivityEvent> events(Gen<Instant> at) {
    Gen<Integer> count = Gen.anyOf(Gen.ints(0, 5), Gen.constant(Integer.MAX_VALUE));
    Gen<String> type = Gen.oneOf(EVENT_TYPES.toArray(new String[0]));
    return r -> new ActivityEvent(type.next(r), at.next(r), count.next(r));
  }

  static Gen<Input> inputs() {
    return Gen.zip(attributes(), Gen.lists(events(instants()), 0, 16), Input::new);
  }

  /** Instants strictly after asOf. */
  static Gen<Instant> future() {
    return Gen.anyOf(
        Gen.longs(1, 1_000_000_000_000L).map(AS_OF::plusMillis),
        Gen.longs(1, 1_000_000L).map(AS_OF::plusNanos),
        Gen.oneOf(AS_OF.plusNanos(1), Instant.MAX));
  }

  // ------------------------------------------------------------------ helpers

  /** The vector, or null when the lead was rejected with a LeadDataException (checked here). */
  static double[] extractOrNull(Lead lead) {
    try {
      return SCHEMA.extract(lead, AS_OF);
    } catch (LeadDataException e) {
      assertEquals(lead.id(), e.leadId());
      assertTrue(e.getMessage().contains(lead.id()) && e.getMessage().contains(e.field()), e.getMessage());
      return null;
    }
  }

  // ------------------------------------------------------------------ properties

  @Test
  void extractionIsTotal() {
    int[] outcomes = new int[2];
    PropertyCheck.forAll(2000, inputs(), in -> {
      Lead lead = in.lead();
      double[] x = extractOrNull(lead); // any exception other than LeadDataException fails the property
      if (x == null) {
        outcomes[1]++;
        return;
      }
      outcomes[0]++;
      assertEquals(SCHEMA.width(), x.length);
      for (int i = 0; i < x.length; i++) {
        assertTrue(Double.isFinite(x[i]), SCHEMA.columns().get(i).name() + " = " + x[i]);
      }
      // a readable lead is also describable, feature by feature
      for (int f = 0; f < SCHEMA.schema().features().size(); f++) {
        assertNotNull(SCHEMA.describe(lead, AS_OF, f, x));
      }
    });
    // the generators must exercise both outcomes, or the property proves little
    assertTrue(outcomes[0] > 100 && outcomes[1] > 100, "accepted " + outcomes[0] + ", rejected " + outcomes[1]);
  }

  @Test
  void oneHotBlocksHaveExactlyOneOne() {
    int[] accepted = {0};
    PropertyCheck.forAll(inputs(), in -> {
      double[] x = extractOrNull(in.lead());
      if (x == null) {
        return;
      }
      accepted[0]++;
      for (String feature : List.of("industry", "region", "seniority", "email_domain")) {
        double sum = 0;
        for (Column c : SCHEMA.columns()) {
          if (c.feature().equals(feature)) {
            assertTrue(x[c.index()] == 0 || x[c.index()] == 1, c.name());
            sum += x[c.index()];
          }
        }
        assertEquals(1.0, sum, feature);
      }
    });
    assertTrue(accepted[0] > 100, "too few readable leads were tried: " + accepted[0]);
  }

  @Test
  void extractionIsDeterministic() {
    int[] accepted = {0};
    PropertyCheck.forAll(inputs(), in -> {
      Lead lead = in.lead();
      double[] a = extractOrNull(lead);
      double[] b = extractOrNull(in.lead()); // an equal lead built anew
      if (a == null) {
        assertEquals(null, b);
        return;
      }
      accepted[0]++;
      assertTrue(Arrays.equals(a, b), () -> Arrays.toString(a) + " vs " + Arrays.toString(b));
      // and into a dirty, longer buffer
      double[] dirty = new double[SCHEMA.width() + 2];
      Arrays.fill(dirty, -123.0);
      SCHEMA.extract(lead, AS_OF, dirty);
      assertTrue(Arrays.equals(a, Arrays.copyOf(dirty, SCHEMA.width())));
      assertEquals(-123.0, dirty[SCHEMA.width()]);
    });
    assertTrue(accepted[0] > 100, "too few readable leads were tried: " + accepted[0]);
  }

  @Test
  void eventsAfterAsOfNeverChangeTheVector() {
    PropertyCheck.forAll(inputs(), Gen.lists(events(future()), 1, 6), (in, later) -> {
      // inserted anywhere, but without reordering the lead's own events (see the next property)
      List<ActivityEvent> all = new ArrayList<>(in.events());
      Random random = new Random(all.size() * 31L + later.size());
      for (ActivityEvent e : later) {
        all.add(random.nextInt(all.size() + 1), e);
      }
      double[] before = extractOrNull(in.lead());
      double[] after = extractOrNull(in.withEvents(all).lead());
      if (before == null || after == null) {
        assertEquals(before == null, after == null, "future events changed whether the lead is readable");
        return;
      }
      assertArrayEquals(before, after);
      assertTrue(Arrays.equals(before, after)); // bit for bit, -0.0 included
    });
  }

  /**
   * Reordering a lead's events does not change its vector. Exactly, for every column but those in
   * {@link #ORDER_ROUNDED}: a sum of half-life weights depends on the order of its terms in the
   * last bits (floating-point addition is not associative), and those columns are compared to a
   * relative 1e-12. Extraction does not sort the events to make them exact: that would cost an
   * allocation and O(n log n) per lead on the hot path, to remove a difference a million times
   * below any effect on a score. Extraction of the same lead (same event order) is still
   * bit-identical, which is what reproducible scoring needs. (Measured: with the default seed, 18
   * of the 1000 reordered leads had a half-life sum that differed in its last bits, so an exact
   * comparison would fail.)
   */
  @Test
  void reorderingEventsChangesNothingBeyondRounding() {
    PropertyCheck.forAll(inputs(), Gen.longs(0, Long.MAX_VALUE), (in, seed) -> {
      List<ActivityEvent> shuffled = new ArrayList<>(in.events());
      Collections.shuffle(shuffled, new Random(seed));
      double[] a = extractOrNull(in.lead());
      double[] b = extractOrNull(in.withEvents(shuffled).lead());
      if (a == null || b == null) {
        assertEquals(a == null, b == null);
        return;
      }
      for (Column c : SCHEMA.columns()) {
        double u = a[c.index()];
        double v = b[c.index()];
        if (ORDER_ROUNDED.contains(c.name())) {
          assertEquals(u, v, 1e-12 * Math.max(Math.abs(u), Math.abs(v)), c.name());
        } else {
          assertEquals(Double.doubleToLongBits(u), Double.doubleToLongBits(v), c.name() + ": " + u + " vs " + v);
        }
      }
    });
  }

  @Test
  void aSchemaWithEveryKindHasTheExpectedColumns() {
    List<String> names = SCHEMA.columns().stream().map(Column::name).toList();
    assertEquals(List.of("amount", "amount_missing", "size", "size_missing", "dm", "dm_missing", "quality", "quality_missing",
        "industry=retail", "industry=saas", "industry=other", "industry=missing", "region=emea", "region=apac", "region=other",
        "seniority=c_level", "seniority=vp", "seniority=director", "seniority=manager", "seniority=individual_contributor",
        "seniority=unknown", "email_domain=corporate", "email_domain=free_mail", "email_domain=education",
        "email_domain=competitor", "email_domain=unknown", "pricing_hl", "visits_steps", "opens", "recency", "recency_missing",
        "dm_x_pricing", "vp_x_opens", "saas_x_size", "amount_sq"), names);
    for (int i = 0; i < names.size(); i++) {
      assertEquals(i, SCHEMA.columnIndex(names.get(i)));
    }
    assertTrue(SCHEMA.fingerprint().startsWith("sha256:"), SCHEMA.fingerprint());
  }
}
