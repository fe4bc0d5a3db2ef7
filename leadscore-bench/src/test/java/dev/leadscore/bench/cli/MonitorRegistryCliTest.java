package dev.leadscore.bench.cli;

import static dev.leadscore.bench.cli.CliEndToEndTest.cells;
import static dev.leadscore.bench.cli.CliEndToEndTest.cli;
import static dev.leadscore.bench.cli.CliEndToEndTest.setCell;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadscore.bench.cli.CliEndToEndTest.Run;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.monitor.MonitoringReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor} and {@code registry} end to end: a model trained by the command line is checked
 * against a batch from the training population (OK, exit 0) and a drifted one (RETRAIN, exit 3
 * unless told otherwise), and moved through a registry by every subcommand, with the errors a user
 * can run into.
 */
class MonitorRegistryCliTest {
  static final String AS_OF = "2026-01-01T00:00:00Z";

  @TempDir
  static Path dir;

  static Path model;
  static Path model2;
  static Path same;
  static Path sameEvents;
  static Path drifted;
  static Path driftedEvents;

  @BeforeAll
  static void trainAndExport() throws IOException {
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, SyntheticPipeline.defaultSchema().toJson());
    Path leads = dir.resolve("leads.csv");
    Path events = dir.resolve("events.csv");
    export(SyntheticPipeline.builder().size(800).seed(21).build().generate(), leads, events);
    model = dir.resolve("model.json");
    model2 = dir.resolve("model2.json");
    for (Path out : List.of(model, model2)) {
      Run r = cli("train", "--data", leads.toString(), "--events", events.toString(), "--schema", schema.toString(),
          "--label-column", "converted", "--as-of", AS_OF, "--lambdas", "1,10", "-q", "--out", out.toString(),
          "--model-version", out == model ? "1" : "2");
      assertEquals(0, r.code(), r.err());
    }

    same = dir.resolve("same.csv");
    sameEvents = dir.resolve("same-events.csv");
    export(SyntheticPipeline.builder().size(800).seed(22).build().generate(), same, sameEvents);

    // The drifted batch: the same kind of leads, but every company is huge, every lead comes from
    // Brazil and every lead converted.
    drifted = dir.resolve("drifted.csv");
    driftedEvents = dir.resolve("drifted-events.csv");
    export(SyntheticPipeline.builder().size(800).seed(23).build().generate(), drifted, driftedEvents);
    List<String> lines = new ArrayList<>(Files.readAllLines(drifted));
    List<String> header = cells(lines.get(0));
    for (int i = 1; i < lines.size(); i++) {
      String l = setCell(lines.get(i), header.indexOf("company_size"), "250000");
      l = setCell(l, header.indexOf("country"), "Brazil");
      lines.set(i, setCell(l, header.indexOf("converted"), "1"));
    }
    Files.write(drifted, lines);
  }

  static void export(SyntheticData data, Path leads, Path events) throws IOException {
    boolean[] labels = new boolean[data.leads().size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.leads().get(i).converted();
    }
    CsvExport.write(data.unlabelled(), labels, leads, events);
  }

  static Run monitor(Path data, Path events, String... more) {
    List<String> a = new ArrayList<>(List.of("monitor", "--model", model.toString(), "--data", data.toString(),
        "--events", events.toString(), "--as-of", AS_OF));
    a.addAll(List.of(more));
    return cli(a.toArray(new String[0]));
  }

  @Test
  void aBatchFromTheTrainingPopulationIsOkAndExitsZero() throws IOException {
    Path json = dir.resolve("ok/monitor.json");
    Path html = dir.resolve("ok/monitor.html");
    Run r = monitor(same, sameEvents, "--label-column", "converted", "--json", json.toString(), "--html",
        html.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Verdict   OK"), r.out());
    assertTrue(r.out().contains("Outcomes  predicted"), r.out());
    MonitoringReport report = MonitoringReport.fromJson(Files.readString(json));
    assertEquals("OK", report.verdict().status().name());
    assertEquals(800, report.rowsUsed());
    assertTrue(report.outcomes().isPresent());
    String page = Files.readString(html);
    assertTrue(page.contains("Verdict: <span class=\"status-ok\">OK</span>"), page.substring(0, 2000));
    assertEquals(4, svgImages(page), "PSI, predicted vs observed, score histogram, tier shares");
  }

  @Test
  void aDriftedBatchIsRetrainAndExitsThreeUnlessToldOtherwise() throws IOException {
    Path json = dir.resolve("drift/monitor.json");
    Path html = dir.resolve("drift/monitor.html");
    Run r = monitor(drifted, driftedEvents, "--label-column", "converted", "--json", json.toString(), "--html",
        html.toString());
    assertEquals(MonitorCommand.RETRAIN_EXIT, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Verdict   RETRAIN"), r.out());
    assertTrue(r.out().contains("company_size"), r.out());
    JsonNode root = new ObjectMapper().readTree(Files.readString(json));
    MonitoringReport report = MonitoringReport.fromJson(Files.readString(json));
    assertEquals("RETRAIN", report.verdict().status().name());
    assertTrue(report.verdict().reasons().stream().anyMatch(s -> s.contains("company_size")),
        report.verdict().reasons().toString());
    assertEquals("RETRAIN", report.feature("company_size").orElseThrow().status().name());
    assertEquals(1.0, report.outcomes().orElseThrow().overall().actualRate(), 0.0);
    assertTrue(root.toString().contains("company_size"));
    String page = Files.readString(html);
    assertTrue(page.contains("status-retrain"), "verdict shown");
    assertTrue(page.indexOf("id=\"verdict\"") < page.indexOf("<img"), "the verdict comes before the charts");

    Run lenient = monitor(drifted, driftedEvents, "--no-fail-on-retrain");
    assertEquals(0, lenient.code(), lenient.err());
    assertTrue(lenient.out().contains("Verdict   RETRAIN"), lenient.out());
    assertFalse(lenient.out().contains("Outcomes"), "no outcomes without --label-column");
  }

  @Test
  void monitorHelpDocumentsTheExitCodes() {
    Run r = cli("help", "monitor");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Exit codes:"), r.out());
    assertTrue(r.out().contains("3   RETRAIN") || r.out().contains("3  RETRAIN"), r.out());
    assertTrue(r.out().contains("--no-fail-on-retrain"), r.out());
  }

  @Test
  void helpWorksOnEveryNewCommand() {
    for (String[] args : List.of(new String[] {"monitor", "--help"}, new String[] {"monitor", "-h"},
        new String[] {"registry", "--help"}, new String[] {"registry", "list", "--help"},
        new String[] {"registry", "save", "-h"}, new String[] {"registry", "promote", "--help"},
        new String[] {"registry", "rollback", "--help"}, new String[] {"registry", "show", "--help"})) {
      Run r = cli(args);
      assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: "), r.out());
      assertTrue(r.err().isEmpty(), r.err());
    }
  }

  @Test
  void aMissingModelIsAClearError() {
    Run r = cli("monitor", "--model", dir.resolve("nowhere.json").toString(), "--data", same.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: cannot read the model"), r.err());
  }

  static int svgImages(String page) {
    Matcher m = Pattern.compile("<img src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
    int n = 0;
    while (m.find()) {
      String svg = new String(java.util.Base64.getDecoder().decode(m.group(1)), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
      n++;
    }
    return n;
  }

  // ------------------------------------------------------------------------------ registry

  @Test
  void registryWalksThroughSavePromoteRollbackListAndShow() throws IOException {
    Path reg = dir.resolve("registry");
    Run save1 = cli("registry", "save", "--registry", reg.toString(), model.toString(), "--promote");
    assertEquals(0, save1.code(), save1.err());
    String v1 = id(save1.out());
    assertTrue(save1.out().contains("Active: " + v1), save1.out());
    Run save2 = cli("registry", "save", "--registry", reg.toString(), model2.toString());
    assertEquals(0, save2.code(), save2.err());
    String v2 = id(save2.out());
    assertFalse(v1.equals(v2));
    Run again = cli("registry", "save", "--registry", reg.toString(), model2.toString());
    assertEquals(v2, id(again.out()), "the same content is the same version");

    Run list = cli("registry", "list", "--registry", reg.toString());
    assertEquals(0, list.code(), list.err());
    List<String> rows = list.out().lines().filter(l -> l.contains(" v0000")).toList();
    assertEquals(2, rows.size(), list.out());
    assertTrue(rows.get(0).startsWith("* " + v1), list.out());
    assertTrue(rows.get(1).startsWith("  " + v2), list.out());

    Run promote = cli("registry", "promote", "--registry", reg.toString(), v2);
    assertEquals(0, promote.code(), promote.err());
    Path out = dir.resolve("current.json");
    Run show = cli("registry", "show", "--registry", reg.toString(), "--model-out", out.toString());
    assertEquals(0, show.code(), show.err());
    assertTrue(show.out().startsWith("Version     " + v2 + " (active)"), show.out());
    assertTrue(show.out().contains("History     " + v1 + " -> " + v2), show.out());
    assertArrayEquals(Files.readAllBytes(model2), Files.readAllBytes(out), "the active model, byte for byte");

    Run rollback = cli("registry", "rollback", "--registry", reg.toString());
    assertEquals(0, rollback.code(), rollback.err());
    assertTrue(rollback.out().contains("active: " + v1), rollback.out());
    Run showOld = cli("registry", "show", "--registry", reg.toString(), v2);
    assertEquals(0, showOld.code(), showOld.err());
    assertTrue(showOld.out().startsWith("Version     " + v2 + "\n") || showOld.out().startsWith("Version     " + v2
        + System.lineSeparator()), showOld.out());
    Run back = cli("registry", "rollback", "--registry", reg.toString());
    assertEquals(1, back.code(), "no earlier activation than the first");
    assertTrue(back.err().startsWith("error: "), back.err());
    assertFalse(back.err().contains("\tat "), "no stack trace");

    Run unknown = cli("registry", "promote", "--registry", reg.toString(), "v000009-000000000000");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("v000009-000000000000"), unknown.err());
    Run showUnknown = cli("registry", "show", "--registry", reg.toString(), "v000009-000000000000");
    assertEquals(1, showUnknown.code());
    assertTrue(showUnknown.err().contains("v000009-000000000000"), showUnknown.err());
  }

  @Test
  void anEmptyOrMissingRegistryIsReportedNotCrashedOn() throws IOException {
    Path missing = dir.resolve("no-registry-here");
    Run list = cli("registry", "list", "--registry", missing.toString());
    assertEquals(1, list.code());
    assertTrue(list.err().contains("does not exist"), list.err());
    assertFalse(Files.exists(missing), "listing does not create it");

    Path empty = Files.createDirectories(dir.resolve("empty-registry"));
    Run emptyList = cli("registry", "list", "--registry", empty.toString());
    assertEquals(0, emptyList.code(), emptyList.err());
    assertTrue(emptyList.out().contains("is empty"), emptyList.out());
    Run show = cli("registry", "show", "--registry", empty.toString());
    assertEquals(1, show.code());
    assertTrue(show.err().contains("is empty"), show.err());
    Run rollback = cli("registry", "rollback", "--registry", empty.toString());
    assertEquals(1, rollback.code());
    assertTrue(rollback.err().startsWith("error: "), rollback.err());

    Path notAModel = dir.resolve("not-a-model.json");
    Files.writeString(notAModel, "{\"hello\": 1}");
    Run bad = cli("registry", "save", "--registry", empty.toString(), notAModel.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("not a valid model artifact"), bad.err());
    Run usage = cli("registry", "promote", "--registry", empty.toString());
    assertEquals(2, usage.code(), "VERSION is required");
  }

  static String id(String out) {
    Matcher m = Pattern.compile("as (v\\d{6}-[0-9a-f]{12})").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }
}
