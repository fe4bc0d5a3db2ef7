package dev.leadscore.bench.cli;

import static dev.leadscore.bench.cli.CliEndToEndTest.cells;
import static dev.leadscore.bench.cli.CliEndToEndTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.bench.cli.CliEndToEndTest.Run;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.io.LeadCsvReader;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.TrainedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score} end to end, in process through {@link LeadscoreCli} (and as a separate JVM where a
 * heap limit or {@code System.exit} matters): streaming in input order with every row accounted
 * for, the strict input checks and {@code --lenient}, malformed rows that must not end the read,
 * encodings, one-line errors, help and exit codes on every command, row-number ids, and the scored
 * CSV's columns checked against the library's own scores.
 */
class ScoreCommandTest {
  static final String AS_OF = "2026-01-01T00:00:00Z";

  @TempDir
  static Path dir;

  static Path model;
  static Path leads;
  static Path events;
  static List<Lead> fresh;

  @BeforeAll
  static void trainAndExport() throws IOException {
    SyntheticData data = SyntheticPipeline.builder().size(300).seed(5).build().generate();
    List<Lead> list = data.unlabelled();
    boolean[] labels = new boolean[list.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.leads().get(i).converted();
    }
    Path trainLeads = dir.resolve("train-leads.csv");
    Path trainEvents = dir.resolve("train-events.csv");
    CsvExport.write(list, labels, trainLeads, trainEvents);
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, SyntheticPipeline.defaultSchema().toJson());
    model = dir.resolve("model.json");
    Run t = cli("train", "--data", trainLeads.toString(), "--events", trainEvents.toString(), "--schema",
        schema.toString(), "--label-column", "converted", "--as-of", AS_OF, "--lambdas", "1,10", "--folds", "3", "-q",
        "--out", model.toString());
    assertEquals(0, t.code(), t.err());
    fresh = SyntheticPipeline.builder().size(200).seed(6).build().generate().unlabelled();
    leads = dir.resolve("new-leads.csv");
    events = dir.resolve("new-events.csv");
    CsvExport.write(fresh, null, leads, events);
  }

  static String[] args(Path data, Path eventsFile, Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("score", "--model", model.toString(), "--data", data.toString()));
    if (eventsFile != null) {
      a.addAll(List.of("--events", eventsFile.toString()));
    }
    a.addAll(List.of("--as-of", AS_OF, "--created-at-column", "created_at", "--out", out.toString()));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  static void noStackTrace(Run r) {
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    assertEquals(1, r.err().lines().count(), "one line: " + r.err());
  }

  // ------------------------------------------------------------------ streaming and accounting

  @Test
  void scoresInInputOrderAndAccountsForEveryRow() throws IOException {
    Path out = dir.resolve("order/scored.csv");
    Run r = cli(args(leads, events, out));
    assertEquals(0, r.code(), r.err());
    List<String> rows = Files.readAllLines(out);
    assertEquals(201, rows.size());
    for (int i = 0; i < fresh.size(); i++) {
      assertEquals(fresh.get(i).id(), cells(rows.get(i + 1)).get(0));
    }
    assertTrue(r.out().contains("rows read 200 = scored 200 + rejected 0"), r.out());
    assertTrue(r.err().matches("(?s).*  200 rows read in [0-9.]+ s \\([0-9,]+ rows/s\\)\\n"), r.err());
    assertFalse(r.err().contains("note:"), "the events are in the leads' order: " + r.err());
    assertFalse(Files.exists(dir.resolve("order/scored.errors.csv")));
  }

  @Test
  void anEventsFileOutOfOrderIsScoredAgainWithTheEventsInMemoryAndGivesTheSameRows() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(events));
    List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
    Collections.shuffle(body, new java.util.Random(1));
    body.add("NOBODY,site_visit,2025-12-01T00:00:00Z,1");
    Path shuffled = dir.resolve("shuffled-events.csv");
    List<String> all = new ArrayList<>();
    all.add(lines.get(0));
    all.addAll(body);
    Files.write(shuffled, all);
    Path out = dir.resolve("shuffled/scored.csv");
    Run r = cli(args(leads, shuffled, out));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("note: shuffled-events.csv does not list each lead's events together"), r.err());
    Path ordered = dir.resolve("shuffled/ordered.csv");
    assertEquals(0, cli(args(leads, events, ordered)).code());
    assertEquals(Files.readAllLines(ordered), Files.readAllLines(out));
    List<String> errors = Files.readAllLines(dir.resolve("shuffled/scored.errors.csv"));
    assertEquals(2, errors.size(), String.join("\n", errors));
    assertTrue(errors.get(1).startsWith("shuffled-events.csv,"), errors.get(1));
    assertTrue(errors.get(1).contains("NOBODY") && errors.get(1).contains("no lead with this id"), errors.get(1));
    assertTrue(r.out().contains("1 events file row(s) not used"), r.out());
  }

  @Test
  void aSmallHeapScoresAFileFarLargerThanItWouldHoldAsLeads() throws Exception {
    // 60,000 leads held as objects need far more than 40 MB; streamed, they need a few rows' worth
    List<String> lines = Files.readAllLines(leads);
    StringBuilder big = new StringBuilder(lines.get(0)).append('\n');
    int copies = 300;
    for (int c = 0; c < copies; c++) {
      for (int i = 1; i < lines.size(); i++) {
        big.append("C").append(c).append('-').append(lines.get(i)).append('\n');
      }
    }
    Path bigLeads = dir.resolve("big/leads.csv");
    Files.createDirectories(bigLeads.getParent());
    Files.writeString(bigLeads, big);
    Path out = dir.resolve("big/scored.csv");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx40m", "-cp", System.getProperty("java.class.path"),
        "dev.leadscore.bench.Main"));
    cmd.addAll(List.of(args(bigLeads, null, out, "--lenient", "-q")));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), output);
    int n = copies * fresh.size();
    assertTrue(output.contains("rows read " + n + " = scored " + n + " + rejected 0"), output);
    long written;
    try (var s = Files.lines(out)) {
      written = s.count();
    }
    assertEquals(n + 1, written);
  }

  @Test
  void runningOutOfMemoryIsOneLineNotAStackTrace() throws Exception {
    // an events file out of the leads' order is held in memory: here far more than 24 MB of events
    List<String> leadLines = Files.readAllLines(leads);
    List<String> eventLines = Files.readAllLines(events);
    StringBuilder l = new StringBuilder(leadLines.get(0)).append('\n');
    StringBuilder e = new StringBuilder(eventLines.get(0)).append('\n');
    int copies = 200;
    for (int c = copies - 1; c >= 0; c--) {
      for (int i = 1; i < leadLines.size(); i++) {
        l.append("C").append(c).append('-').append(leadLines.get(i)).append('\n');
      }
    }
    for (int c = 0; c < copies; c++) {
      for (int i = 1; i < eventLines.size(); i++) {
        e.append("C").append(c).append('-').append(eventLines.get(i)).append('\n');
      }
    }
    Path dirOom = dir.resolve("oom");
    Files.createDirectories(dirOom);
    Files.writeString(dirOom.resolve("leads.csv"), l);
    Files.writeString(dirOom.resolve("events.csv"), e);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
        "dev.leadscore.bench.Main"));
    cmd.addAll(List.of(args(dirOom.resolve("leads.csv"), dirOom.resolve("events.csv"), dirOom.resolve("scored.csv"),
        "-q")));
    Process p = new ProcessBuilder(cmd).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(1, p.exitValue(), err);
    assertTrue(err.contains("note: events.csv does not list each lead's events together"), err);
    assertTrue(err.endsWith("or give Java more heap (-Xmx)\n") && err.contains("error: out of memory (maximum heap "), err);
    assertFalse(err.contains("\tat "), err);
  }

  // ------------------------------------------------------------------ strict by default

  @Test
  void aSchemaColumnMissingFromTheHeaderIsAnErrorUnlessLenient() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(leads));
    lines.set(0, lines.get(0).replace("budget_stage", "Budget Stage"));
    Path renamed = dir.resolve("renamed.csv");
    Files.write(renamed, lines);
    Path out = dir.resolve("renamed/scored.csv");
    Run r = cli(args(renamed, events, out));
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: renamed.csv, line 1: the header has no column 'budget_stage' (the header has"
        + " 'Budget Stage'), which the model's schema reads"), r.err());
    noStackTrace(r);
    assertFalse(Files.exists(out));
    Run lenient = cli(args(renamed, events, out, "--lenient"));
    assertEquals(0, lenient.code(), lenient.err());
    assertTrue(lenient.err().startsWith("warning: renamed.csv, line 1: the header has no column 'budget_stage'"),
        lenient.err());
    assertEquals(201, Files.readAllLines(out).size());
  }

  @Test
  void anEventModelWithoutEventsIsAnErrorUnlessLenient() {
    Path out = dir.resolve("noevents/scored.csv");
    Run r = cli(args(leads, null, out));
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: The model's schema has event features (") && r.err().contains("--events"),
        r.err());
    noStackTrace(r);
    Run lenient = cli(args(leads, null, out, "--lenient"));
    assertEquals(0, lenient.code(), lenient.err());
    assertTrue(lenient.err().startsWith("warning: The model's schema has event features"), lenient.err());
  }

  @Test
  void bytesNotValidInTheEncodingNameFileLineAndCharacter() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(leads));
    int header = cells(lines.get(0)).indexOf("country");
    List<String> row = cells(lines.get(4));
    row.set(header, "Fran\u00e7e");
    lines.set(4, Csv.line(row).stripTrailing());
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, lines, StandardCharsets.ISO_8859_1);
    int character = lines.get(4).indexOf('\u00e7') + 1;
    Path out = dir.resolve("latin1/scored.csv");
    Run r = cli(args(latin1, events, out));
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: " + latin1 + ", line 5, character " + character + ": latin1.csv is not valid"
        + " UTF-8 (bytes 0xE7)"), r.err());
    assertTrue(r.err().contains("--encoding"), r.err());
    noStackTrace(r);

    Run right = cli(args(latin1, events, out, "--encoding", "ISO-8859-1"));
    assertEquals(0, right.code(), right.err());
    assertEquals(201, Files.readAllLines(out).size());

    Run lenient = cli(args(latin1, events, out, "--lenient"));
    assertEquals(0, lenient.code(), lenient.err());
    assertTrue(lenient.err().contains("1 byte sequence(s) of " + latin1 + " not valid in UTF-8 were replaced"),
        lenient.err());

    Run unknown = cli(args(latin1, events, out, "--encoding", "klingon"));
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown character set 'klingon'"), unknown.err());
  }

  @Test
  void malformedRowsAreRejectedOneByOneAndTheReadGoesOn() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(leads));
    int country = cells(lines.get(0)).indexOf("country");
    // line 4: an unclosed quote; line 9: only ""; line 12: a cell over 20 M characters
    List<String> row = cells(lines.get(3));
    row.set(row.size() - 1, "STRAY");
    lines.set(3, Csv.line(row).stripTrailing().replace("STRAY", "\"stray quote"));
    lines.add(8, "\"\"");
    row = cells(lines.get(11));
    row.set(country, "x".repeat(20_000_001));
    lines.set(11, Csv.line(row).stripTrailing());
    Path broken = dir.resolve("broken.csv");
    Files.write(broken, lines);
    Path out = dir.resolve("broken/scored.csv");
    Run r = cli(args(broken, events, out));
    assertEquals(0, r.code(), r.err());
    // 201 data rows: 3 rejected (lines 4, 9, 12), 198 scored
    assertTrue(r.out().contains("Scored 198 of 201 rows"), r.out());
    assertTrue(r.out().contains("rows read 201 = scored 198 + rejected 3"), r.out());
    assertEquals(199, Files.readAllLines(out).size());
    List<String> errors = Files.readAllLines(dir.resolve("broken/scored.errors.csv")).stream()
        .filter(l -> l.startsWith("broken.csv,")).toList();
    assertEquals(3, errors.size(), String.join("\n", errors));
    assertTrue(errors.get(0).startsWith("broken.csv,4,") && errors.get(0).contains("the quote opened in column "
        + row.size() + " (line 4") && errors.get(0).contains("reading resumed on line 5"), errors.get(0));
    assertTrue(errors.get(1).startsWith("broken.csv,9,") && errors.get(1).contains("found 1"), errors.get(1));
    assertTrue(errors.get(2).startsWith("broken.csv,12,") && errors.get(2).contains("more than 20000000 characters"),
        errors.get(2));
  }

  @Test
  void missingAndUnwritableFilesAreOneLineErrors() throws IOException {
    Run noEvents = cli(args(leads, dir.resolve("gone.csv"), dir.resolve("e/scored.csv")));
    assertEquals(1, noEvents.code());
    assertEquals("error: cannot read the events file " + dir.resolve("gone.csv") + ": no such file or directory",
        noEvents.err().strip());
    Run noLeads = cli(args(dir.resolve("none.csv"), events, dir.resolve("e/scored.csv")));
    assertEquals(1, noLeads.code());
    assertTrue(noLeads.err().startsWith("error: cannot read the leads file " + dir.resolve("none.csv")), noLeads.err());
    noStackTrace(noLeads);

    Path aFile = dir.resolve("a-file.txt");
    Files.writeString(aFile, "x");
    Run unwritable = cli(args(leads, events, aFile.resolve("scored.csv")));
    assertEquals(1, unwritable.code());
    assertTrue(unwritable.err().startsWith("error: cannot write the scores to " + aFile.resolve("scored.csv")),
        unwritable.err());
    noStackTrace(unwritable);
    Run intoDir = cli(args(leads, events, dir));
    assertEquals(1, intoDir.code());
    noStackTrace(intoDir);
  }

  // ------------------------------------------------------------------ help, exit codes, ids

  @Test
  void helpOnEveryCommandExitsZero() throws Exception {
    for (String command : new picocli.CommandLine(new LeadscoreCli()).getSubcommands().keySet()) {
      for (String flag : List.of("--help", "-h")) {
        Run r = cli(command, flag);
        assertEquals(0, r.code(), command + " " + flag + ": " + r.err());
        assertTrue(r.out().contains("Usage: "), command + " " + flag + ": " + r.out());
        assertEquals("", r.err(), command + " " + flag);
      }
    }
    for (String flag : List.of("--help", "-h")) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.leadscore.bench.Main",
          "jmh", flag).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(2, TimeUnit.MINUTES));
      assertEquals(0, p.exitValue(), output);
      assertTrue(output.startsWith("Usage: java -jar leadscore-bench.jar jmh"), output);
    }
  }

  @Test
  void exitCodesAreZeroOneAndTwoAsTheReadmeSays() throws IOException {
    assertEquals(0, cli(args(leads, events, dir.resolve("codes/ok.csv"))).code());
    assertEquals(1, cli(args(leads, null, dir.resolve("codes/strict.csv"))).code());
    assertEquals(2, cli(args(leads, events, dir.resolve("codes/x.csv"), "--no-such-option")).code());
    assertEquals(2, cli("score", "--data", leads.toString()).code());
    assertEquals(2, cli("no-such-command").code());
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String row : List.of("| 0 |", "| 1 |", "| 2 |")) {
      assertTrue(readme.contains(row), "README exit code table lacks " + row);
    }
  }

  @Test
  void withoutAnIdColumnLeadsAreNamedByRowNumber() throws IOException {
    List<String> lines = Files.readAllLines(leads);
    Map<String, String> rowOf = new HashMap<>();
    List<String> noId = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<String> c = cells(lines.get(i));
      if (i > 0) {
        rowOf.put(c.get(0), Integer.toString(i));
      }
      noId.add(Csv.line(c.subList(1, c.size())).stripTrailing());
    }
    List<String> ev = new ArrayList<>(Files.readAllLines(events));
    for (int i = 1; i < ev.size(); i++) {
      List<String> c = cells(ev.get(i));
      c.set(0, rowOf.get(c.get(0)));
      ev.set(i, Csv.line(c).stripTrailing());
    }
    Path data = dir.resolve("noid/leads.csv");
    Files.createDirectories(data.getParent());
    Files.write(data, noId);
    Path ev2 = dir.resolve("noid/events.csv");
    Files.write(ev2, ev);
    Path out = dir.resolve("noid/scored.csv");
    Run r = cli(args(data, ev2, out));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("no id column, so leads are named by their data row number"), r.out());
    List<String> scored = Files.readAllLines(out);
    Path reference = dir.resolve("noid/with-ids.csv");
    assertEquals(0, cli(args(leads, events, reference)).code());
    List<String> byId = Files.readAllLines(reference);
    for (int i = 1; i < scored.size(); i++) {
      List<String> a = cells(scored.get(i));
      List<String> b = cells(byId.get(i));
      assertEquals(Integer.toString(i), a.get(0));
      assertEquals(b.subList(1, b.size()), a.subList(1, a.size()), "row " + i + " scores as with its id");
    }
    Run wrong = cli(args(data, ev2, out, "--id-column", "lead"));
    assertEquals(1, wrong.code());
    assertTrue(wrong.err().contains("the id column 'lead' is not in the leads CSV header"), wrong.err());
  }

  // ------------------------------------------------------------------ the scored CSV

  @Test
  void theScoredCsvHasReasonAndRiskColumnsTheReportsScoreTheModelVersionAndAsOf() throws IOException {
    Path out = dir.resolve("layout/scored.csv");
    assertEquals(0, cli(args(leads, events, out)).code());
    List<String> lines = Files.readAllLines(out);
    List<String> header = cells(lines.get(0));
    assertEquals(ScoredCsv.HEADER, header);
    TrainedModel m = ModelArtifact.read(Files.readString(model));
    ModelScorer scorer = ModelScorer.of(m);
    Instant asOf = Instant.parse(AS_OF);
    List<Lead> read;
    try (var l = Files.newBufferedReader(leads); var e = Files.newBufferedReader(events)) {
      read = LeadCsvReader.builder().createdAtColumn("created_at").build().readWithEvents(l, e).leads();
    }
    assertEquals(fresh.size(), read.size());
    for (int i = 0; i < read.size(); i++) {
      Map<String, String> row = new HashMap<>();
      List<String> c = cells(lines.get(i + 1));
      assertEquals(header.size(), c.size());
      for (int j = 0; j < header.size(); j++) {
        row.put(header.get(j), c.get(j));
      }
      Score s = scorer.score(read.get(i), asOf);
      Explanation pp = scorer.inPercentagePoints(s.explanation().orElseThrow());
      assertEquals(s.leadId(), row.get("lead_id"));
      assertEquals(String.format(Locale.ROOT, "%.0f", s.score()), row.get("score"), "as the HTML report rounds it");
      assertEquals(String.format(Locale.ROOT, "%.4f", s.probability()), row.get("probability"));
      assertEquals(s.tier().label(), row.get("tier"));
      List<String> texts = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        List<Reason> top = pp.topReasons();
        List<Reason> risks = pp.risks();
        assertEquals(k < top.size() ? expected(top.get(k)) : "", row.get("reason_" + (k + 1)));
        assertEquals(k < risks.size() ? expected(risks.get(k)) : "", row.get("risk_" + (k + 1)));
      }
      pp.topReasons().forEach(x -> texts.add(expected(x)));
      pp.risks().forEach(x -> texts.add(expected(x)));
      assertEquals(String.join(" | ", texts), row.get("reasons"));
      assertEquals(m.modelId(), row.get("model_id"));
      assertEquals(m.artifactVersion(), row.get("model_version"), "the artifact-unique version every Score carries");
      assertEquals(AS_OF, row.get("as_of"));
    }
  }

  private static String expected(Reason r) {
    return r.text() + String.format(Locale.ROOT, " (%+.1f pts)", r.contribution());
  }

  @Test
  void numbersAreWrittenExactlyAsStringFormatWritesThem() {
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 14);
    for (int i = 0; i < 200_000; i++) {
      double v;
      switch (i % 4) {
        case 0 -> v = r.nextDouble() * 100;
        case 1 -> v = (r.nextInt(2_000_001) - 1_000_000) / 20.0 + (r.nextInt(3) - 1) * 1e-12;
        case 2 -> v = r.nextDouble();
        default -> v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-8, 8));
      }
      StringBuilder sb = new StringBuilder();
      ScoredCsv.Numbers.fixed(sb, v, 4);
      assertEquals(String.format(Locale.ROOT, "%.4f", v), sb.toString(), "value " + v);
      sb.setLength(0);
      ScoredCsv.Numbers.signed(sb, v, 1);
      assertEquals(String.format(Locale.ROOT, "%+.1f", v), sb.toString(), "value " + v);
      assertEquals(String.format(Locale.ROOT, "%.0f", v), ScoredCsv.Numbers.whole(v), "value " + v);
    }
    for (double v : new double[] {0.0, -0.0, 0.5, 1.5, 2.5, 99.5, 100.0, -0.04, 0.05, 0.15, 0.25, 0.35, 1e-300}) {
      StringBuilder sb = new StringBuilder();
      ScoredCsv.Numbers.signed(sb, v, 1);
      assertEquals(String.format(Locale.ROOT, "%+.1f", v), sb.toString(), "value " + v);
      assertEquals(String.format(Locale.ROOT, "%.0f", v), ScoredCsv.Numbers.whole(v), "value " + v);
    }
  }
}
