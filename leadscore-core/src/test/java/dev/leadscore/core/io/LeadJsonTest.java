package dev.leadscore.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.RowError;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadJsonTest {

  private static final String SAMPLE = "{\"id\":\"L1\",\"createdAt\":\"2026-01-01T00:00:00Z\","
      + "\"attributes\":{\"title\":\"VP Sales\",\"company_size\":250,\"dm\":true,\"industry\":null},"
      + "\"events\":[{\"type\":\"pricing_page_visit\",\"at\":\"2025-12-30T10:00:00Z\",\"count\":2}]}";

  private static Lead sample() {
    return Lead.builder("L1")
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .text("title", "VP Sales")
        .number("company_size", 250)
        .bool("dm", true)
        .absent("industry")
        .event("pricing_page_visit", Instant.parse("2025-12-30T10:00:00Z"), 2)
        .build();
  }

  @Test
  void readsTheDocumentedFormat() {
    Lead lead = LeadJson.readLead(SAMPLE);
    assertEquals(sample(), lead);
    assertEquals(new AttributeValue.Num(250), lead.attribute("company_size"));
    assertEquals(AttributeValue.ABSENT, lead.attribute("industry"));
  }

  @Test
  void optionalFieldsDefault() {
    Lead lead = LeadJson.readLead("{\"id\":\"L2\",\"events\":[{\"type\":\"email_open\",\"at\":\"2025-12-01T08:00:00Z\"}]}");
    assertTrue(lead.createdAt().isEmpty());
    assertTrue(lead.attributes().isEmpty());
    assertEquals(List.of(new ActivityEvent("email_open", Instant.parse("2025-12-01T08:00:00Z"), 1)), lead.events());
    assertEquals(Lead.builder("L3").build(), LeadJson.readLead("{\"attributes\":null,\"id\":\"L3\",\"createdAt\":null,\"events\":null}"));
  }

  @Test
  void writesDeterministicallyWithSortedAttributes() {
    String json = LeadJson.write(sample());
    assertEquals("{\"id\":\"L1\",\"createdAt\":\"2026-01-01T00:00:00Z\","
        + "\"attributes\":{\"company_size\":250,\"dm\":true,\"industry\":null,\"title\":\"VP Sales\"},"
        + "\"events\":[{\"type\":\"pricing_page_visit\",\"at\":\"2025-12-30T10:00:00Z\",\"count\":2}]}", json);
    Lead reordered = Lead.builder("L1").absent("industry").bool("dm", true).text("title", "VP Sales")
        .number("company_size", 250).createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .event("pricing_page_visit", Instant.parse("2025-12-30T10:00:00Z"), 2).build();
    assertEquals(json, LeadJson.write(reordered));
  }

  @Test
  void roundTripsAwkwardValues() {
    Lead lead = Lead.builder("id with \"quotes\", commas\nand ünïcödé 🚀")
        .number("neg_zero", -0.0)
        .number("tiny", Double.MIN_VALUE)
        .number("huge", Double.MAX_VALUE)
        .number("big_whole", 1e15)
        .number("third", 1.0 / 3)
        .number("minus", -42)
        .text("empty", "")
        .text("spaces", "  padded  ")
        .text("control", "tab\tnul\u0000bell\u0007")
        .text("lone surrogate", "\ud800x")
        .bool("no", false)
        .event("x", Instant.parse("2025-01-01T00:00:00.123456789Z"), 0)
        .event("x", Instant.parse("2025-01-01T00:00:00.123456789Z"), Integer.MAX_VALUE)
        .build();
    assertEquals(lead, LeadJson.readLead(LeadJson.write(lead)));
  }

  @Test
  void arrayAndNdjsonRoundTrip() {
    List<Lead> leads = List.of(sample(), Lead.builder("L2").text("t", "x").build(), Lead.builder("L3").build());
    StringWriter array = new StringWriter();
    LeadJson.writeArray(leads, array);
    assertTrue(array.toString().startsWith("[\n{\"id\":\"L1\""), array.toString());
    ReadResult r = LeadJson.readArray(new StringReader(array.toString()));
    assertEquals(leads, r.leads());
    assertEquals(List.of(), r.errors());
    assertEquals(3, r.rowsRead());
    assertFalse(r.hasLabels());

    StringWriter nd = new StringWriter();
    LeadJson.writeNdjson(leads, nd);
    assertEquals(3, nd.toString().split("\n").length);
    assertEquals(leads, LeadJson.readNdjson(new StringReader(nd.toString())).leads());

    StringWriter empty = new StringWriter();
    LeadJson.writeArray(List.of(), empty);
    assertEquals("[]\n", empty.toString());
    ReadResult none = LeadJson.readArray(new StringReader(empty.toString()));
    assertEquals(0, none.rowsRead());
    assertTrue(none.leads().isEmpty() && none.errors().isEmpty());
  }

  @Test
  void badLeadsInAnArrayAreReportedWithLineAndColumnAndTheOthersRead() {
    String json = String.join("\n",
        "[",
        "{\"id\":\"L1\",\"attributes\":{\"a\":1}},",
        "{\"id\":\"L2\",\"attributes\":{\"company_size\":NaN}},",
        "{\"attributes\":{\"x\":[1,2]},\"id\":\"L3\"},",
        "{\"id\":\"L4\",\"events\":[{\"type\":\"v\",\"at\":\"2025-01-01T00:00:00Z\",\"count\":-1}]},",
        "{\"id\":\"L5\",\"createdAt\":\"yesterday\"},",
        "{\"id\":\"L6\",\"colour\":\"red\"},",
        "{\"id\":\"  \"},",
        "{\"attributes\":{}},",
        "{\"id\":\"L1\"},",
        "42,",
        "{\"id\":\"L7\",\"events\":[{\"type\":\"v\",\"at\":\"2025-01-01T00:00:00Z\",\"count\":2.5}]},",
        "{\"id\":17},",
        "{\"id\":\"L8\",\"attributes\":{\"n\":1e400}},",
        "{\"id\":\"L9\"}",
        "]");
    ReadResult r = LeadJson.readArray(new StringReader(json));
    assertEquals(List.of("L1", "L9"), r.leads().stream().map(Lead::id).toList());
    assertEquals(14, r.rowsRead());
    List<RowError> e = r.errors();
    assertEquals(12, e.size(), e.toString());

    assertError(e.get(0), 3, "L2", "company_size", "line 3, column 41: lead 'L2', field 'company_size': NaN is not a number");
    // the id comes after the bad attribute: it is still named
    assertError(e.get(1), 4, "L3", "x", "line 4, column 20: lead 'L3', field 'x': an attribute value must be a string, a number, true/false or null, got an array");
    assertError(e.get(2), 5, "L4", "events[0].count", "lead 'L4', field 'events[0].count': count must be >= 0, got -1");
    assertError(e.get(3), 6, "L5", "createdAt", "'yesterday' is not an ISO-8601 instant");
    assertError(e.get(4), 7, "L6", "colour", "line 7, column 12: lead 'L6', field 'colour': unknown field");
    assertError(e.get(5), 8, null, "id", "a lead id must not be blank");
    assertError(e.get(6), 9, null, "id", "line 9, column 1: lead <no id>, field 'id': the lead has no id");
    assertError(e.get(7), 10, "L1", "id", "the id was already used by the lead at line 2");
    assertError(e.get(8), 11, null, null, "line 11, column 1: expected a lead object, got a number");
    assertError(e.get(9), 12, "L7", "events[0].count", "count must be a whole number, got 2.5");
    assertError(e.get(10), 13, null, "id", "a lead id must be a string, got a number");
    assertError(e.get(11), 14, "L8", "n", "1e400 is not a number a lead can have (must be finite)");
  }

  @Test
  void aSyntaxErrorEndsAnArrayButKeepsWhatWasRead() {
    String json = "[\n{\"id\":\"L1\"},\n{\"id\":\"L2\"},\n{\"id\":\"L3\" \"attributes\":{}},\n{\"id\":\"L4\"}\n]";
    ReadResult r = LeadJson.readArray(new StringReader(json));
    assertEquals(List.of("L1", "L2"), r.leads().stream().map(Lead::id).toList());
    assertEquals(1, r.errors().size());
    RowError e = r.errors().get(0);
    assertEquals(4, e.row());
    assertTrue(e.message().startsWith("line 4, column 12: malformed JSON"), e.message());
    assertTrue(e.message().endsWith("reading stopped"), e.message());
  }

  @Test
  void aDataErrorFollowedBySyntaxErrorInTheSameLeadReportsBoth() {
    ReadResult r = LeadJson.readArray(new StringReader("[{\"id\":\"L1\"},{\"id\":\"L2\",\"attributes\":{\"a\":[]},\"b\" 1}]"));
    assertEquals(List.of("L1"), r.leads().stream().map(Lead::id).toList());
    assertEquals(2, r.errors().size(), r.errors().toString());
    assertEquals("a", r.errors().get(0).field());
    assertTrue(r.errors().get(1).message().contains("malformed JSON"));
  }

  @Test
  void truncatedArrayIsReported() {
    ReadResult r = LeadJson.readArray(new StringReader("[{\"id\":\"L1\"},\n{\"id\":\"L2\","));
    assertEquals(List.of("L1"), r.leads().stream().map(Lead::id).toList());
    assertEquals(1, r.errors().size());
    assertEquals(2, r.errors().get(0).row());
    assertTrue(r.errors().get(0).message().contains("malformed JSON"), r.errors().get(0).message());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\":\"L1\"}|expected a JSON array of leads, got an object",
      "''|expected a JSON array of leads, got the end of the input",
      "[{\"id\":\"L1\"}] [|unexpected content after the array"})
  void notAnArrayIsReported(String json, String expected) {
    ReadResult r = LeadJson.readArray(new StringReader(json));
    assertEquals(1, r.errors().size(), r.errors().toString());
    assertTrue(r.errors().get(0).message().contains(expected), r.errors().get(0).message());
  }

  @Test
  void ndjsonSkipsBadLinesAndGoesOn() {
    String nd = String.join("\n",
        "{\"id\":\"L1\",\"attributes\":{\"a\":1}}",
        "",
        "{\"id\":\"L2\",\"attributes\":{\"a\":}",
        "{\"id\":\"L3\",\"attributes\":{\"company_size\":Infinity}}",
        "   ",
        "[1]",
        "{\"id\":\"L4\"} {\"id\":\"L5\"}",
        "{\"id\":\"L6\",\"events\":[{\"type\":\"v\",\"at\":\"2025-02-30T00:00:00Z\"}]}",
        "{\"id\":\"L1\"}",
        "{\"id\":\"L7\"}");
    ReadResult r = LeadJson.readNdjson(new StringReader(nd));
    assertEquals(List.of("L1", "L7"), r.leads().stream().map(Lead::id).toList());
    assertEquals(8, r.rowsRead());
    List<RowError> e = r.errors();
    assertEquals(6, e.size(), e.toString());
    assertEquals(3, e.get(0).row());
    assertTrue(e.get(0).message().startsWith("line 3, column 30: malformed JSON"), e.get(0).message());
    assertError(e.get(1), 4, "L3", "company_size", "line 4, column 41: lead 'L3', field 'company_size': Infinity is not a number");
    assertError(e.get(2), 6, null, null, "line 6, column 1: expected a lead object, got an array");
    assertError(e.get(3), 7, "L4", null, "unexpected content after the lead object");
    assertError(e.get(4), 8, "L6", "events[0].at", "'2025-02-30T00:00:00Z' is not an ISO-8601 instant");
    assertError(e.get(5), 9, "L1", "id", "already used by the lead at line 1");
  }

  @Test
  void streamingDeliversAsItReads() {
    List<String> seen = new ArrayList<>();
    long rows = LeadJson.streamArray(new StringReader("[{\"id\":\"a\"},{\"id\":\"\"},{\"id\":\"b\"}]"),
        l -> seen.add("lead " + l.id()), e -> seen.add("error " + e.row()));
    assertEquals(3, rows);
    assertEquals(List.of("lead a", "error 1", "lead b"), seen);
  }

  @Test
  void readLeadThrowsForBadInput() {
    LeadDataException nan = assertThrows(LeadDataException.class,
        () -> LeadJson.readLead("{\"id\":\"L2\",\n  \"attributes\":{\"company_size\":NaN}}"));
    assertEquals("L2", nan.leadId());
    assertEquals("company_size", nan.field());
    assertTrue(nan.getMessage().contains("(line 2, column 32)"), nan.getMessage());

    LeadDataException unknown = assertThrows(LeadDataException.class, () -> LeadJson.readLead("{\"id\":\"L1\",\"score\":3}"));
    assertEquals("score", unknown.field());

    LeadDataException twice = assertThrows(LeadDataException.class, () -> LeadJson.readLead("{\"id\":\"L1\",\"id\":\"L2\"}"));
    assertEquals("id", twice.field());

    LeadDataException dupAttr = assertThrows(LeadDataException.class, () -> LeadJson.readLead("{\"id\":\"L1\",\"attributes\":{\"a\":1,\"a\":2}}"));
    assertEquals("a", dupAttr.field());

    LeadDataException eventField = assertThrows(LeadDataException.class,
        () -> LeadJson.readLead("{\"id\":\"L1\",\"events\":[{\"type\":\"v\",\"at\":\"2025-01-01T00:00:00Z\",\"when\":1}]}"));
    assertEquals("events[0].when", eventField.field());

    LeadDataException noType = assertThrows(LeadDataException.class,
        () -> LeadJson.readLead("{\"id\":\"L1\",\"events\":[{\"at\":\"2025-01-01T00:00:00Z\"}]}"));
    assertEquals("events[0].type", noType.field());

    LeadDataException big = assertThrows(LeadDataException.class,
        () -> LeadJson.readLead("{\"id\":\"L1\",\"events\":[{\"type\":\"v\",\"at\":\"2025-01-01T00:00:00Z\",\"count\":3000000000}]}"));
    assertTrue(big.problem().startsWith("count is too large"), big.problem());

    IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class, () -> LeadJson.readLead("{\"id\":"));
    assertFalse(malformed instanceof LeadDataException);
    assertTrue(malformed.getMessage().startsWith("malformed JSON at line 1"), malformed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LeadJson.readLead("[]"));
    assertThrows(IllegalArgumentException.class, () -> LeadJson.readLead("{\"id\":\"L1\"} {}"));
    assertThrows(IllegalArgumentException.class, () -> LeadJson.readLead(""));
  }

  @Test
  void ignoresAByteOrderMark() {
    assertEquals(List.of(Lead.builder("L1").build()), LeadJson.readArray(new StringReader("\uFEFF[{\"id\":\"L1\"}]")).leads());
    assertEquals(List.of(Lead.builder("L1").build()), LeadJson.readNdjson(new StringReader("\uFEFF{\"id\":\"L1\"}\n")).leads());
  }

  @Test
  void doesNotCloseTheCallersReader() throws Exception {
    StringReader in = new StringReader("[]");
    LeadJson.readArray(in);
    assertTrue(in.ready(), "the caller's reader must stay open"); // ready() throws if closed
    StringReader nd = new StringReader("");
    LeadJson.readNdjson(nd);
    assertTrue(nd.ready(), "the caller's reader must stay open");
  }

  static void assertError(RowError e, long row, String leadId, String field, String messagePart) {
    assertEquals(row, e.row(), e.toString());
    assertEquals(leadId, e.leadId(), e.toString());
    if (field == null) {
      assertNull(e.field(), e.toString());
    } else {
      assertEquals(field, e.field(), e.toString());
    }
    assertTrue(e.message().contains(messagePart), "expected '" + messagePart + "' in: " + e.message());
    assertTrue(e.message().startsWith("line " + row + ",") || e.message().contains("file, line " + row + ":")
        || e.message().startsWith("line " + row + ":"), e.message());
  }

  @Test
  void aStreamSharesRepeatedShortTextsAndEventTypes() {
    String lead = "{\"id\":\"%s\",\"attributes\":{\"source\":\"Google\",\"notes\":\"%s\"},"
        + "\"events\":[{\"type\":\"site_visit\",\"at\":\"2025-12-01T08:00:00Z\"}]}";
    String longText = "y".repeat(SharedValues.MAX_TEXT_LENGTH + 1);
    String ndjson = String.format(lead, "a", "hi") + "\n" + String.format(lead, "b", longText) + "\n"
        + String.format(lead, "c", longText) + "\n";
    for (ReadResult r : List.of(LeadJson.readNdjson(new StringReader(ndjson)),
        LeadJson.readArray(new StringReader("[" + ndjson.strip().replace("\n", ",") + "]")))) {
      List<Lead> leads = r.leads();
      assertEquals(3, leads.size(), r.errors().toString());
      assertSame(leads.get(0).attribute("source"), leads.get(2).attribute("source"));
      assertSame(leads.get(0).events().get(0).type(), leads.get(1).events().get(0).type());
      // Canonical instances, as schemas hold: the literal is the interned string.
      assertSame("site_visit", leads.get(2).events().get(0).type());
      assertSame("source", leads.get(1).attributes().keySet().stream().filter("source"::equals).findFirst().orElseThrow());
      assertEquals(leads.get(1).attribute("notes"), leads.get(2).attribute("notes"));
      assertTrue(leads.get(1).attribute("notes") != leads.get(2).attribute("notes"), "long texts are not pooled");
    }
  }
}
