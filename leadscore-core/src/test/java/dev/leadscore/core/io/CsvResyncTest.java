package dev.leadscore.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import dev.leadscore.core.testing.PropertyCheck;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Malformed rows that must not end a read, row-number ids, and the streamed join with an events file. */
class CsvResyncTest {
  private static List<Lead> leads(String csv, List<RowError> errors, LeadCsvReader reader) {
    List<Lead> out = new ArrayList<>();
    long rows = reader.stream(new StringReader(csv), out::add, errors::add);
    assertEquals(rows, out.size() + errors.size(), "every row is a lead or an error");
    return out;
  }

  @Test
  void aRowOfOnlyAnEmptyQuotedCellIsReportedNotSkipped() {
    List<RowError> errors = new ArrayList<>();
    List<Lead> got = leads("id,t\nL1,a\n\"\"\nL2,b\n", errors, LeadCsvReader.builder().build());
    assertEquals(List.of("L1", "L2"), got.stream().map(Lead::id).toList());
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(3, errors.get(0).row());
    assertTrue(errors.get(0).message().contains("expected 2 columns as in the header, found 1"), errors.toString());
  }

  @Test
  void textAfterAClosingQuoteRejectsOnlyItsRow() {
    List<RowError> errors = new ArrayList<>();
    List<Lead> got = leads("id,t\nL1,\"a\"b\nL2,\"c\nd\"\nL3,e\n", errors, LeadCsvReader.builder().build());
    assertEquals(List.of("L2", "L3"), got.stream().map(Lead::id).toList());
    assertEquals(new AttributeValue.Text("c\nd"), got.get(0).attribute("t"));
    assertEquals(1, errors.size());
    assertEquals("L1", errors.get(0).leadId());
    assertTrue(errors.get(0).message().startsWith("line 2: lead 'L1': malformed CSV: text after the closing quote of column 2"),
        errors.get(0).message());
  }

  @Test
  void aCellOverTheLimitIsARejectedRowAndTheReadGoesOn() {
    StringBuilder big = new StringBuilder("id,t\nL1,a\nL2,\"");
    big.append("x".repeat(CsvRows.MAX_CELL + 1)).append("\"\nL3,c\nL4,");
    big.append("y".repeat(CsvRows.MAX_CELL + 5)).append("\nL5,d\n");
    List<RowError> errors = new ArrayList<>();
    List<Lead> got = leads(big.toString(), errors, LeadCsvReader.builder().build());
    assertEquals(List.of("L1", "L3", "L5"), got.stream().map(Lead::id).toList());
    assertEquals(List.of(3L, 5L), errors.stream().map(RowError::row).toList());
    assertTrue(errors.get(0).message().contains("column 2 holds more than 20000000 characters"), errors.toString());
    assertEquals("L4", errors.get(1).leadId());
  }

  @Test
  void anUnclosedQuoteOnTheLastRowIsOneRejectedRow() {
    List<RowError> errors = new ArrayList<>();
    List<Lead> got = leads("id,t\nL1,a\nL2,\"open", errors, LeadCsvReader.builder().build());
    assertEquals(List.of("L1"), got.stream().map(Lead::id).toList());
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).message().contains("never closed"), errors.toString());
  }

  @Test
  void aStrayQuoteClosedByALaterOneLosesOnlyItsOwnRow() {
    List<RowError> errors = new ArrayList<>();
    List<Lead> got = leads("id,t\nL1,\"stray\nL2,b\nL3,\"c\"\nL4,d\n", errors, LeadCsvReader.builder().build());
    assertEquals(List.of("L2", "L3", "L4"), got.stream().map(Lead::id).toList());
    assertEquals(new AttributeValue.Text("c"), got.get(1).attribute("t"));
    assertEquals(1, errors.size());
    assertEquals("line 2: malformed CSV: the quote opened in column 2 (line 2, character 4) closes only on line 4,"
        + " followed by text; the row is rejected and reading resumed on line 3", errors.get(0).message());
  }

  @Test
  void withoutAnIdColumnLeadsAreNamedByDataRowNumber() {
    List<RowError> errors = new ArrayList<>();
    LeadCsvReader reader = LeadCsvReader.builder().rowNumberIds().numberColumns("n").build();
    List<Lead> got = leads("n,t\n1,a\nx,b\n\n3,\"c\nc\"\n4,d\n", errors, reader);
    assertEquals(List.of("1", "3", "4"), got.stream().map(Lead::id).toList());
    assertEquals("2", errors.get(0).leadId());
    assertEquals(new AttributeValue.Num(1), got.get(0).attribute("n"));
  }

  @Test
  void repeatedIdsAreErrorsUnlessTheCheckIsOff() {
    String csv = "id,t\nL1,a\nL1,b\n";
    List<RowError> errors = new ArrayList<>();
    assertEquals(1, leads(csv, errors, LeadCsvReader.builder().build()).size());
    assertEquals(1, errors.size());
    errors.clear();
    assertEquals(2, leads(csv, errors, LeadCsvReader.builder().uniqueIds(false).build()).size());
    assertEquals(List.of(), errors);
  }

  @Test
  void aDecodingErrorNamesItsLineAndCharacter() {
    Reader broken = new Reader() {
      private final StringReader good = new StringReader("id,t\nL1,a\nL2,b");
      private boolean done;

      @Override
      public int read(char[] cbuf, int off, int len) throws IOException {
        if (done) {
          throw new MalformedInputException(1);
        }
        int n = good.read(cbuf, off, len);
        if (n < 0) {
          done = true;
          return read(cbuf, off, len);
        }
        return n;
      }

      @Override
      public void close() {}
    };
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> LeadCsvReader.builder().build().stream(broken, l -> { }, r -> { }));
    assertTrue(e.getCause().getMessage().startsWith("line 3, character 5: "), e.getCause().getMessage());
  }

  private static final String EVENTS_HEADER = "lead_id,type,at\n";

  private static LeadCsvReader.StreamCounts join(String leads, String events, boolean ordered, List<Lead> out,
      List<RowError> errors) {
    return LeadCsvReader.builder().numberColumns("n").build().streamWithEvents(new StringReader(leads),
        new StringReader(events), ordered, (lead, line) -> out.add(lead), errors::add);
  }

  @Test
  void theOrderedJoinMatchesTheInMemoryOneOnAnOrderedFile() {
    String leads = "id,n\nA,1\nB,x\nC,3\nD,4\n";
    String events = EVENTS_HEADER + "A,visit,2026-01-01T00:00:00Z\nA,demo,2026-01-02T00:00:00Z\nB,visit,2026-01-01T00:00:00Z\n"
        + "D,visit,bad\nD,visit,2026-01-03T00:00:00Z\n";
    List<Lead> a = new ArrayList<>();
    List<RowError> ea = new ArrayList<>();
    LeadCsvReader.StreamCounts ca = join(leads, events, true, a, ea);
    List<Lead> b = new ArrayList<>();
    List<RowError> eb = new ArrayList<>();
    LeadCsvReader.StreamCounts cb = join(leads, events, false, b, eb);
    assertEquals(a, b);
    assertEquals(ca, cb);
    assertEquals(new LeadCsvReader.StreamCounts(4, 5, 0), ca);
    assertEquals(List.of("A", "C", "D"), a.stream().map(Lead::id).toList());
    assertEquals(2, a.get(0).events().size());
    assertEquals(List.of(new ActivityEvent("visit", Instant.parse("2026-01-03T00:00:00Z"), 1)), a.get(2).events());
    // B's row is rejected, so its event is reported; D's bad timestamp too
    assertEquals(ea.stream().map(RowError::message).sorted().toList(), eb.stream().map(RowError::message).sorted().toList());
    assertTrue(ea.stream().anyMatch(e -> e.message().startsWith("events file, line 4: lead 'B'")), ea.toString());
  }

  @Test
  void anEventOutOfOrderIsCountedSoTheCallerCanReadAgain() {
    String leads = "id,n\nA,1\nB,2\n";
    String events = EVENTS_HEADER + "B,visit,2026-01-01T00:00:00Z\nA,visit,2026-01-01T00:00:00Z\nZ,visit,2026-01-01T00:00:00Z\n";
    List<Lead> out = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    assertEquals(2, join(leads, events, true, out, errors).eventsNotAttached());
    out.clear();
    LeadCsvReader.StreamCounts held = join(leads, events, false, out, errors);
    assertEquals(1, held.eventsNotAttached());
    assertEquals(1, out.get(0).events().size());
    assertEquals(1, out.get(1).events().size());
    assertTrue(errors.get(errors.size() - 1).message().contains("lead 'Z'"), errors.toString());
  }

  @Test
  void theFastTimestampPathAgreesWithInstantParse() {
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 3);
    for (int i = 0; i < 20_000; i++) {
      String s = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", r.nextInt(0, 10_000), r.nextInt(0, 14), r.nextInt(0, 33),
          r.nextInt(0, 25), r.nextInt(0, 61), r.nextInt(0, 61));
      Instant fast = Timestamps.utcSeconds(s);
      Instant slow;
      try {
        slow = Instant.parse(s);
      } catch (DateTimeParseException e) {
        assertNull(fast, s);
        continue;
      }
      if (fast != null) {
        assertEquals(slow, fast, s);
      } else {
        assertTrue(s.endsWith(":60Z") || s.contains("T24:"), "only leap seconds and 24:00 may take the slow path: " + s);
      }
    }
    assertNotNull(Timestamps.utcSeconds("2024-02-29T23:59:59Z"));
    assertNull(Timestamps.utcSeconds("2023-02-29T00:00:00Z"));
  }
}
