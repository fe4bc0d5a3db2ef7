package dev.leadscore.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRM export unlike the synthetic one: tab-separated, headers with spaces, the label written
 * TRUE/false, a declared number column, no events (so no --as-of is needed), an order column.
 */
class CsvVariantsTest {
  static final String SCHEMA = """
      {"name": "tabbed", "version": 1, "features": [
        {"kind": "numeric", "name": "visits", "family": "behavioral", "attribute": "Total Visits", "log1p": true,
         "imputation": {"strategy": "median"}, "missingFlag": true, "missingTokens": ["Select"],
         "basis": {"type": "hinge", "knots": 2}},
        {"kind": "categorical", "name": "segment", "family": "firmographic", "attribute": "Segment", "levels": [],
         "minCount": 5, "missingLevel": true, "missingTokens": ["Select"]},
        {"kind": "boolean", "name": "opt_in", "family": "email", "attribute": "Opt In",
         "imputation": {"strategy": "constant", "value": 0}}
      ]}
      """;

  @Test
  void tabSeparatedExportWithTrueFalseLabelsTrainsAndEvaluates(@TempDir Path dir) throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    StringBuilder csv = new StringBuilder("Lead ID\tSeq No\tWon\tTotal Visits\tSegment\tOpt In\n");
    String[] segments = {"SMB", "Mid Market", "Enterprise", "Select", ""};
    for (int i = 0; i < 240; i++) {
      int visits = r.nextInt(12);
      String seg = segments[r.nextInt(segments.length)];
      boolean opt = r.nextBoolean();
      double logit = -2 + 0.35 * visits + (seg.equals("Enterprise") ? 1.2 : 0) + (opt ? 0.5 : 0);
      boolean won = r.nextDouble() < 1 / (1 + Math.exp(-logit));
      String v = i == 33 ? "lots" : i % 17 == 0 ? "" : Integer.toString(visits);
      csv.append("T-").append(i).append('\t').append(1000 + i).append('\t').append(won ? "TRUE" : "false")
          .append('\t').append(v).append('\t').append(seg).append('\t').append(opt ? "Yes" : "No").append('\n');
    }
    Path data = dir.resolve("export.tsv");
    Files.writeString(data, csv);
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, SCHEMA);

    Path model = dir.resolve("model.json");
    CliEndToEndTest.Run t = CliEndToEndTest.cli("train", "--data", data.toString(), "--delimiter", "\\t", "--id-column",
        "Lead ID", "--label-column", "Won", "--positive", "TRUE", "--number-columns", "Total Visits", "--schema",
        schema.toString(), "--folds", "3", "--out", model.toString(), "-q");
    assertEquals(0, t.code(), t.err());
    TrainedModel m = ModelArtifact.read(Files.readString(model));
    assertEquals(239, m.summary().rows());
    assertTrue(m.summary().positives() > 30 && m.summary().positives() < 209);
    List<String> errors = Files.readAllLines(dir.resolve("model.errors.csv"));
    assertEquals(2, errors.size());
    assertTrue(errors.get(1).startsWith("export.tsv,35,T-33,Total Visits,"), errors.get(1));
    assertTrue(errors.get(1).contains("'lots' is not a number"), errors.get(1));

    CliEndToEndTest.Run e = CliEndToEndTest.cli("evaluate", "--data", data.toString(), "-d", "tab", "--id-column",
        "Lead ID", "--label-column", "Won", "--positive", "true", "--schema", schema.toString(), "--folds", "3",
        "--order-column", "Seq No", "--train-share", "0.75", "--bootstrap", "100", "--errors",
        dir.resolve("bad-rows.csv").toString(), "-q");
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("ordered by 'Seq No': earliest 180 leads (75 %) train, latest 59 score"), e.out());
    assertTrue(Files.readString(dir.resolve("bad-rows.csv")).contains("T-33"), "screened by the schema instead");
    assertTrue(e.out().contains("no time-dependent features"), e.out());
  }

  @Test
  void aSchemaAttributeMissingFromTheHeaderIsAnErrorUnlessLenient(@TempDir Path dir) throws IOException {
    Path data = dir.resolve("d.csv");
    StringBuilder csv = new StringBuilder("id,won,Segment\n");
    for (int i = 0; i < 60; i++) {
      csv.append(i).append(',').append(i % 3 == 0 ? "yes" : "no").append(',').append(i % 2 == 0 ? "A" : "B")
          .append('\n');
    }
    Files.writeString(data, csv);
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, SCHEMA);
    String[] args = {"train", "--data", data.toString(), "--label-column", "won", "--positive", "yes", "--schema",
        schema.toString(), "--folds", "2", "--out", dir.resolve("m.json").toString(), "-q"};
    CliEndToEndTest.Run t = CliEndToEndTest.cli(args);
    assertEquals(1, t.code());
    assertTrue(t.err().startsWith("error: d.csv, line 1: the header has no columns 'Opt In', 'Total Visits', which the"
        + " schema reads"), t.err());
    assertFalse(Files.exists(dir.resolve("m.json")));
    // --lenient goes on, here as far as the schema, which cannot learn a median from no values
    CliEndToEndTest.Run lenient = CliEndToEndTest.cli(CliEndToEndTest.concat(args, new String[] {"--lenient"}));
    assertTrue(lenient.err().contains("error: the schema cannot be fitted on these leads: feature 'visits'"),
        lenient.err());
    assertTrue(lenient.err().contains("warning: d.csv, line 1: the header has no columns 'Opt In', 'Total Visits'"),
        lenient.err());
  }
}
