package dev.leadscore.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.io.EventCsvReader;
import dev.leadscore.core.io.LeadCsvReader;
import dev.leadscore.core.io.ReadResult;
import dev.leadscore.core.testing.PropertyCheck;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad CSV rows for {@link LeadCsvReader} (alone and with an events file) and {@link EventCsvReader}.
 *
 * <p>Documented exceptions: {@link IllegalArgumentException} when the header does not fit the
 * configuration (missing or repeated column, empty file, malformed header line), {@link
 * java.io.UncheckedIOException} when the reader fails; nothing for bad rows. Every data row is
 * one lead or one {@link RowError} whose row is the 1-based physical line the row starts on and
 * whose message starts with {@code line N:} and names the column and value; an unclosed quote
 * ends the read with one error at the row it cut short, keeping the rows before it. For the
 * leads file {@code leads().size() + errors == rowsRead()}; for an events file every row is an
 * attached event or an error of the events file.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeadCsvFuzzTest {
  private static final String HEADER = "id,company_size,revenue,dm,industry,title,created,converted";
  private static final int COLUMNS = 8;

  private static LeadCsvReader reader() {
    return LeadCsvReader.builder()
        .numberColumns("company_size", "revenue")
        .booleanColumns("dm")
        .createdAtColumn("created")
        .labelColumn("converted", "yes")
        .events(EventCsvReader.builder().countColumn("count").build())
        .build();
  }

  /** A CSV cell: quoted when it holds a delimiter, quote or line break (or at random). */
  private static String cell(String v, SplittableRandom r) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || r.nextInt(8) == 0) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static final String[] NUMBERS = {"12", "-0.5", "1e3", " 250 ", "+7", ".5", "3.", "1E-5", "1e308", "-1e308",
      "123456789012345678901234567890", "0", ""};
  private static final String[] BOOLS = {"true", "FALSE", "yes", "No", "y", "N", "1", "0", " true ", ""};
  private static final String[] TEXTS = {"Software", "Media, Entertainment", "VP \"Sales\"", "two\nlines", "  spaced  ",
      "\u00e9\u20ac\ud83d\ude00", "", "   ", "=cmd|' /C calc'!A0", "Select"};
  private static final String[] CREATED = {"2025-12-01T10:00:00Z", "2025-12-01T10:00:00+02:00", "", " 2026-01-01T00:00:00Z "};

  /** A bad row: what is wrong, its cells (or raw text when {@code raw}), and a token its error must contain. */
  record Bad(String kind, List<String> cells, String token) {}

  private static List<String> goodCells(String id, SplittableRandom r) {
    return new ArrayList<>(List.of(id, NUMBERS[r.nextInt(NUMBERS.length)], NUMBERS[r.nextInt(NUMBERS.length)],
        BOOLS[r.nextInt(BOOLS.length)], TEXTS[r.nextInt(TEXTS.length)], TEXTS[r.nextInt(TEXTS.length)],
        CREATED[r.nextInt(CREATED.length)], r.nextBoolean() ? "yes" : r.nextBoolean() ? "no" : " YES "));
  }

  private static Bad bad(String id, String firstId, SplittableRandom r) {
    List<String> c = goodCells(id, r);
    switch (r.nextInt(16)) {
      case 0: return new Bad("too few cells", c.subList(0, 1 + r.nextInt(COLUMNS - 1)), "expected " + COLUMNS + " columns");
      case 1: c.add("extra"); return new Bad("too many cells", c, "found " + (COLUMNS + 1));
      case 2: c.set(1, "12abc"); return new Bad("bad number", c, "12abc");
      case 3: c.set(2, "1,5"); return new Bad("decimal comma", c, "1,5");
      case 4: c.set(1, r.nextBoolean() ? "NaN" : "-Infinity"); return new Bad("non-finite token", c, "company_size");
      case 5: c.set(2, "1e999"); return new Bad("overflowing number", c, "1e999");
      case 6: c.set(1, "1 000"); return new Bad("thousands separator", c, "1 000");
      case 7: c.set(3, "maybe"); return new Bad("bad boolean", c, "maybe");
      case 8: c.set(0, r.nextBoolean() ? "" : "   "); return new Bad("blank id", c, "id");
      case 9: c.set(0, firstId); return new Bad("duplicate id", c, "already used");
      case 10: c.set(7, r.nextBoolean() ? "" : "  "); return new Bad("blank label", c, "converted");
      case 11: c.set(6, "2026-02-30T00:00:00Z"); return new Bad("impossible date", c, "2026-02-30");
      case 12: c.set(6, "yesterday"); return new Bad("unparseable date", c, "yesterday");
      case 13: c.set(1, "0x1F"); return new Bad("hex number", c, "0x1F");
      case 14: c.set(4, "multi\nline"); c.set(2, "abc"); return new Bad("bad number after a multi-line cell", c, "abc");
      default: c.set(1, "1.2.3"); return new Bad("two decimal points", c, "1.2.3");
    }
  }

  /** The lead a good row must give. */
  private static LabelledLead expected(List<String> c) {
    Lead.Builder b = Lead.builder(c.get(0));
    if (c.get(1).isBlank()) { b.absent("company_size"); } else { b.number("company_size", Double.parseDouble(c.get(1).strip())); }
    if (c.get(2).isBlank()) { b.absent("revenue"); } else { b.number("revenue", Double.parseDouble(c.get(2).strip())); }
    if (c.get(3).isBlank()) {
      b.absent("dm");
    } else {
      b.bool("dm", List.of("true", "yes", "y", "1").contains(c.get(3).strip().toLowerCase()));
    }
    for (int i : new int[] {4, 5}) {
      String name = i == 4 ? "industry" : "title";
      if (c.get(i).isBlank()) { b.absent(name); } else { b.text(name, c.get(i)); }
    }
    if (!c.get(6).isBlank()) {
      b.createdAt(java.time.OffsetDateTime.parse(c.get(6).strip()).toInstant());
    }
    return new LabelledLead(b.build(), c.get(7).strip().equalsIgnoreCase("yes"));
  }

  private static String row(List<String> cells, SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(cell(cells.get(i), r));
    }
    return sb.toString();
  }

  private static long breaks(String s) {
    return s.chars().filter(ch -> ch == '\n').count();
  }

  /** A generated leads file: its text, and per data row its start line and what it must give. */
  record LeadsFile(String text, Map<Long, Object> rows, List<LabelledLead> good) {}

  private static LeadsFile leadsFile(SplittableRandom r, String prefix, int n) {
    StringBuilder text = new StringBuilder(r.nextBoolean() ? "\uFEFF" : "").append(HEADER);
    Map<Long, Object> rows = new LinkedHashMap<>();
    List<LabelledLead> good = new ArrayList<>();
    String firstId = null;
    long line = 1;
    for (int i = 0; i < n; i++) {
      String eol = r.nextBoolean() ? "\r\n" : "\n";
      text.append(eol);
      line++;
      if (r.nextInt(15) == 0) { // a completely empty line: skipped, not a row
        text.append(eol);
        line++;
      }
      String id = prefix + i;
      String rowText;
      if (firstId != null && r.nextInt(3) == 0) {
        Bad b = bad(id, firstId, r);
        rowText = row(b.cells(), r);
        rows.put(line, b);
      } else {
        List<String> c = goodCells(id, r);
        rowText = row(c, r);
        LabelledLead l = expected(c);
        rows.put(line, l);
        good.add(l);
        firstId = firstId == null ? id : firstId;
      }
      text.append(rowText);
      line += breaks(rowText);
    }
    if (r.nextBoolean()) {
      text.append(r.nextBoolean() ? "\r\n" : "\n");
    }
    return new LeadsFile(text.toString(), rows, good);
  }

  @Test
  void leadsCsvBatchesAccountForEveryRow() {
    Tally t = new Tally("LeadCsvReader.read mixed batches (rows)");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 10);
    LeadCsvReader reader = reader();
    long in = 0;
    long out = 0;
    long errs = 0;
    Map<String, Integer> classes = new HashMap<>();
    for (int batch = 0; batch < 60; batch++) {
      LeadsFile f = leadsFile(r, "c" + batch + "-", 30 + r.nextInt(60));
      ReadResult res = reader.read(new StringReader(f.text()));
      in += f.rows().size();
      out += res.leads().size();
      errs += res.errors().size();
      if (res.rowsRead() != f.rows().size() || res.leads().size() + res.errors().size() != res.rowsRead()) {
        t.fail("batch " + batch + ": " + f.rows().size() + " rows in, rowsRead " + res.rowsRead() + ", " + res.leads().size()
            + " leads + " + res.errors().size() + " errors");
      }
      if (!res.labelled().equals(f.good())) {
        t.fail("batch " + batch + ": good rows did not come out as expected, in order:\n" + res.labelled() + "\nvs\n" + f.good());
      }
      Map<Long, RowError> errorAt = new HashMap<>();
      res.errors().forEach(e -> errorAt.put(e.row(), e));
      for (Map.Entry<Long, Object> e : f.rows().entrySet()) {
        if (e.getValue() instanceof Bad b) {
          classes.merge(b.kind(), 1, Integer::sum);
          t.count("bad row reported");
          RowError err = errorAt.get(e.getKey());
          if (err == null || !err.message().startsWith("line " + e.getKey() + ":") || !err.message().contains(b.token())) {
            t.fail("line " + e.getKey() + " (" + b.kind() + "): expected an error naming '" + b.token() + "', got " + err);
          }
        } else {
          t.count("good row kept");
        }
      }
    }
    System.out.println("[hardening] leads CSV data loss check: " + in + " rows in = " + out + " leads + " + errs
        + " errors; bad-row classes hit: " + classes.size() + " " + classes.keySet());
    assertEquals(in, out + errs);
    t.assertClean();
  }

  @Test
  void anUnclosedQuoteRejectsItsRowAndReadingResumesOnTheNextLine() {
    Tally t = new Tally("LeadCsvReader.read unbalanced quotes");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 11);
    LeadCsvReader reader = reader();
    for (int batch = 0; batch < 200; batch++) {
      LeadsFile f = leadsFile(r, "q" + batch + "-", 10 + r.nextInt(20));
      List<Long> starts = new ArrayList<>(f.rows().keySet());
      int k = r.nextInt(starts.size());
      long line = starts.get(k);
      String[] lines = f.text().split("\n", -1);
      int at = 0;
      for (int j = 0; j < line - 1; j++) {
        at += lines[j].length() + 1;
      }
      // an opening quote at the start of that row, and no other quote after it: it can never close
      String text = f.text().substring(0, at) + "\"" + f.text().substring(at).replace("\"", "");
      Outcome<ReadResult> o = Fuzz.attempt(t, text, () -> reader.read(new StringReader(text)));
      if (!o.ok()) {
        continue;
      }
      ReadResult res = o.value();
      long goodBefore = f.rows().entrySet().stream().filter(e -> e.getKey() < line && e.getValue() instanceof LabelledLead).count();
      if (res.rowsRead() != res.leads().size() + res.errors().size()) {
        t.fail("quote opened at line " + line + ": rowsRead " + res.rowsRead() + " != " + res.leads().size() + " leads + "
            + res.errors().size() + " errors");
      }
      if (res.labelled().size() < goodBefore || !res.labelled().subList(0, (int) goodBefore).equals(f.good().subList(0, (int) goodBefore))) {
        t.fail("rows before the unclosed quote at line " + line + " were lost");
      }
      RowError damaged = res.errors().stream().filter(e -> e.row() == line).findFirst().orElse(null);
      if (damaged == null || !damaged.message().startsWith("line " + line + ": malformed CSV")
          || !damaged.message().contains("never closed")
          || text.indexOf('\n', at) >= 0 && !damaged.message().contains("resumed on line " + (line + 1))) {
        t.fail("expected a malformed-CSV error at line " + line + " saying reading resumed on the next line, got " + damaged);
        continue;
      }
      // what follows the quote's line reads as it would on its own under the same header
      String[] all = text.split("\n", -1);
      String rest = all[0] + "\n" + String.join("\n", java.util.Arrays.asList(all).subList((int) line, all.length));
      ReadResult alone = reader.read(new StringReader(rest));
      List<LabelledLead> after = res.labelled().subList((int) goodBefore, res.labelled().size());
      // ids used before the damage are repeats after it, as they would not be on their own
      java.util.Set<String> before = new java.util.HashSet<>();
      res.labelled().subList(0, (int) goodBefore).forEach(l -> before.add(l.lead().id()));
      res.errors().stream().filter(e -> e.row() < line && e.leadId() != null).forEach(e -> before.add(e.leadId()));
      List<LabelledLead> fresh = alone.labelled().stream().filter(l -> !before.contains(l.lead().id())).toList();
      if (!after.equals(fresh)) {
        t.fail("after the unclosed quote at line " + line + ": " + after.size() + " leads, but " + fresh.size()
            + " when the rest is read on its own");
      }
    }
    t.assertClean();
  }

  @Test
  void randomEditsOfACsvFileNeverThrowForRowsAndNeverLoseARowBeforeTheDamage() {
    Tally t = new Tally("LeadCsvReader.read random edits");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 12);
    LeadCsvReader reader = reader();
    for (int i = 0; i < 1500; i++) {
      LeadsFile f = leadsFile(r, "m" + i + "-", 15);
      String m = Fuzz.mutate(f.text(), r);
      int firstDiff = 0;
      while (firstDiff < Math.min(m.length(), f.text().length()) && m.charAt(firstDiff) == f.text().charAt(firstDiff)) {
        firstDiff++;
      }
      long damagedLine = breaks(f.text().substring(0, firstDiff)) + 1;
      Outcome<ReadResult> o = Fuzz.attempt(t, m, () -> reader.read(new StringReader(m)), IllegalArgumentException.class);
      if (!o.ok()) {
        if (damagedLine > 1) {
          t.fail("the header was intact but the file was refused: " + o.thrown().getMessage());
        } else if (!o.thrown().getMessage().contains("header") && !o.thrown().getMessage().contains("empty")) {
          t.fail("header error does not mention the header: " + o.thrown().getMessage());
        }
        continue;
      }
      ReadResult res = o.value();
      if (res.leads().size() + res.errors().size() != res.rowsRead()) {
        t.fail("rowsRead " + res.rowsRead() + " != " + res.leads().size() + " leads + " + res.errors().size() + " errors");
      }
      // rows that end before the damaged line are untouched: their outcome must be as generated
      List<Long> starts = new ArrayList<>(f.rows().keySet());
      int intactRows = 0;
      while (intactRows + 1 < starts.size() && starts.get(intactRows + 1) <= damagedLine) {
        intactRows++;
      }
      long goodBefore = f.rows().values().stream().limit(intactRows).filter(v -> v instanceof LabelledLead).count();
      if (damagedLine > 1 && (res.labelled().size() < goodBefore
          || !res.labelled().subList(0, (int) goodBefore).equals(f.good().subList(0, (int) goodBefore)))) {
        t.fail("a good row before the first edit (line " + damagedLine + ") was lost");
      }
      for (RowError e : res.errors()) {
        if (!e.message().startsWith("line " + e.row() + ":") || e.row() < 2) {
          t.fail("error not at a data line: " + e);
        }
      }
    }
    t.assertClean();
  }

  @Test
  void headerProblemsAreRefusedNamingTheColumn() {
    Tally t = new Tally("LeadCsvReader.read header problems");
    LeadCsvReader reader = reader();
    String[][] cases = {
        {"", "empty"},
        {"\n\n", "empty"},
        {"company_size,revenue,dm,industry,title,created,converted\n1,2,true,a,b,,yes", "'id'"},
        {"id,company_size,revenue,dm,industry,title,created\nx,1,2,true,a,b,", "'converted'"},
        {"id,id,company_size,revenue,dm,industry,title,created,converted", "'id' twice"},
        {"\"id,company_size,revenue,dm,industry,title,created,converted", "header"},
        {"\uFEFF\uFEFFid,company_size,revenue,dm,industry,title,created,converted", "'id'"},
    };
    for (String[] c : cases) {
      Outcome<ReadResult> o = Fuzz.attempt(t, c[0], () -> reader.read(new StringReader(c[0])), IllegalArgumentException.class);
      if (o.ok() || !o.thrown().getMessage().contains(c[1])) {
        t.fail("expected a header error naming " + c[1] + " for " + Fuzz.excerpt(c[0]) + ", got " + (o.ok() ? o.value() : o.thrown().getMessage()));
      }
    }
    t.assertClean();
  }

  // ------------------------------------------------------------------ events

  private static final String[] GOOD_TIMES = {"2025-12-30T10:00:00Z", "2025-12-30T10:00:00.5+01:00", " 2025-01-01T00:00:00Z "};

  record BadEvent(String kind, List<String> cells, String token) {}

  @Test
  void eventsCsvBatchesAttachEveryGoodEventAndReportEveryBadOne() {
    Tally t = new Tally("LeadCsvReader.readWithEvents events rows");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 13);
    LeadCsvReader reader = reader();
    long eventsIn = 0;
    long attached = 0;
    long eventErrors = 0;
    long leadsIn = 0;
    long leadsOut = 0;
    long leadErrors = 0;
    Map<String, Integer> classes = new HashMap<>();
    for (int batch = 0; batch < 40; batch++) {
      LeadsFile f = leadsFile(r, "e" + batch + "-", 20 + r.nextInt(20));
      List<String> goodIds = f.good().stream().map(l -> l.lead().id()).toList();
      List<String> rejectedIds = new ArrayList<>();
      f.rows().values().forEach(v -> {
        if (v instanceof Bad b && b.cells().size() == COLUMNS && !b.cells().get(0).isBlank() && !b.kind().equals("duplicate id")) {
          rejectedIds.add(b.cells().get(0));
        }
      });
      StringBuilder ev = new StringBuilder(r.nextBoolean() ? "\uFEFF" : "").append("lead_id,type,at,count");
      Map<Long, Object> rows = new LinkedHashMap<>();
      Map<String, List<ActivityEvent>> want = new HashMap<>();
      long line = 1;
      int n = 50 + r.nextInt(80);
      for (int i = 0; i < n; i++) {
        ev.append(r.nextBoolean() ? "\r\n" : "\n");
        line++;
        String id = goodIds.get(r.nextInt(goodIds.size()));
        String type = r.nextBoolean() ? "site_visit" : "pricing, page \"visit\"";
        String at = GOOD_TIMES[r.nextInt(GOOD_TIMES.length)];
        String count = r.nextBoolean() ? "" : String.valueOf(r.nextInt(5));
        List<String> cells = new ArrayList<>(List.of(id, type, at, count));
        BadEvent bad = null;
        if (r.nextInt(3) == 0) {
          switch (r.nextInt(13)) {
            case 0 -> { cells.set(2, "2026-02-30T00:00:00Z"); bad = new BadEvent("impossible timestamp", cells, "2026-02-30"); }
            case 1 -> { cells.set(2, "tomorrow"); bad = new BadEvent("unparseable timestamp", cells, "tomorrow"); }
            case 2 -> { cells.set(2, "1767225600"); bad = new BadEvent("epoch seconds", cells, "1767225600"); }
            case 3 -> { cells.set(2, ""); bad = new BadEvent("blank timestamp", cells, "no timestamp"); }
            case 4 -> { cells.set(0, "no-such-lead"); bad = new BadEvent("unknown lead id", cells, "no lead with this id"); }
            case 5 -> { cells.set(3, "-" + (1 + r.nextInt(9))); bad = new BadEvent("negative count", cells, ">= 0"); }
            case 6 -> { cells.set(3, "1.5"); bad = new BadEvent("fractional count", cells, "1.5"); }
            case 7 -> { cells.set(3, "99999999999"); bad = new BadEvent("huge count", cells, "too large"); }
            case 8 -> { cells.set(3, "many"); bad = new BadEvent("text count", cells, "many"); }
            case 9 -> { cells.set(1, "  "); bad = new BadEvent("blank type", cells, "type"); }
            case 10 -> { cells.set(0, ""); bad = new BadEvent("blank lead id", cells, "lead_id"); }
            case 11 -> { cells.remove(3); bad = new BadEvent("ragged row", cells, "expected 4 columns"); }
            default -> {
              if (rejectedIds.isEmpty()) {
                cells.set(3, "-1");
                bad = new BadEvent("negative count", cells, ">= 0");
              } else {
                cells.set(0, rejectedIds.get(r.nextInt(rejectedIds.size())));
                bad = new BadEvent("lead row rejected", cells, "rejected");
              }
            }
          }
        }
        String text = row(cells, r);
        ev.append(text);
        if (bad != null) {
          rows.put(line, bad);
          classes.merge(bad.kind(), 1, Integer::sum);
        } else {
          ActivityEvent e = new ActivityEvent(type, java.time.OffsetDateTime.parse(at.strip()).toInstant(),
              count.isEmpty() ? 1 : Integer.parseInt(count));
          rows.put(line, e);
          want.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
        }
        line += breaks(text);
      }
      ReadResult res = reader.readWithEvents(new StringReader(f.text()), new StringReader(ev.toString()));
      leadsIn += f.rows().size();
      leadsOut += res.leads().size();
      List<RowError> evErrors = res.errors().stream().filter(e -> e.message().startsWith("events file, line ")).toList();
      long fileErrors = res.errors().stream().filter(e -> e.message().startsWith("leads file, line ")).count();
      leadErrors += fileErrors;
      if (fileErrors + evErrors.size() != res.errors().size()) {
        t.fail("an error belongs to neither file: " + res.errors());
      }
      if (res.leads().size() + fileErrors != f.rows().size()) {
        t.fail("leads file: " + f.rows().size() + " rows but " + res.leads().size() + " leads + " + fileErrors + " errors");
      }
      int got = 0;
      for (Lead l : res.leads()) {
        got += l.events().size();
        if (!l.events().equals(want.getOrDefault(l.id(), List.of()))) {
          t.fail("lead " + l.id() + " got events " + l.events() + " instead of " + want.get(l.id()));
        }
      }
      eventsIn += n;
      attached += got;
      eventErrors += evErrors.size();
      if (got + evErrors.size() != n) {
        t.fail("events file: " + n + " rows but " + got + " attached + " + evErrors.size() + " errors");
      }
      Map<Long, RowError> errorAt = new HashMap<>();
      evErrors.forEach(e -> errorAt.put(e.row(), e));
      for (Map.Entry<Long, Object> e : rows.entrySet()) {
        if (e.getValue() instanceof BadEvent b) {
          t.count("bad event reported");
          RowError err = errorAt.get(e.getKey());
          if (err == null || !err.message().startsWith("events file, line " + e.getKey() + ":") || !err.message().contains(b.token())) {
            t.fail("events line " + e.getKey() + " (" + b.kind() + "): expected an error naming '" + b.token() + "', got " + err);
          }
        } else {
          t.count("good event attached");
        }
      }
    }
    System.out.println("[hardening] events CSV data loss check: " + eventsIn + " event rows in = " + attached + " attached + "
        + eventErrors + " errors; leads: " + leadsIn + " rows in = " + leadsOut + " leads + " + leadErrors
        + " errors; bad-event classes hit: " + classes.size() + " " + classes.keySet());
    assertEquals(eventsIn, attached + eventErrors);
    assertEquals(leadsIn, leadsOut + leadErrors);
    t.assertClean();
  }

  @Test
  void eventReaderRandomEditsAccountForEveryRow() {
    Tally t = new Tally("EventCsvReader.read random edits");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 14);
    EventCsvReader events = EventCsvReader.builder().countColumn("count").build();
    StringBuilder base = new StringBuilder("lead_id,type,at,count\n");
    for (int i = 0; i < 20; i++) {
      base.append("L").append(i % 7).append(",site_visit,2025-12-0").append(1 + i % 9).append("T10:00:00Z,").append(i % 4).append('\n');
    }
    long in = 0;
    long out = 0;
    for (int i = 0; i < 2000; i++) {
      String m = Fuzz.mutate(base.toString(), r);
      List<ActivityEvent> good = new ArrayList<>();
      List<RowError> errors = new ArrayList<>();
      Outcome<Long> o = Fuzz.attempt(t, m, () -> events.read(new StringReader(m), (id, e) -> good.add(e), errors::add),
          IllegalArgumentException.class);
      if (!o.ok()) {
        if (!o.thrown().getMessage().contains("header") && !o.thrown().getMessage().contains("empty")) {
          t.fail("header error does not mention the header: " + o.thrown().getMessage());
        }
        continue;
      }
      in += o.value();
      out += good.size() + errors.size();
      if (good.size() + errors.size() != o.value()) {
        t.fail(o.value() + " rows but " + good.size() + " events + " + errors.size() + " errors");
      }
      for (ActivityEvent e : good) {
        if (e.count() < 0 || e.type().isBlank()) {
          t.fail("bad event accepted: " + e);
        }
      }
      for (RowError e : errors) {
        if (!e.message().startsWith("line " + e.row() + ":")) {
          t.fail("message does not start with its line: " + e);
        }
      }
    }
    System.out.println("[hardening] EventCsvReader random edits data loss check: " + in + " rows = " + out + " events + errors");
    assertEquals(in, out);
    t.assertClean();
  }

  @Test
  void extremeButValidCellsAreReadExactly() {
    String csv = HEADER + "\n"
        + "x1,1e308,-1e308,Y,a,b,,yes\n"
        + "x2,123456789012345678901234567890,4.9e-324,0,,,+1000000000-12-31T23:59:59.999999999Z,no\n";
    ReadResult res = reader().read(new StringReader(csv));
    assertEquals(List.of(), res.errors());
    assertEquals(2, res.leads().size());
    assertEquals(1e308, ((dev.leadscore.core.AttributeValue.Num) res.leads().get(0).attribute("company_size")).value());
    assertEquals(Instant.MAX, res.leads().get(1).createdAt().orElseThrow());
    assertTrue(res.labelled().get(0).converted());
    System.out.println("[hardening] LeadCsvReader extreme but valid cells (1e308, 30-digit integer, 4.9e-324, Instant.MAX): 2 rows read exactly");
  }

  // ------------------------------------------------------------------ files: byte flips

  /** Random byte flips in a UTF-8 file read with {@link LeadCsvReader#read(Path)}: an IOException (invalid UTF-8), a header error, or every row accounted for. */
  @Test
  void byteFlipsInAFile(@TempDir Path dir) throws IOException {
    Tally t = new Tally("LeadCsvReader.read(Path) random byte flips");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 15);
    LeadCsvReader reader = reader();
    Path file = dir.resolve("leads.csv");
    for (int i = 0; i < 300; i++) {
      byte[] bytes = leadsFile(r, "f" + i + "-", 15).text().getBytes(StandardCharsets.UTF_8);
      int flips = 1 + r.nextInt(3);
      for (int k = 0; k < flips; k++) {
        bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
      }
      Files.write(file, bytes);
      Outcome<ReadResult> o = Fuzz.attempt(t, new String(bytes, StandardCharsets.ISO_8859_1), () -> reader.read(file),
          IOException.class, IllegalArgumentException.class);
      if (o.ok() && o.value().leads().size() + o.value().errors().size() != o.value().rowsRead()) {
        t.fail("rowsRead " + o.value().rowsRead() + " != leads + errors");
      }
    }
    t.assertClean();
  }

  /** Invalid UTF-8 deep in a file loses the whole read (documented); the exception should at least say what and where. */
  @Test
  void invalidUtf8IsReportedWithTheFileAndLine(@TempDir Path dir) throws IOException {
    String csv = HEADER + "\nx1,1,2,true,a,b,,yes\nx2,1,2,true,caf\u00e9,b,,no\n";
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == (byte) 0xC3) {
        bytes[i] = (byte) 0xFF; // not UTF-8, on line 3
      }
    }
    Path file = dir.resolve("latin.csv");
    Files.write(file, bytes);
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> reader().read(file));
    assertTrue(e.getMessage().contains("latin.csv") && (e.getMessage().contains("UTF-8") || e.getMessage().contains("line 3")),
        "message names the file and the problem: " + e);
  }
}
