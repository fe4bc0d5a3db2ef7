package dev.leadscore.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadscore.core.Lead;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.rules.RuleSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end on small generated CSV exports: train, score, evaluate and report
 * produce their files with the expected content; rows that cannot be read or used land in the
 * errors file with their line numbers while the good rows are used.
 */
class CliEndToEndTest {
  static final String AS_OF = "2026-01-01T00:00:00Z";

  @TempDir
  static Path dir;

  static Path leads;
  static Path events;
  static Path schema;
  static Path rules;
  static Path newLeads;
  static Path newEvents;
  /** Lines (1-based) of the rows broken on purpose in the training file. */
  static int blankLabelLine;
  static int badBooleanLine;
  static String badBooleanId;
  /** Line of the row broken on purpose in the file to score. */
  static int badScoreLine;
  static String badScoreId;

  @BeforeAll
  static void exportData() throws IOException {
    SyntheticData data = SyntheticPipeline.builder().size(300).seed(11).build().generate();
    List<Lead> list = data.unlabelled();
    boolean[] labels = new boolean[list.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.leads().get(i).converted();
    }
    leads = dir.resolve("leads.csv");
    events = dir.resolve("events.csv");
    CsvExport.write(list, labels, leads, events);
    schema = dir.resolve("schema.json");
    Files.writeString(schema, SyntheticPipeline.defaultSchema().toJson());
    rules = dir.resolve("rules.json");
    Files.writeString(rules, RuleSet.syntheticDefault().toJson());

    // Training file: blank the label of the lead on line 10 (a reader error) and give the lead on
    // line 20 a decision_maker the boolean feature cannot read (a schema error found by screening).
    List<String> lines = new ArrayList<>(Files.readAllLines(leads));
    List<String> header = cells(lines.get(0));
    blankLabelLine = 10;
    lines.set(blankLabelLine - 1, setCell(lines.get(blankLabelLine - 1), header.indexOf("converted"), ""));
    badBooleanLine = 20;
    badBooleanId = cells(lines.get(badBooleanLine - 1)).get(0);
    lines.set(badBooleanLine - 1, setCell(lines.get(badBooleanLine - 1), header.indexOf("decision_maker"), "maybe"));
    Files.write(leads, lines);

    SyntheticData fresh = SyntheticPipeline.builder().size(120).seed(12).build().generate();
    newLeads = dir.resolve("new-leads.csv");
    newEvents = dir.resolve("new-events.csv");
    CsvExport.write(fresh.unlabelled(), null, newLeads, newEvents);
    List<String> nl = new ArrayList<>(Files.readAllLines(newLeads));
    List<String> nh = cells(nl.get(0));
    badScoreLine = 7;
    badScoreId = cells(nl.get(badScoreLine - 1)).get(0);
    nl.set(badScoreLine - 1, setCell(nl.get(badScoreLine - 1), nh.indexOf("decision_maker"), "perhaps"));
    nl.add("X-SHORT,only-two-cells"); // wrong number of columns: a reader error on the last line
    Files.write(newLeads, nl);
  }

  /** Replaces one cell of a one-line CSV row (quoted cells are understood and re-quoted). */
  static String setCell(String line, int column, String value) {
    assertTrue(column >= 0, "column not found");
    List<String> cells = cells(line);
    cells.set(column, value);
    return Csv.line(cells).stripTrailing();
  }

  /** The cells of a one-line CSV row. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LeadscoreCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String[] dataArgs(String... more) {
    List<String> a = new ArrayList<>(List.of("--data", leads.toString(), "--events", events.toString(), "--schema",
        schema.toString(), "--label-column", "converted", "--as-of", AS_OF, "--lambdas", "0.1,1,10,100",
        "-q"));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void trainWritesALoadableModelAndListsBadRowsByLine() throws IOException {
    Path model = dir.resolve("train/model.json");
    Run r = cli(concat(new String[] {"train"}, dataArgs("--out", model.toString())));
    assertEquals(0, r.code(), r.err());
    TrainedModel m = ModelArtifact.read(Files.readString(model));
    assertEquals(298, m.summary().rows(), "300 rows minus the blank label and the unreadable boolean");
    assertTrue(r.out().contains("out-of-fold   ROC AUC"), r.out());

    Path errors = dir.resolve("train/model.errors.csv");
    assertTrue(Files.exists(errors), r.err());
    List<String> all = Files.readAllLines(errors);
    assertEquals("file,line,lead_id,field,message", all.get(0));
    List<String> lines = all.stream().filter(l -> !l.startsWith("events.csv,")).toList();
    assertEquals(3, lines.size(), String.join("\n", all));
    // the events of the lead whose row was rejected cannot be attached: each is listed too
    String rejectedId = cells(lines.get(1)).get(2);
    assertTrue(all.stream().filter(l -> l.startsWith("events.csv,")).allMatch(l -> cells(l).get(2).equals(rejectedId)
        && l.contains("was rejected")), String.join("\n", all));
    assertTrue(lines.get(1).startsWith("leads.csv," + blankLabelLine + ","), lines.get(1));
    assertTrue(lines.get(1).contains("label missing"), lines.get(1));
    assertTrue(lines.get(2).startsWith("leads.csv," + badBooleanLine + "," + badBooleanId + ","), lines.get(2));
    assertTrue(lines.get(2).contains("maybe"), lines.get(2));
    assertTrue(r.err().contains("row(s) rejected"), r.err());
    assertTrue(r.out().contains("298 used (" ) && r.out().contains("300 rows read, 2 rejected"), r.out());
  }

  @Test
  void scoreWritesGoodRowsAndListsBadOnesByLine() throws IOException {
    Path model = dir.resolve("score/model.json");
    assertEquals(0, cli(concat(new String[] {"train"}, dataArgs("--out", model.toString()))).code());
    Path scored = dir.resolve("score/scored.csv");
    Run r = cli("score", "--model", model.toString(), "--data", newLeads.toString(), "--events", newEvents.toString(),
        "--as-of", AS_OF, "--out", scored.toString(), "--moves");
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(scored);
    assertEquals("lead_id,probability,score,tier,action,reason_1,reason_2,reason_3,risk_1,risk_2,risk_3,reasons,model_id,"
        + "model_version,as_of,next_move", lines.get(0));
    assertEquals(1 + 119, lines.size(), "120 good rows minus the one with an unreadable value");
    assertFalse(lines.stream().anyMatch(l -> l.startsWith(badScoreId + ",")));
    String first = lines.get(1);
    assertTrue(first.matches("L0+1,0\\.\\d{4},\\d+,(Hot|Warm|Nurture|Suppress),.*"), first);
    assertTrue(first.contains(" pts)"), first);

    List<String> errors = Files.readAllLines(dir.resolve("score/scored.errors.csv"));
    assertEquals(3, errors.size(), String.join("\n", errors));
    assertTrue(errors.get(1).startsWith("new-leads.csv," + badScoreLine + "," + badScoreId + ",decision_maker,"),
        errors.get(1));
    assertTrue(errors.get(1).contains("perhaps"), errors.get(1));
    assertTrue(errors.get(2).startsWith("new-leads.csv,122,X-SHORT,"), errors.get(2));
    assertTrue(errors.get(2).contains("columns"), errors.get(2));
    assertTrue(r.out().contains("Scored 119 of 121 rows"), r.out());
  }

  @Test
  void trainChoosesLambdaByForwardChainingWhenLeadsHaveCreationTimes() throws IOException {
    Path model = dir.resolve("train-ordered/model.json");
    Run r = cli(concat(new String[] {"train"}, dataArgs("--out", model.toString(), "--created-at-column",
        "created_at")));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("-fold forward-chaining log loss"), r.out());
    Run plain = cli(concat(new String[] {"train"}, dataArgs("--out", dir.resolve("train-plain/model.json").toString())));
    assertFalse(plain.out().contains("forward-chaining"), plain.out());
  }

  @Test
  void evaluatesModelOutCarriesTheRuleSetsDisqualifiersLikeTrainDoes() throws IOException {
    String json = Files.readString(rules).strip();
    Path withPolicy = dir.resolve("evaluate-policy/rules.json");
    Files.createDirectories(withPolicy.getParent());
    Files.writeString(withPolicy, json.substring(0, json.length() - 1) + ", \"disqualifiers\": [{\"feature\":"
        + " \"email_opt_in\", \"when\": \"no\", \"action\": \"suppress\", \"reason\": \"No e-mail opt-in\"}]}");
    Path modelOut = withPolicy.resolveSibling("model.json");
    Run r = cli(concat(new String[] {"evaluate"}, dataArgs("--rules", withPolicy.toString(), "--bootstrap", "50",
        "--model-out", modelOut.toString())));
    assertEquals(0, r.code(), r.err());
    TrainedModel m = ModelArtifact.read(Files.readString(modelOut));
    assertFalse(m.policy().isEmpty(), "the written model applies the rule set's disqualifier");
  }

  @Test
  void evaluateComparesRulesAndModelAndWritesJson() throws IOException {
    Path json = dir.resolve("evaluate/eval.json");
    Run r = cli(concat(new String[] {"evaluate"}, dataArgs("--rules", rules.toString(), "--created-at-column",
        "created_at", "--bootstrap", "200", "--json", json.toString())));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ROC AUC [95 % CI]"), r.out());
    assertTrue(r.out().contains("Time-ordered back-test"), r.out());
    assertTrue(r.out().contains("Tier table, rules"), r.out());
    JsonNode root = new ObjectMapper().readTree(Files.readString(json));
    assertEquals("leadscore-evaluation", root.get("format").asText());
    assertEquals(298, root.at("/dataset/leads").asInt());
    assertEquals(2, root.at("/dataset/rejected").asInt());
    for (String who : List.of("model", "rules")) {
      JsonNode m = root.at("/crossValidation/" + who);
      double auc = m.at("/auc/estimate").asDouble();
      assertTrue(auc > 0.6 && auc < 1, who + " AUC " + auc);
      assertTrue(m.at("/auc/lower").asDouble() <= auc && auc <= m.at("/auc/upper").asDouble());
      assertTrue(m.get("averagePrecision").isNumber());
      assertTrue(m.get("brier").isNumber());
      assertTrue(m.get("ece").isNumber());
      assertEquals(2, m.get("lift").size());
      assertEquals(0.1, m.at("/lift/0/topShare").asDouble(), 1e-12);
      assertEquals(4, m.at("/tiers/rows").size());
      int leadsInTiers = 0;
      for (JsonNode row : m.at("/tiers/rows")) {
        leadsInTiers += row.get("leads").asInt();
      }
      assertEquals(298, leadsInTiers);
    }
    assertTrue(r.out().startsWith("Decision  "), "the text report opens with the decision:\n" + r.out());
    assertTrue(List.of("model", "rules").contains(root.at("/decision/scorer").asText()), root.get("decision").toString());
    assertTrue(root.at("/decision/reasons").size() > 0);
    assertTrue(root.at("/backTest/lambda").asDouble() > 0, "the back-test's chosen lambda");
    double gap = root.at("/backTest/predictedVsObservedGap").asDouble();
    double predicted = root.at("/backTest/model/meanProbability").asDouble();
    double observed = root.at("/backTest/model/conversionRate").asDouble();
    assertEquals(Math.abs(observed - predicted) / predicted, gap, 1e-9);
    assertEquals(gap > 0.2, root.at("/backTest/gapFlagged").asBoolean());
    assertEquals(gap > 0.2, r.out().contains("WARNING: predicted"), r.out());
    assertTrue(r.out().contains("lambda chosen on them: "), r.out());
    assertEquals(239, root.at("/backTest/trainRows").asInt());
    assertEquals(59, root.at("/backTest/testRows").asInt());
    assertTrue(root.at("/backTest/rules/auc/estimate").isNumber());
    // a creation-time column orders the leads: lambda is chosen by forward chaining, and said so
    assertEquals("FORWARD_CHAINING", root.at("/finalModel/foldScheme").asText());
    assertEquals("FORWARD_CHAINING", root.at("/backTest/foldScheme").asText());
    assertTrue(root.at("/backTest/lambda").isNumber());
    assertTrue(root.at("/finalModel/trainingWarnings").isArray());
    assertTrue(r.out().contains("chosen by forward chaining on the earlier leads"), r.out());
    assertTrue(root.get("importance").size() > 10);
    assertEquals(2, Files.readAllLines(dir.resolve("evaluate/eval.errors.csv")).stream()
        .filter(l -> l.startsWith("leads.csv,")).count());
  }

  @Test
  void reportIsSelfContainedHtmlWithEmbeddedCharts() throws IOException {
    Path html = dir.resolve("report/report.html");
    Run r = cli(concat(new String[] {"report"}, dataArgs("--rules", rules.toString(), "--created-at-column",
        "created_at", "--bootstrap", "200", "--out", html.toString())));
    assertEquals(0, r.code(), r.err());
    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>"));
    assertEquals(9, MonitorRegistryCliTest.svgImages(page), "ROC, gains, precision-recall, reliability, leads per"
        + " reliability bin, histogram, back-test ROC and reliability, importance");
    assertFalse(page.contains("data:image/png"), "vector charts only");
    assertTrue(page.indexOf("id=\"decision\"") < page.indexOf("<h2>Rules vs model"), "the decision comes first");
    assertFalse(page.contains("http://"), "no network resources");
    assertFalse(page.contains("https://"), "no network resources");
    assertFalse(page.contains("<script"), "no scripts");
    assertFalse(Pattern.compile("src=\"(?!data:)").matcher(page).find(), "every src is a data URI");
    assertFalse(page.contains("url("), "no CSS resources");
    for (String s : List.of("Rules vs model", "Tiers", "Time-ordered back-test", "What drives the model",
        "Example leads, explained", "Hot", "Nurture", "Suppress")) {
      assertTrue(page.contains(s), s);
    }
    assertTrue(r.out().contains("Wrote " + html), r.out());
  }

  @Test
  void missingAsOfWithEventFeaturesIsAClearError() {
    Run r = cli("train", "--data", leads.toString(), "--events", events.toString(), "--schema", schema.toString(),
        "--label-column", "converted", "--out", dir.resolve("never.json").toString(), "-q");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("--as-of is required"), r.err());
    assertTrue(r.err().contains("latest timestamp in the data is"), r.err());
    assertFalse(Files.exists(dir.resolve("never.json")));
  }

  @Test
  void usageErrorsExitWithTwo() {
    Run r = cli("train", "--data", leads.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Missing required option"), r.err());
    Run h = cli("help", "evaluate");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("--order-column"), h.out());
    Run top = cli();
    assertEquals(0, top.code());
    assertTrue(top.out().contains("jmh"), top.out());
  }

  @Test
  void aMissingFileIsAClearError() {
    Run r = cli("score", "--model", dir.resolve("nope.json").toString(), "--data", leads.toString(), "--out",
        dir.resolve("x.csv").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: cannot read the model"), r.err());
  }

  static String[] concat(String[] a, String[] b) {
    String[] c = new String[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void jsonAndScoredOutputsNameTheModel() throws IOException {
    Path model = dir.resolve("named/model.json");
    Run r = cli(concat(new String[] {"train"}, dataArgs("--out", model.toString(), "--model-id", "acme-leads",
        "--model-version", "7")));
    assertEquals(0, r.code(), r.err());
    TrainedModel m = ModelArtifact.read(Files.readString(model));
    assertEquals("acme-leads", m.modelId());
    assertEquals("7", m.modelVersion());
    assertNotNull(m.summary());
  }
}
