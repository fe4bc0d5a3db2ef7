package dev.leadscore.model.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.Sha256;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.TestModels;
import dev.leadscore.model.TrainedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  static final TrainedModel A = TestModels.model("registry-a");
  static final TrainedModel B = TestModels.model("registry-b");
  static final TrainedModel C = TestModels.model("registry-c");
  static final String A_JSON = ModelArtifact.write(A);

  @TempDir
  Path dir;

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static void assertScoresIdentically(TrainedModel expected, TrainedModel actual) {
    for (Lead l : TestModels.DATA.unlabelled().subList(0, 50)) {
      double[] x = expected.schema().extract(l, TestModels.DATA.asOf());
      assertEquals(Double.doubleToRawLongBits(ModelScorer.of(expected).scoreOf(x)), Double.doubleToRawLongBits(ModelScorer.of(actual).scoreOf(x)));
    }
  }

  // ------------------------------------------------------------------------------ save and list

  @Test
  void aSavedVersionIsContentAddressedImmutableAndListedWithItsMetrics() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    ModelVersion v = reg.save(A);
    String sha = Sha256.hex(A_JSON.getBytes(StandardCharsets.UTF_8));
    assertEquals("v000001-" + sha.substring(0, 12), v.id());
    assertEquals(1, v.sequence());
    assertEquals(sha, v.sha256());
    assertEquals(v.id() + ".model.json", v.fileName());
    assertEquals(A_JSON, Files.readString(dir.resolve(v.fileName())));
    assertFalse(v.active());
    assertEquals("registry-a", v.modelVersion());
    assertEquals(800, v.rows());
    assertEquals(A.summary().oofAuc(), v.oofAuc());
    assertEquals(A.summary().oofLogLoss(), v.oofLogLoss());
    assertEquals(A.lambda(), v.lambda());
    assertTrue(v.monitored());
    assertEquals(A.schema().schema().fingerprint(), v.declaredSchemaFingerprint());
    assertEquals(List.of(v), reg.list());

    // the same content again is the same version, not a copy
    assertEquals(v, reg.save(A_JSON));
    ModelVersion w = reg.save(B);
    assertEquals(2, w.sequence());
    assertEquals(List.of(v, w), reg.list());
    assertEquals(List.of("registry.lock", v.fileName(), w.fileName()), names(dir));
    assertTrue(reg.problems().isEmpty());
    assertTrue(reg.activeVersion().isEmpty());
  }

  @Test
  void invalidArtifactsAreRefused() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    RegistryException e = assertThrows(RegistryException.class, () -> reg.save("{\"format\": \"nope\"}"));
    assertTrue(e.getMessage().startsWith("refusing to save: the text is not a valid model artifact"), e.getMessage());
    e = assertThrows(RegistryException.class, () -> reg.save(A_JSON.replace("\"registry-a\"", "\"edited\"")));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertTrue(reg.list().isEmpty());
    assertEquals(List.of(), names(dir), "a refused save writes nothing");
  }

  // ------------------------------------------------------------------------------ promote and roll back

  @Test
  void promoteAndRollBackRepeatedly() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    RegistryException none = assertThrows(RegistryException.class, reg::active);
    assertTrue(none.getMessage().startsWith("no active model in "), none.getMessage());
    ModelVersion a = reg.save(A);
    ModelVersion b = reg.save(B);
    ModelVersion c = reg.save(C);
    assertTrue(reg.promote(a.id()).active());
    reg.promote(b.id());
    reg.promote(b.id()); // already active: no new history entry
    reg.promote(c.id());
    assertEquals(List.of(a.id(), b.id(), c.id()), reg.history());
    assertEquals("registry-c", reg.active().modelVersion());
    assertEquals(List.of(false, false, true), reg.list().stream().map(ModelVersion::active).toList());

    assertEquals(b.id(), reg.rollback().id());
    assertEquals("registry-b", reg.active().modelVersion());
    assertEquals(a.id(), reg.rollback().id());
    assertEquals("registry-a", reg.active().modelVersion());
    assertScoresIdentically(A, reg.active());
    RegistryException e = assertThrows(RegistryException.class, reg::rollback);
    assertTrue(e.getMessage().startsWith("cannot roll back: only " + a.id() + " has ever been active"), e.getMessage());
    assertEquals(List.of(a.id()), reg.history());

    // a second registry instance (another process) sees the same state
    ModelRegistry other = ModelRegistry.open(dir);
    assertEquals(a.id(), other.activeVersion().orElseThrow().id());
    // promoting an earlier version again puts it on top of the history
    reg.promote(c.id());
    reg.promote(a.id());
    assertEquals(List.of(a.id(), c.id(), a.id()), reg.history());
    assertEquals(c.id(), reg.rollback().id());
  }

  @Test
  void versionFilesAreNeverRewritten() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    ModelVersion a = reg.save(A);
    byte[] before = Files.readAllBytes(dir.resolve(a.fileName()));
    var modified = Files.getLastModifiedTime(dir.resolve(a.fileName()));
    reg.promote(a.id());
    reg.save(B);
    reg.save(A);
    reg.promote(reg.save(C).id());
    reg.rollback();
    assertArrayEquals(before, Files.readAllBytes(dir.resolve(a.fileName())));
    assertEquals(modified, Files.getLastModifiedTime(dir.resolve(a.fileName())));
    assertEquals(3, reg.list().size());
    assertTrue(names(dir).stream().noneMatch(n -> n.startsWith(ModelRegistry.TEMP_PREFIX)));
  }

  @Test
  void unknownVersionsAreRefused() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    RegistryException e = assertThrows(RegistryException.class, () -> reg.promote("v000009-000000000000"));
    assertTrue(e.getMessage().startsWith("version v000009-000000000000 does not exist"), e.getMessage());
    e = assertThrows(RegistryException.class, () -> reg.promote("latest"));
    assertTrue(e.getMessage().contains("'latest' is not a version id"), e.getMessage());
    assertTrue(reg.history().isEmpty());
  }

  // ------------------------------------------------------------------------------ checks on load

  @Test
  void aModelOfAnotherSchemaIsRefused() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    ModelVersion a = reg.promote(reg.save(A).id());
    assertScoresIdentically(A, reg.active(TestModels.SCHEMA));
    FeatureSchema other = FeatureSchema.of("acme", 2, TestModels.SCHEMA.features().subList(1,
        TestModels.SCHEMA.features().size()));
    RegistryException e = assertThrows(RegistryException.class, () -> reg.active(other));
    assertTrue(e.getMessage().startsWith("refusing to load active version " + a.id()), e.getMessage());
    assertTrue(e.getMessage().contains(a.fileName()), e.getMessage());
    assertTrue(e.getMessage().contains(TestModels.SCHEMA.fingerprint()) && e.getMessage().contains(other.fingerprint()),
        e.getMessage());
  }

  @Test
  void aVersionFileChangedOnDiskIsRefusedNamingTheFile() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    ModelVersion a = reg.promote(reg.save(A).id());
    Path file = dir.resolve(a.fileName());
    // bit rot: one digit of the intercept changes; the name's hash no longer matches
    String text = Files.readString(file);
    Files.writeString(file, text.replaceFirst("\"intercept\" : (-?)([0-9])", "\"intercept\" : $1$2" + "7"));
    ModelRegistry fresh = ModelRegistry.open(dir);
    RegistryException e = assertThrows(RegistryException.class, fresh::active);
    assertTrue(e.getMessage().startsWith("version file " + file.toRealPath() + " is damaged"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated or changed after it was saved"), e.getMessage());

    // an edited file renamed to match its new hash still fails the artifact's own checksum
    String edited = text.replaceFirst("\"intercept\" : (-?)([0-9])", "\"intercept\" : $1$2" + "7");
    String sha = Sha256.hex(edited.getBytes(StandardCharsets.UTF_8));
    String id = "v000002-" + sha.substring(0, 12);
    Files.writeString(dir.resolve(id + ".model.json"), edited);
    e = assertThrows(RegistryException.class, () -> fresh.promote(id));
    assertTrue(e.getMessage().startsWith("version file " + dir.toRealPath().resolve(id + ".model.json")
        + " does not load: checksum mismatch"), e.getMessage());
    assertEquals(List.of(a.id()), fresh.history());
    assertEquals(2, fresh.problems().size());
    assertTrue(fresh.list().isEmpty());
  }

  @Test
  void aDamagedPointerIsReportedNamingIt() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    reg.promote(reg.save(A).id());
    Files.writeString(dir.resolve(ModelRegistry.ACTIVE_FILE), "{\"format\":\"leadscore-model-registry-active\"");
    RegistryException e = assertThrows(RegistryException.class, () -> ModelRegistry.open(dir).active());
    assertTrue(e.getMessage().startsWith("active pointer " + dir.toRealPath().resolve("active.json") + " is damaged"),
        e.getMessage());
    Files.writeString(dir.resolve(ModelRegistry.ACTIVE_FILE),
        "{\"format\":\"leadscore-model-registry-active\",\"formatVersion\":1,\"history\":[\"v000005-abcdefabcdef\"]}");
    e = assertThrows(RegistryException.class, () -> ModelRegistry.open(dir).active());
    assertTrue(e.getMessage().startsWith("version v000005-abcdefabcdef does not exist"), e.getMessage());
    assertEquals(List.of(ModelRegistry.ACTIVE_FILE), reg.problems().stream().map(ModelRegistry.Problem::fileName).toList());
  }

  // ------------------------------------------------------------------------------ crashes

  /** Thrown by the fault hook: an Error, so the writer's own I/O-error clean-up does not run, as in a real crash. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String step) {
      super("simulated crash at " + step);
    }
  }

  static ModelRegistry crashingAt(Path dir, String step) throws IOException {
    return ModelRegistry.open(dir, s -> {
      if (s.equals(step)) {
        throw new SimulatedCrash(s);
      }
    });
  }

  @Test
  void aCrashMidSaveLeavesOnlyAStrayTempFileAndTheLastGoodVersionLoads() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    ModelVersion a = reg.promote(reg.save(A).id());
    assertThrows(SimulatedCrash.class, () -> crashingAt(dir, "save:half-written").save(B));
    assertThrows(SimulatedCrash.class, () -> crashingAt(dir, "save:before-rename").save(C));
    List<String> temps = names(dir).stream().filter(n -> n.startsWith(ModelRegistry.TEMP_PREFIX)).toList();
    assertEquals(2, temps.size(), names(dir).toString());
    long half = Files.size(dir.resolve(temps.get(0))) + Files.size(dir.resolve(temps.get(1)));
    assertTrue(half > 0);

    ModelRegistry after = ModelRegistry.open(dir); // the restarted service
    assertEquals(List.of(a.id()), after.list().stream().map(ModelVersion::id).toList());
    assertScoresIdentically(A, after.active());
    List<ModelRegistry.Problem> problems = after.problems();
    assertEquals(2, problems.size());
    assertTrue(problems.get(0).problem().contains("left by a write that did not finish"), problems.toString());
    // saving again works and takes the next sequence number
    ModelVersion b = after.save(B);
    assertEquals(2, b.sequence());
    assertEquals(a.id(), after.activeVersion().orElseThrow().id());
  }

  @Test
  void aCrashMidPromoteLeavesTheOldActiveVersion() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    ModelVersion a = reg.promote(reg.save(A).id());
    ModelVersion b = reg.save(B);
    assertThrows(SimulatedCrash.class, () -> crashingAt(dir, "pointer:half-written").promote(b.id()));
    assertThrows(SimulatedCrash.class, () -> crashingAt(dir, "pointer:before-rename").promote(b.id()));
    ModelRegistry after = ModelRegistry.open(dir);
    assertEquals(List.of(a.id()), after.history());
    assertEquals("registry-a", after.active().modelVersion());
    // a crash after the rename has taken effect: the new pointer is complete
    assertThrows(SimulatedCrash.class, () -> crashingAt(dir, "pointer:after-rename").promote(b.id()));
    assertEquals("registry-b", ModelRegistry.open(dir).active().modelVersion());
  }

  @Test
  void aTruncatedFileNamedLikeAVersionIsIgnoredAndReported() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    ModelVersion a = reg.promote(reg.save(A).id());
    byte[] b = ModelArtifact.write(B).getBytes(StandardCharsets.UTF_8);
    String id = "v000002-" + Sha256.hex(b).substring(0, 12);
    Files.write(dir.resolve(id + ".model.json"), Arrays.copyOf(b, b.length / 3)); // torn write by another tool
    ModelRegistry after = ModelRegistry.open(dir);
    assertEquals(List.of(a.id()), after.list().stream().map(ModelVersion::id).toList());
    List<ModelRegistry.Problem> problems = after.problems();
    assertEquals(List.of(id + ".model.json"), problems.stream().map(ModelRegistry.Problem::fileName).toList());
    assertTrue(problems.get(0).problem().contains("is damaged"), problems.get(0).problem());
    assertScoresIdentically(A, after.active());
    RegistryException e = assertThrows(RegistryException.class, () -> after.promote(id));
    assertTrue(e.getMessage().contains(id + ".model.json is damaged"), e.getMessage());
    // its sequence number is not reused
    assertEquals(3, after.save(C).sequence());
  }

  // ------------------------------------------------------------------------------ concurrency

  @Test
  void readersAlwaysSeeACompleteModelWhileAWriterSavesAndPromotes() throws Exception {
    ModelRegistry writer = ModelRegistry.open(dir);
    writer.promote(writer.save(A).id());
    int rounds = 20;
    int readers = 3;
    int maxLoadsPerReader = 50_000; // a bound; readers normally stop when the writer is done
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
    Thread w = new Thread(() -> {
      try {
        for (int k = 1; k <= rounds; k++) {
          // new content each round (trailing blank lines change the bytes, not the model)
          ModelVersion v = writer.save(A_JSON + "\n".repeat(k));
          writer.promote(v.id());
          if (k % 4 == 0) {
            writer.rollback();
            writer.rollback();
          }
        }
      } catch (Throwable e) {
        failures.add(e);
      } finally {
        done.set(true);
      }
    });
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < readers; t++) {
      threads.add(new Thread(() -> {
        try {
          ModelRegistry reader = ModelRegistry.open(dir); // as another process would
          TrainedModel last = null;
          for (int i = 0; i < maxLoadsPerReader && !done.get(); i++) {
            TrainedModel m = reader.active(TestModels.SCHEMA); // reads the pointer, then (if it moved) the file
            assertEquals(A.intercept(), m.intercept());
            assertArrayEquals(A.weights(), m.weights());
            assertFalse(reader.history().isEmpty());
            if (m != last) { // a new version was read from disk and passed every check
              changes.incrementAndGet();
              last = m;
            }
            loads.incrementAndGet();
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    w.start();
    threads.forEach(Thread::start);
    w.join();
    for (Thread t : threads) {
      t.join();
    }
    System.out.println("[registry] concurrent: " + loads.get() + " active() loads by " + readers + " readers, "
        + changes.get() + " new versions loaded, " + rounds + " saves + promotes, failures " + failures);
    assertTrue(failures.isEmpty(), failures.toString());
    assertTrue(loads.get() > 0);
    ModelRegistry end = ModelRegistry.open(dir);
    assertEquals(rounds + 1, end.list().size());
    assertTrue(end.problems().isEmpty(), end.problems().toString());
    assertEquals(A.intercept(), end.active().intercept());
  }

  @Test
  void concurrentWritersNeverShareASequenceNumber() throws Exception {
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<ModelVersion> saved = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int thread = t;
      threads.add(new Thread(() -> {
        try {
          ModelRegistry reg = ModelRegistry.open(dir);
          for (int k = 0; k < 4; k++) {
            saved.add(reg.save(A_JSON + " ".repeat(1 + thread * 10 + k)));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(failures.isEmpty(), failures.toString());
    assertEquals(12, saved.stream().map(ModelVersion::sequence).distinct().count());
    assertEquals(12, ModelRegistry.open(dir).list().size());
    assertNotEquals(saved.get(0).sha256(), saved.get(1).sha256());
  }

  @Test
  void activeIsCachedWhileTheActiveVersionIsUnchanged() throws IOException {
    ModelRegistry reg = ModelRegistry.open(dir);
    reg.promote(reg.save(A).id());
    TrainedModel first = reg.active();
    assertSame(first, reg.active());
    reg.promote(reg.save(B).id());
    assertEquals("registry-b", reg.active().modelVersion());
  }
}
