package dev.leadscore.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Properties of lead I/O over arbitrary data: JSON (single, array, NDJSON) writes and reads back
 * every lead exactly, and the CSV reader turns any input, well-formed or not, into leads and row
 * errors without throwing.
 *
 * <p>Runs on the project's own harness ({@link PropertyCheck}, {@link Gen}); the build does not use
 * jqwik (see the parent POM). Inputs are reproducible from the seed printed on failure.
 */
class LeadIoProperties {

  // ------------------------------------------------------------------ JSON: write -> read is the identity

  @Test
  void jsonWriteThenReadIsTheIdentity() {
    PropertyCheck.forAll(500, leads(), in -> {
      Lead lead = in.lead();
      assertEquals(lead, LeadJson.readLead(LeadJson.write(lead)));
    });
  }

  @Test
  void jsonArrayAndNdjsonRoundTrip() {
    PropertyCheck.forAll(200, leadLists(), in -> {
      List<Lead> leads = in.stream().map(LeadInput::lead).toList();
      StringWriter array = new StringWriter();
      LeadJson.writeArray(leads, array);
      ReadResult a = LeadJson.readArray(new StringReader(array.toString()));
      assertEquals(List.of(), a.errors());
      assertEquals(leads, a.leads());

      StringWriter nd = new StringWriter();
      LeadJson.writeNdjson(leads, nd);
      ReadResult n = LeadJson.readNdjson(new StringReader(nd.toString()));
      assertEquals(List.of(), n.errors());
      assertEquals(leads, n.leads());
    });
  }

  /** What a lead is made of; its record form prints every value when a property fails (a Lead prints only its id and sizes). */
  record LeadInput(String id, Map<String, AttributeValue> attributes, List<ActivityEvent> events, Optional<Instant> createdAt) {
    Lead lead() {
      Lead.Builder b = Lead.builder(id);
      attributes.forEach(b::attribute);
      events.forEach(b::event);
      createdAt.ifPresent(b::createdAt);
      return b.build();
    }
  }

  /** 0 to 6 leads with pairwise distinct ids. */
  static Gen<List<LeadInput>> leadLists() {
    return Gen.distinctListsBy(leads(), LeadInput::id, 0, 6);
  }

  /** Any lead: a non-blank id, 0 to 6 attributes, 0 to 4 events, with or without createdAt. */
  static Gen<LeadInput> leads() {
    Gen<String> ids = text().filter(s -> !s.isBlank());
    Gen<Map<String, AttributeValue>> attributes = Gen.maps(text().filter(s -> !s.isBlank()), values(), 0, 6);
    Gen<List<ActivityEvent>> events = Gen.lists(events(), 0, 4);
    Gen<Optional<Instant>> createdAt = Gen.weighted(1, Gen.constant(Optional.<Instant>empty()), 3, instants().map(Optional::of));
    return r -> new LeadInput(ids.next(r), attributes.next(r), events.next(r), createdAt.next(r));
  }

  /**
   * Text with the characters that break formats: quotes, delimiters, line breaks, escapes, non-BMP
   * and lone surrogates (the special alphabet is taken char by char, so {@code \ud83d} and {@code
   * \ude80} also come alone, swapped or paired with {@code \ud800}); and any string at all.
   */
  static Gen<String> text() {
    return Gen.anyOf(
        Gen.anyStrings(12),
        Gen.strings("\",;|\t\n\r '\\/{}[]:éü\u00a0\u2028\ud83d\ude80\ud800", 0, 10),
        Gen.charStrings(8));
  }

  /**
   * Any finite double: short decimals (scale 2, up to 1e15 either way), magnitudes spread over
   * 1e-300 to 1e300, and any bit pattern (subnormals and values near MAX_VALUE included).
   */
  static Gen<Double> doubles() {
    return Gen.anyOf(Gen.decimals(-1e15, 1e15, 2), Gen.finiteDoubles(), Gen.doubleBits());
  }

  static Gen<AttributeValue> values() {
    Gen<Double> numbers = Gen.anyOf(
        doubles(),
        Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE).map(Integer::doubleValue),
        Gen.oneOf(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            1e15, 1e15 - 1, -1e15, 0.1, 1.0 / 3, 9007199254740993.0, 1e-300));
    return Gen.anyOf(
        numbers.map(AttributeValue.Num::new),
        text().map(AttributeValue.Text::new),
        Gen.booleans().map(AttributeValue.Bool::new),
        Gen.constant(AttributeValue.ABSENT));
  }

  /** Instants in years 1 to 9999 at nanosecond resolution; one in ten an extreme (the ends of that range, EPOCH, MIN, MAX, year 10000). */
  static Gen<Instant> instants() {
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");
    Gen<Instant> ordinary = Gen.zip(Gen.longs(first.getEpochSecond(), last.getEpochSecond() + 1), Gen.ints(0, 999_999_999),
        Instant::ofEpochSecond);
    return Gen.weighted(
        9, ordinary,
        1, Gen.oneOf(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("+10000-01-01T00:00:00Z"), first, last));
  }

  static Gen<ActivityEvent> events() {
    Gen<Integer> counts = Gen.anyOf(Gen.ints(0, 10), Gen.ints(0, Integer.MAX_VALUE));
    Gen<String> types = text().filter(s -> !s.isBlank());
    Gen<Instant> at = instants();
    return r -> new ActivityEvent(types.next(r), at.next(r), counts.next(r));
  }

  // ------------------------------------------------------------------ CSV: arbitrary cells never make the reader throw

  private static final List<String> HEADER = List.of("id", "Converted", "n", "b", "t", "when");

  private static LeadCsvReader reader(char delimiter) {
    return LeadCsvReader.builder()
        .delimiter(delimiter)
        .labelColumn("Converted", "yes")
        .numberColumns("n")
        .booleanColumns("b")
        .createdAtColumn("when")
        .build();
  }

  @Test
  void csvWithArbitraryQuotedCellsOnlyGivesRowErrors() {
    int tries = 500;
    int[] some = new int[2]; // tries that accepted some leads, that gave some row errors
    PropertyCheck.forAll(tries, Gen.zip(rows(), delimiters(), PropertyCheck.Pair::new), in -> {
      List<List<String>> rows = in.a();
      char delimiter = in.b();
      StringBuilder csv = new StringBuilder(String.join(String.valueOf(delimiter), HEADER)).append("\r\n");
      for (List<String> row : rows) {
        for (int i = 0; i < row.size(); i++) {
          if (i > 0) {
            csv.append(delimiter);
          }
          csv.append('"').append(row.get(i).replace("\"", "\"\"")).append('"');
        }
        csv.append(rows.indexOf(row) % 2 == 0 ? "\n" : "\r\n");
      }
      ReadResult r = reader(delimiter).read(new StringReader(csv.toString()));
      assertEquals(r.rowsRead(), r.leads().size() + r.errors().size(), r.errors().toString());
      for (RowError e : r.errors()) {
        assertTrue(e.row() >= 2, e.toString());
        assertTrue(e.message().startsWith("line " + e.row() + ": "), e.toString());
        assertTrue(!e.message().contains("malformed CSV"), e.toString());
      }
      // every accepted lead comes from the first full row with its id, text kept exactly
      for (Lead lead : r.leads()) {
        List<String> source = rows.stream().filter(row -> row.size() == HEADER.size() && row.get(0).equals(lead.id())).findFirst().orElseThrow();
        String t = source.get(4);
        assertEquals(t.isBlank() ? AttributeValue.ABSENT : new AttributeValue.Text(t), lead.attribute("t"));
      }
      some[0] += r.leads().isEmpty() ? 0 : 1;
      some[1] += r.errors().isEmpty() ? 0 : 1;
    });
    // coverage: both outcomes must be common, or the property proves little
    assertTrue(100.0 * some[0] / tries > 30, "tries that accepted some leads: " + some[0] + " of " + tries);
    assertTrue(100.0 * some[1] / tries > 30, "tries that gave some row errors: " + some[1] + " of " + tries);
  }

  @Test
  void csvWithArbitraryRawTextOnlyGivesRowErrors() {
    PropertyCheck.forAll(500, Gen.zip(rawBodies(), delimiters(), PropertyCheck.Pair::new), in -> {
      String body = in.a();
      char delimiter = in.b();
      String csv = String.join(String.valueOf(delimiter), HEADER) + "\n" + body;
      ReadResult r = reader(delimiter).read(new StringReader(csv));
      assertEquals(r.rowsRead(), r.leads().size() + r.errors().size(), r.errors().toString());
      for (RowError e : r.errors()) {
        assertTrue(e.row() >= 2, e.toString());
      }
    });
  }

  /** 0 to 8 rows; six in seven have one cell per column, mostly one that fits it, the others 1 to 8 cells of anything. */
  static Gen<List<List<String>>> rows() {
    Gen<String> anyCell = Gen.anyOf(
        text(),
        Gen.oneOf("", " ", "yes", "no", "YES", "1", "0", "true", "1.5", "-2e3", "NaN", "1e999", "2026-01-01T00:00:00Z", "L1", "L2"));
    // mostly cells that fit their column, so that rows are accepted as well as rejected
    List<Gen<String>> fitting = List.of(
        Gen.anyOf(text(), Gen.oneOf("L1", "L2", "L3", "p-1")),
        Gen.oneOf("yes", "no", "YES", " Yes ", "0", "x"),
        Gen.anyOf(Gen.oneOf("", " ", "1", "-2.5", "1e3", " 7 ", ".5"), doubles().map(String::valueOf)),
        Gen.oneOf("", "true", "no", "Y", "0", "FALSE"),
        text(),
        Gen.oneOf("", "2026-01-01T00:00:00Z", "2025-06-30T12:34:56.789+02:00"));
    List<Gen<String>> cells = fitting.stream().map(f -> Gen.<String>weighted(5, f, 1, anyCell)).toList();
    Gen<List<String>> full = r -> {
      List<String> row = new ArrayList<>(cells.size());
      for (Gen<String> cell : cells) {
        row.add(cell.next(r));
      }
      return List.copyOf(row);
    };
    Gen<List<String>> any = Gen.lists(anyCell, 1, HEADER.size() + 2);
    return Gen.lists(Gen.weighted(6, full, 1, any), 0, 8);
  }

  static Gen<String> rawBodies() {
    return Gen.anyOf(
        Gen.anyStrings(200),
        Gen.strings("\",;|\t\n\r abc19.-yes", 0, 200),
        Gen.charStrings(60));
  }

  static Gen<Character> delimiters() {
    return Gen.oneOf(',', ';', '\t', '|');
  }
}
