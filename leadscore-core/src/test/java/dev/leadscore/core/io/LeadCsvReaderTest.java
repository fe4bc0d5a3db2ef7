package dev.leadscore.core.io;

import static dev.leadscore.core.io.LeadJsonTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadCsvReaderTest {

  /** An export shaped like the X Education one (our own rows), with CRLF line endings. */
  private static final String EXPORT = crlf("""
      Prospect ID,Lead Number,Lead Origin,Converted,TotalVisits,Total Time Spent on Website,Specialization
      p-0001,710001,API,1,5,1200,Select
      p-0002,710002,Landing Page Submission,0,,0,"Banking, Investment And Insurance"
      p-0003,710003,Lead Add Form,1,2.0,415,
      p-0004,710004,API,0,abc,12,Finance Management
      p-0005,710005,API,1,3
      p-0006,710006,"Lead
      Import",0,1,30,"two
      lines"
      p-0007,710007,API,0,x7,1,Select
      p-0002,710008,API,0,1,1,Select
      p-0009,710009,API, ,1,1,Select
      p-0010,710010,API,0,1,1,Select,extra
      """);

  private static String crlf(String s) {
    return s.replace("\n", "\r\n");
  }

  private static LeadCsvReader xeducation() {
    return LeadCsvReader.builder()
        .idColumn("Prospect ID")
        .labelColumn("Converted", "1")
        .numberColumns("TotalVisits", "Total Time Spent on Website")
        .map("Total Time Spent on Website", "time_on_site")
        .build();
  }

  @Test
  void readsAnXEducationStyleExport() {
    ReadResult r = xeducation().read(new StringReader(EXPORT));
    assertTrue(r.hasLabels());
    assertEquals(List.of("p-0001", "p-0002", "p-0003", "p-0006"), r.leads().stream().map(Lead::id).toList());
    assertEquals(List.of(true, false, true, false), r.labelled().stream().map(LabelledLead::converted).toList());
    assertEquals(10, r.rowsRead());

    Lead first = r.leads().get(0);
    assertEquals(Map.of(
        "Lead Number", new AttributeValue.Text("710001"),
        "Lead Origin", new AttributeValue.Text("API"),
        "TotalVisits", new AttributeValue.Num(5),
        "time_on_site", new AttributeValue.Num(1200),
        "Specialization", new AttributeValue.Text("Select")), first.attributes());

    Lead second = r.leads().get(1);
    assertEquals(AttributeValue.ABSENT, second.attributes().get("TotalVisits"));
    assertEquals(new AttributeValue.Text("Banking, Investment And Insurance"), second.attribute("Specialization"));
    assertEquals(new AttributeValue.Num(0), second.attribute("time_on_site"));
    assertEquals(AttributeValue.ABSENT, r.leads().get(2).attributes().get("Specialization"));
    assertEquals(new AttributeValue.Num(2), r.leads().get(2).attribute("TotalVisits"));

    Lead multi = r.leads().get(3);
    assertEquals(new AttributeValue.Text("Lead\r\nImport"), multi.attribute("Lead Origin"));
    assertEquals(new AttributeValue.Text("two\r\nlines"), multi.attribute("Specialization"));

    List<RowError> e = r.errors();
    assertEquals(6, e.size(), e.toString());
    assertError(e.get(0), 5, "p-0004", "TotalVisits", "line 5: lead 'p-0004', field 'TotalVisits': 'abc' is not a number");
    assertError(e.get(1), 6, "p-0005", null, "line 6: lead 'p-0005': expected 7 columns as in the header, found 5");
    // the row after the three-line quoted row: line 10, not 8
    assertError(e.get(2), 10, "p-0007", "TotalVisits", "'x7' is not a number");
    assertError(e.get(3), 11, "p-0002", "Prospect ID", "the id was already used by the row at line 3");
    assertError(e.get(4), 12, "p-0009", "Converted", "label missing");
    assertError(e.get(5), 13, "p-0010", null, "expected 7 columns as in the header, found 8");
    assertEquals(r.rowsRead(), r.leads().size() + r.errors().size());
  }

  @Test
  void textIsKeptExactlyAndAllOtherColumnsBecomeAttributes() {
    ReadResult r = LeadCsvReader.builder().build().read(new StringReader("id,Name,Note\nL1,  Ann ,\"say \"\"hi\"\"\"\nL2,   ,\"\"\n"));
    assertEquals(new AttributeValue.Text("  Ann "), r.leads().get(0).attribute("Name"));
    assertEquals(new AttributeValue.Text("say \"hi\""), r.leads().get(0).attribute("Note"));
    assertEquals(Map.of("Name", AttributeValue.ABSENT, "Note", AttributeValue.ABSENT), r.leads().get(1).attributes());
    assertFalse(r.hasLabels());
    assertThrows(IllegalStateException.class, r::labelled);
  }

  @Test
  void semicolonDelimitedFile() {
    String csv = "id;Firma;Umsatz;Aktiv\nA;\"Müller; Söhne\";1.5;ja\nB;Schmidt, GmbH;1,5;true\nC;Ølgaard;-2e3;N\n";
    ReadResult r = LeadCsvReader.builder().delimiter(';').numberColumns("Umsatz").booleanColumns("Aktiv").build().read(new StringReader(csv));
    assertEquals(List.of("C"), r.leads().stream().map(Lead::id).toList(), r.errors().toString());
    Lead c = r.leads().get(0);
    assertEquals(new AttributeValue.Num(-2000), c.attribute("Umsatz"));
    assertEquals(new AttributeValue.Bool(false), c.attribute("Aktiv"));
    assertEquals(new AttributeValue.Text("Ølgaard"), c.attribute("Firma"));
    assertError(r.errors().get(0), 2, "A", "Aktiv", "'ja' is not a boolean");
    assertError(r.errors().get(1), 3, "B", "Umsatz", "'1,5' is not a number");
  }

  @Test
  void tabAndPipeDelimiters() {
    for (char d : new char[] {'\t', '|'}) {
      String csv = "id" + d + "n" + d + "t\nL1" + d + "7" + d + "\"a" + d + "b\"\n";
      ReadResult r = LeadCsvReader.builder().delimiter(d).numberColumns("n").build().read(new StringReader(csv));
      assertEquals(List.of(), r.errors());
      assertEquals(new AttributeValue.Num(7), r.leads().get(0).attribute("n"));
      assertEquals(new AttributeValue.Text("a" + d + "b"), r.leads().get(0).attribute("t"));
    }
  }

  @Test
  void aQuotedMultilineCellFollowedByABadRowReportsThePhysicalLine() {
    String csv = "id,note,n\nL1,\"one\ntwo\nthree\",1\nL2,x,notanumber\nL3,\"a\r\nb\",2\nL4,y\n";
    ReadResult r = LeadCsvReader.builder().numberColumns("n").build().read(new StringReader(csv));
    assertEquals(List.of("L1", "L3"), r.leads().stream().map(Lead::id).toList());
    assertError(r.errors().get(0), 5, "L2", "n", "line 5: lead 'L2', field 'n': 'notanumber' is not a number");
    assertError(r.errors().get(1), 8, "L4", null, "line 8: lead 'L4': expected 3 columns as in the header, found 2");
  }

  @Test
  void numberCells() {
    String csv = "id,n\nL1, 12 \nL2,-0.5\nL3,+.25\nL4,1e3\nL5,1e999\nL6,NaN\nL7,0x10\nL8,12abc\nL9,\n";
    ReadResult r = LeadCsvReader.builder().numberColumns("n").build().read(new StringReader(csv));
    assertEquals(List.of(12.0, -0.5, 0.25, 1000.0), r.leads().stream().limit(4).map(l -> ((AttributeValue.Num) l.attribute("n")).value()).toList());
    assertEquals(AttributeValue.ABSENT, r.leads().get(4).attributes().get("n"));
    assertEquals(List.of(6L, 7L, 8L, 9L), r.errors().stream().map(RowError::row).toList());
    assertTrue(r.errors().get(0).message().contains("'1e999' is not a finite number"), r.errors().get(0).message());
    assertTrue(r.errors().get(1).message().contains("'NaN' is not a number"), r.errors().get(1).message());
  }

  @Test
  void labelParsing() {
    String csv = "id,Converted\nL1,yes\nL2,YES\nL3, Yes \nL4,no\nL5,maybe\nL6,\n";
    ReadResult yes = LeadCsvReader.builder().labelColumn("Converted", "yes").build().read(new StringReader(csv));
    assertEquals(List.of(true, true, true, false, false), yes.labelled().stream().map(LabelledLead::converted).toList());
    assertError(yes.errors().get(0), 7, "L6", "Converted", "label missing");
    assertTrue(yes.leads().get(0).attributes().isEmpty(), "the label is not an attribute");

    String bools = "id,won\nL1,true\nL2,True\nL3,FALSE\nL4,TRUE\n";
    ReadResult t = LeadCsvReader.builder().labelColumn("won", "TRUE").build().read(new StringReader(bools));
    assertEquals(List.of(true, true, false, true), t.labelled().stream().map(LabelledLead::converted).toList());

    String ones = "id,c\nL1,1\nL2,0\nL3, 1 \nL4,10\n";
    ReadResult one = LeadCsvReader.builder().labelColumn("c", "1").build().read(new StringReader(ones));
    assertEquals(List.of(true, false, true, false), one.labelled().stream().map(LabelledLead::converted).toList());
  }

  @Test
  void booleanColumnsCreatedAtAndOnlyMapped() {
    String csv = "id,Opt In,Created,Source,Ignored\nL1,Y,01/12/2025 09:30,web,x\nL2,0,,ads,y\nL3,1,31/02/2025 10:00,web,z\n";
    LeadCsvReader reader = LeadCsvReader.builder()
        .booleanColumns("Opt In")
        .map("Opt In", "opt_in")
        .map("Source", "source")
        .onlyMapped(true)
        .createdAtColumn("Created", DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm").withResolverStyle(ResolverStyle.STRICT), ZoneId.of("Europe/Berlin"))
        .build();
    ReadResult r = reader.read(new StringReader(csv));
    assertEquals(2, r.leads().size(), r.errors().toString());
    Lead l1 = r.leads().get(0);
    assertEquals(Map.of("opt_in", new AttributeValue.Bool(true), "source", new AttributeValue.Text("web")), l1.attributes());
    assertEquals(Instant.parse("2025-12-01T08:30:00Z"), l1.createdAt().orElseThrow());
    assertTrue(r.leads().get(1).createdAt().isEmpty());
    assertEquals(new AttributeValue.Bool(false), r.leads().get(1).attribute("opt_in"));
    assertError(r.errors().get(0), 4, "L3", "Created", "'31/02/2025 10:00' does not match the configured timestamp format");

    ReadResult iso = LeadCsvReader.builder().createdAtColumn("at").build()
        .read(new StringReader("id,at\nL1,2026-01-01T00:00:00Z\nL2,2026-01-01T01:00:00+01:00\nL3,2026-01-01\n"));
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), iso.leads().get(0).createdAt().orElseThrow());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), iso.leads().get(1).createdAt().orElseThrow());
    assertError(iso.errors().get(0), 4, "L3", "at", "'2026-01-01' is not an ISO-8601 instant");
  }

  @Test
  void headerProblemsThrowNamingTheColumnAndListingTheHeader() {
    IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
        () -> LeadCsvReader.builder().idColumn("Prospect ID").build().read(new StringReader("Lead Number,Converted\n1,0\n")));
    assertTrue(noId.getMessage().contains("'Prospect ID'") && noId.getMessage().contains("[Lead Number, Converted]"), noId.getMessage());

    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
        () -> LeadCsvReader.builder().build().read(new StringReader("id,a,b,a\n")));
    assertTrue(dup.getMessage().contains("'a' twice") && dup.getMessage().contains("[id, a, b, a]"), dup.getMessage());

    IllegalArgumentException mapped = assertThrows(IllegalArgumentException.class,
        () -> LeadCsvReader.builder().map("Score", "score").build().read(new StringReader("id,a\n")));
    assertTrue(mapped.getMessage().contains("mapped column 'Score'") && mapped.getMessage().contains("[id, a]"), mapped.getMessage());

    IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
        () -> LeadCsvReader.builder().numberColumns("n").build().read(new StringReader("id,a\n")));
    assertTrue(number.getMessage().contains("number column 'n'"), number.getMessage());

    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> LeadCsvReader.builder().labelColumn("Converted", "1").build().read(new StringReader("id,a\n")));
    assertTrue(label.getMessage().contains("label column 'Converted'"), label.getMessage());

    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
        () -> LeadCsvReader.builder().build().read(new StringReader(",id,a\n0,L1,x\n")));
    assertTrue(blank.getMessage().contains("column 1") && blank.getMessage().contains("blank header"), blank.getMessage());
    // ...which mapping or onlyMapped resolves
    assertEquals(new AttributeValue.Text("0"),
        LeadCsvReader.builder().map("", "row").build().read(new StringReader(",id,a\n0,L1,x\n")).leads().get(0).attribute("row"));

    IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
        () -> LeadCsvReader.builder().map("A", "B").build().read(new StringReader("id,A,B\n")));
    assertTrue(clash.getMessage().contains("attribute 'B'"), clash.getMessage());

    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> LeadCsvReader.builder().build().read(new StringReader("")));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
  }

  @Test
  void builderRefusesContradictions() {
    assertThrows(IllegalArgumentException.class, () -> LeadCsvReader.builder().numberColumns("x").booleanColumns("x").build());
    assertThrows(IllegalArgumentException.class, () -> LeadCsvReader.builder().labelColumn("id", "1").build());
    assertThrows(IllegalArgumentException.class, () -> LeadCsvReader.builder().map("id", "lead_id").build());
    assertThrows(IllegalArgumentException.class, () -> LeadCsvReader.builder().numberColumns("n").onlyMapped(true).build());
    assertThrows(IllegalArgumentException.class, () -> LeadCsvReader.builder().map("a", "x").map("a", "y"));
    assertThrows(IllegalArgumentException.class, () -> LeadCsvReader.builder().delimiter('"'));
    assertThrows(IllegalArgumentException.class, () -> LeadCsvReader.builder().idColumn(" "));
  }

  @Test
  void blankIdsEmptyLinesAndAnUnclosedQuote() {
    // the unclosed quote rejects its row (L3), and reading resumes on the next line (L4)
    String csv = "id,t\n\nL1,a\n,b\n\r\nL2,c\nL3,\"never closed\nL4,d\n";
    ReadResult r = LeadCsvReader.builder().build().read(new StringReader(csv));
    assertEquals(List.of("L1", "L2", "L4"), r.leads().stream().map(Lead::id).toList());
    assertEquals(2, r.errors().size(), r.errors().toString());
    assertError(r.errors().get(0), 4, null, "id", "line 4: lead <no id>, field 'id': the id cell is blank");
    assertError(r.errors().get(1), 7, null, null, "line 7: malformed CSV: the quote opened in column 2 (line 7, character 4)"
        + " is never closed; the row is rejected and reading resumed on line 8");
    assertEquals(r.rowsRead(), r.leads().size() + r.errors().size());
  }

  @Test
  void streamingAndPathReading(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("leads.csv");
    Files.write(file, ("\uFEFF" + "id,Converted\r\nL1,1\r\nL2,0\r\n").getBytes(StandardCharsets.UTF_8));
    LeadCsvReader reader = LeadCsvReader.builder().labelColumn("Converted", "1").build();
    ReadResult r = reader.read(file);
    assertEquals(List.of(new LabelledLead(Lead.builder("L1").build(), true), new LabelledLead(Lead.builder("L2").build(), false)), r.labelled());

    List<String> seen = new ArrayList<>();
    long rows = reader.streamLabelled(new StringReader("id,Converted\nL1,1\nL2,\nL3,0\n"),
        l -> seen.add(l.lead().id() + "=" + l.converted()), e -> seen.add("error@" + e.row()));
    assertEquals(3, rows);
    assertEquals(List.of("L1=true", "error@3", "L3=false"), seen);

    List<String> plain = new ArrayList<>();
    StringReader open = new StringReader("id,Converted\nL1,1\n");
    reader.stream(open, l -> plain.add(l.id()), e -> plain.add("error"));
    assertEquals(List.of("L1"), plain);
    open.ready(); // throws if the reader was closed
    assertThrows(IllegalStateException.class,
        () -> LeadCsvReader.builder().build().streamLabelled(new StringReader("id\nL1\n"), l -> { }, e -> { }));
    assertThrows(IOException.class, () -> reader.read(dir.resolve("missing.csv")));
  }

  @Test
  void mergesAnEventLog() {
    String leads = "id,n\nL1,1\nL2,2\nL3,three\n";
    String events = String.join("\n",
        "lead_id,type,at,count",
        "L1,email_open,2025-12-01T10:00:00Z,1",
        "L2,pricing_page_visit,2025-12-02T10:00:00Z,3",
        "L9,email_open,2025-12-03T10:00:00Z,1",
        "L1,demo_request,not-a-time,1",
        "L2,email_open,2025-12-04T10:00:00Z,-2",
        "L3,email_open,2025-12-04T10:00:00Z,1",
        "L1,webinar,2025-12-05T10:00:00Z,",
        "L2,,2025-12-05T10:00:00Z,1",
        "L2,x,2025-12-05T10:00:00Z,1.5",
        "L2,x,2025-12-05T10:00:00Z",
        "");
    LeadCsvReader reader = LeadCsvReader.builder().numberColumns("n")
        .events(EventCsvReader.builder().countColumn("count").build()).build();
    ReadResult r = reader.readWithEvents(new StringReader(leads), new StringReader(events));
    assertEquals(List.of("L1", "L2"), r.leads().stream().map(Lead::id).toList());
    assertEquals(3, r.rowsRead());
    Lead l1 = r.leads().get(0);
    assertEquals(List.of("email_open", "webinar"), l1.events().stream().map(e -> e.type()).toList());
    assertEquals(1, l1.events().get(1).count());
    Lead l2 = r.leads().get(1);
    assertEquals(1, l2.events().size());
    assertEquals(3, l2.events().get(0).count());
    assertEquals(Instant.parse("2025-12-02T10:00:00Z"), l2.events().get(0).at());
    assertEquals(new AttributeValue.Num(2), l2.attribute("n"));

    List<RowError> e = r.errors();
    assertEquals(8, e.size(), e.toString());
    assertError(e.get(0), 4, "L3", "n", "leads file, line 4: lead 'L3', field 'n': 'three' is not a number");
    assertError(e.get(1), 4, "L9", "lead_id", "events file, line 4: lead 'L9', field 'lead_id': no lead with this id in the leads file");
    assertError(e.get(2), 5, "L1", "at", "events file, line 5: lead 'L1', field 'at': 'not-a-time' is not an ISO-8601 instant");
    assertError(e.get(3), 6, "L2", "count", "count must be >= 0, got -2");
    assertError(e.get(4), 7, "L3", "lead_id", "the lead's row in the leads file was rejected");
    assertError(e.get(5), 9, "L2", "type", "the event type is blank");
    assertError(e.get(6), 10, "L2", "count", "count must be a whole number >= 0, got '1.5'");
    assertError(e.get(7), 11, "L2", null, "events file, line 11: lead 'L2': expected 4 columns as in the header, found 3");
  }

  @Test
  void eventLogWithItsOwnColumnsFormatAndDelimiter() {
    EventCsvReader events = EventCsvReader.builder()
        .leadIdColumn("Prospect ID").typeColumn("Activity").delimiter(';')
        .timestampColumn("When", DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"), ZoneId.of("UTC"))
        .build();
    List<String> seen = new ArrayList<>();
    long rows = events.read(new StringReader("Prospect ID;Activity;When;Other\np1;Email Opened;2025-11-30 23:59;x\np2;Page Visited;yesterday;y\n"),
        (id, e) -> seen.add(id + " " + e.type() + " " + e.at() + " " + e.count()), e -> seen.add(e.message()));
    assertEquals(2, rows);
    assertEquals("p1 Email Opened 2025-11-30T23:59:00Z 1", seen.get(0));
    assertTrue(seen.get(1).startsWith("line 3: lead 'p2', field 'When': 'yesterday' does not match"), seen.get(1));

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> events.read(new StringReader("Prospect ID;Activity\n"), (id, e) -> { }, e -> { }));
    assertTrue(missing.getMessage().contains("'When'") && missing.getMessage().contains("[Prospect ID, Activity]"), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EventCsvReader.builder().typeColumn("lead_id").build());
  }

  @Test
  void oneReadSharesOneStringPerEventType() {
    EventCsvReader events = EventCsvReader.builder().timestampColumn("at").build();
    List<ActivityEvent> got = new ArrayList<>();
    events.read(new StringReader("lead_id,type,at\np1,site_visit,2025-01-01T00:00:00Z\np2,site_visit,2025-01-02T00:00:00Z\n"
        + "p1,demo_request,2025-01-03T00:00:00Z\np3,site_visit,2025-01-04T00:00:00Z\n"), (id, e) -> got.add(e), e -> { });
    assertEquals(4, got.size());
    assertSame(got.get(0).type(), got.get(1).type());
    assertSame(got.get(0).type(), got.get(3).type());
    assertEquals("demo_request", got.get(2).type());
  }

  @Test
  void oneReadSharesOneValuePerRepeatedShortText() throws IOException {
    String longText = "x".repeat(SharedValues.MAX_TEXT_LENGTH + 1);
    ReadResult r = LeadCsvReader.builder().idColumn("id").build().read(new StringReader(
        "id,source,notes\na,Google,hi\nb,Google," + longText + "\nc,google," + longText + "\n"));
    List<Lead> leads = r.leads();
    assertEquals(3, leads.size());
    assertSame(leads.get(0).attribute("source"), leads.get(1).attribute("source"));
    // Attribute names are the canonical instances schemas hold (the literal is interned).
    assertSame("source", leads.get(2).attributes().keySet().stream().filter("source"::equals).findFirst().orElseThrow());
    assertEquals(new AttributeValue.Text("google"), leads.get(2).attribute("source"));
    // Long cells are not pooled: equal, but each lead has its own.
    assertEquals(leads.get(1).attribute("notes"), leads.get(2).attribute("notes"));
    assertFalse(leads.get(1).attribute("notes") == leads.get(2).attribute("notes"));
  }

  @Test
  void aColumnOfMostlyDistinctValuesStopsSharingAndReadsTheSame() {
    StringBuilder csv = new StringBuilder("id,email,source\n");
    int n = SharedValues.MAX_PER_COLUMN + 10;
    for (int i = 0; i < n; i++) {
      csv.append('L').append(i).append(",u").append(i).append("@x.com,").append(i % 2 == 0 ? "Google" : "Ads").append('\n');
    }
    csv.append("L-again,u0@x.com,Google\n");
    List<Lead> leads = LeadCsvReader.builder().build().read(new StringReader(csv.toString())).leads();
    assertEquals(n + 1, leads.size());
    assertSame(leads.get(0).attribute("source"), leads.get(n).attribute("source"), "a low-cardinality column shares");
    assertEquals(leads.get(0).attribute("email"), leads.get(n).attribute("email"));
    assertFalse(leads.get(0).attribute("email") == leads.get(n).attribute("email"), "the e-mail column stopped sharing");
  }
}
