package dev.leadscore.model.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.leadscore.core.Lead;
import dev.leadscore.core.io.LeadJson;
import dev.leadscore.core.io.ReadResult;
import dev.leadscore.model.ArtifactException;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.TrainedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frozen golden artifact (written once by {@link FrozenArtifact}, committed with its script):
 * this version must read it and score its leads exactly as the version that wrote it did,
 * probability, score, tier and every reason to the bit. A format or behaviour change that breaks
 * this must keep reading old artifacts, or change on purpose and say so here.
 */
class FrozenArtifactTest {
  private static final String DIR = "/golden/artifact/";

  private static String resource(String name) {
    try (InputStream in = FrozenArtifactTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The line with each number's decimal reading dropped: the IEEE-754 bits in hex are what must
   * match, while {@code Double.toString} may print the same bits differently on a later JDK.
   */
  private static String bitsOnly(String line) {
    return line.replaceAll("([0-9a-f]{16}) \\([^()\t]*\\)", "$1");
  }

  @Test
  void theFrozenArtifactStillReadsAndScoresItsLeadsToTheBit() {
    TrainedModel model;
    try {
      model = ModelArtifact.read(resource("model-v1.json"));
    } catch (ArtifactException e) {
      fail("the frozen version-1 artifact no longer reads; artifacts already saved by hosts would not either: "
          + e.getMessage(), e);
      return;
    }
    ReadResult read = LeadJson.readNdjson(new InputStreamReader(
        FrozenArtifactTest.class.getResourceAsStream(DIR + "leads.ndjson"), StandardCharsets.UTF_8));
    assertEquals(List.of(), read.errors());
    List<Lead> leads = read.leads();
    assertEquals(40, leads.size());
    String expected = resource("scores.tsv");
    Instant asOf = Instant.parse(expected.lines().findFirst().orElseThrow().split("\t")[1]);
    List<String> want = expected.lines().toList();
    List<String> got = FrozenArtifact.scores(model, leads, asOf).lines().toList();
    assertTrue(want.size() > 40, "the committed scores hold reasons too");
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      assertEquals(bitsOnly(want.get(i)), bitsOnly(got.get(i)), "scores.tsv line " + (i + 1) + ": " + want.get(i));
    }
    assertEquals(want.size(), got.size(), "lines in scores.tsv");
  }
}
