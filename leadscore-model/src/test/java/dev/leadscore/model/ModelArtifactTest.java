package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.TierPolicy;
import dev.leadscore.core.internal.CanonicalJson;
import dev.leadscore.core.internal.Sha256;
import dev.leadscore.model.calibration.Calibrator;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelArtifactTest {
  static TrainedModel model;
  static String json;

  @BeforeAll
  static void train() {
    model = ModelTrainerTest.train(ModelTrainerTest.quick().calibration(CalibrationMethod.ISOTONIC)
        .modelId("acme-leads").modelVersion("2026.1").createdAt(Instant.parse("2026-02-03T04:05:06Z")).build());
    json = ModelArtifact.write(model);
  }

  @Test
  void saveLoadScoreIsBitIdentical() {
    TrainedModel loaded = ModelArtifact.read(json);
    double[] x = new double[model.width()];
    for (LabelledLead l : ModelTrainerTest.DATA.leads()) {
      model.schema().extract(l.lead(), ModelTrainerTest.DATA.asOf(), x);
      assertEquals(Double.doubleToRawLongBits(model.logit(x)), Double.doubleToRawLongBits(loaded.logit(x)));
      assertEquals(Double.doubleToRawLongBits(ModelScorer.of(model).scoreOf(x)), Double.doubleToRawLongBits(ModelScorer.of(loaded).scoreOf(x)));
      assertEquals(Double.doubleToRawLongBits(model.logitStandardError(x)),
          Double.doubleToRawLongBits(loaded.logitStandardError(x)));
      assertEquals(ModelScorer.of(model).tierOf(x), ModelScorer.of(loaded).tierOf(x));
    }
    assertEquals(json, ModelArtifact.write(loaded), "writing a loaded model gives the same bytes");
    assertEquals("acme-leads", loaded.modelId());
    assertEquals("2026.1", loaded.modelVersion());
    assertEquals(Instant.parse("2026-02-03T04:05:06Z"), loaded.createdAt());
    assertEquals(model.provenance(), loaded.provenance());
    assertEquals(model.calibrator(), loaded.calibrator());
    assertEquals(model.cutoffs(), loaded.cutoffs());
    assertEquals(model.summary().crossValidation(), loaded.summary().crossValidation());
    assertTrue(loaded.summary().outOfFold().isEmpty());
    assertEquals(model.schema().fingerprint(), loaded.schema().fingerprint());
  }

  @Test
  void theDocumentHasTheDocumentedShape() throws Exception {
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json);
    assertEquals(ModelArtifact.FORMAT, root.get("format").textValue());
    assertEquals(ModelArtifact.FORMAT_VERSION, root.get("formatVersion").intValue());
    assertEquals(model.schema().fingerprint(), root.get("schemaFingerprint").textValue());
    assertTrue(root.get("checksum").textValue().startsWith("sha256:"));
    assertTrue(root.get("provenance").get("dataSha256").textValue().startsWith("sha256:"));
    assertEquals(model.width() + 1, root.get("model").get("covariance").size());
    assertFalse(json.contains("\r"));
    assertTrue(json.endsWith("}\n"));
  }

  @Test
  void anEmptyTierIsWrittenAsTheStringInfinity() {
    TrainedModel m = ModelTrainerTest.train(ModelTrainerTest.quick()
        .tierPolicy(new TierPolicy.Fixed(TierCutoffs.of(TierCutoffs.EMPTY_TIER, 50, 20))).build());
    String text = ModelArtifact.write(m);
    assertTrue(text.contains("\"hot\" : \"Infinity\""), "hot cut-off should be the string Infinity");
    TrainedModel loaded = ModelArtifact.read(text);
    assertEquals(TierCutoffs.EMPTY_TIER, loaded.cutoffs().hot());
    assertEquals(m.provenance().options(), loaded.provenance().options());
  }

  @Test
  void anyEditIsCaughtByTheChecksum() {
    String edited = json.replaceFirst("\"intercept\" : (-?)([0-9])", "\"intercept\" : $1$2" + "1");
    assertFalse(edited.equals(json));
    ArtifactException e = assertThrows(ArtifactException.class, () -> ModelArtifact.read(edited));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Test
  void formatAndVersionAreChecked() {
    ArtifactException v = assertThrows(ArtifactException.class,
        () -> ModelArtifact.read(json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")));
    assertTrue(v.getMessage().contains("unsupported formatVersion 2"), v.getMessage());
    ArtifactException f = assertThrows(ArtifactException.class,
        () -> ModelArtifact.read(json.replace("\"leadscore-model\"", "\"other-model\"")));
    assertTrue(f.getMessage().contains("'format'"), f.getMessage());
    ArtifactException j = assertThrows(ArtifactException.class, () -> ModelArtifact.read("{not json"));
    assertTrue(j.getMessage().contains("not valid JSON"), j.getMessage());
  }

  /** Edits the document and re-signs it, so that the checks behind the checksum are reached. */
  static String resigned(Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json);
      edit.accept(root);
      root.remove("checksum");
      root.put("checksum", Sha256.labelled(CanonicalJson.write(root, CanonicalJson.Form.TYPED)));
      return new ObjectMapper().writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertRejected(String expectedFragment, Consumer<ObjectNode> edit) {
    ArtifactException e = assertThrows(ArtifactException.class, () -> ModelArtifact.read(resigned(edit)));
    assertTrue(e.getMessage().contains(expectedFragment), "expected '" + expectedFragment + "' in: " + e.getMessage());
  }

  @Test
  void consistencyChecksNameTheField() {
    assertEquals(model.intercept(), ModelArtifact.read(resigned(r -> { })).intercept());
    assertRejected("model.weights must have one value per schema column",
        r -> ((ArrayNode) r.get("model").get("weights")).remove(0));
    assertRejected("schemaFingerprint sha256:0 does not match", r -> r.put("schemaFingerprint", "sha256:0"));
    assertRejected("unknown field extra", r -> r.put("extra", 1));
    assertRejected("missing required field calibrator", r -> r.remove("calibrator"));
    assertRejected("model.rawWeights[2]", r -> ((ArrayNode) r.get("model").get("rawWeights")).set(2, 0.125));
    assertRejected("model.covariance must have width + 1", r -> ((ArrayNode) r.get("model").get("covariance")).remove(0));
    assertRejected("standardisation.scale[4] must be a number",
        r -> ((ArrayNode) r.get("standardisation").get("scale")).set(4, "x"));
    assertRejected("tierCutoffs", r -> ((ObjectNode) r.get("tierCutoffs")).put("hot", 1.0));
    assertRejected("columns[0]", r -> ((ArrayNode) r.get("columns")).set(0, "renamed"));
    assertRejected("createdAt must be an ISO-8601 instant", r -> r.put("createdAt", "yesterday"));
    assertRejected("calibrator", r -> ((ObjectNode) r.get("calibrator")).put("kind", "magic"));
  }

  @Test
  void identityAndPlattCalibratorsRoundTrip() {
    for (CalibrationMethod method : new CalibrationMethod[] {CalibrationMethod.NONE, CalibrationMethod.PLATT}) {
      TrainedModel m = ModelTrainerTest.train(ModelTrainerTest.quick().calibration(method).build());
      TrainedModel loaded = ModelArtifact.read(ModelArtifact.write(m));
      assertEquals(m.calibrator(), loaded.calibrator());
      assertTrue(method == CalibrationMethod.NONE ? loaded.calibrator() instanceof Calibrator.Identity
          : loaded.calibrator() instanceof Calibrator.Platt);
    }
  }

  @Test
  void aBlankModelIdOrVersionIsRefusedWhenReadNotWhenScored() {
    // Before: the artifact loaded, and ModelScorer.of then threw an IllegalArgumentException.
    assertRejected("modelVersion must not be blank", r -> r.put("modelVersion", ""));
    assertRejected("modelVersion must not be blank", r -> r.put("modelVersion", "  "));
    assertRejected("modelId must not be blank", r -> r.put("modelId", ""));
  }

  @Test
  void readsAFileWithOrWithoutAByteOrderMark(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path plain = java.nio.file.Files.writeString(dir.resolve("plain.json"), json);
    java.nio.file.Path bom = java.nio.file.Files.write(dir.resolve("bom.json"),
        dev.leadscore.core.testing.ByteOrderMarked.utf8(json));
    for (java.nio.file.Path file : new java.nio.file.Path[] {plain, bom}) {
      TrainedModel loaded = ModelArtifact.read(file);
      assertEquals(json, ModelArtifact.write(loaded), file.toString());
    }
    assertEquals(json, ModelArtifact.write(ModelArtifact.read("\uFEFF" + json)));
    // Only one mark, only at the start.
    assertThrows(ArtifactException.class, () -> ModelArtifact.read("\uFEFF\uFEFF" + json));
    assertThrows(ArtifactException.class, () -> ModelArtifact.read(json + "\uFEFF"));
  }
}
