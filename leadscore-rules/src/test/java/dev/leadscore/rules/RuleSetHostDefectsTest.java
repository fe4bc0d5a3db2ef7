package dev.leadscore.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.ByteOrderMarked;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects a host team found in reading and binding rule sets (issue 16), each pinned here. */
class RuleSetHostDefectsTest {
  private static final String JSON = RuleSet.syntheticDefault().toJson();
  private static FittedSchema fitted;

  @BeforeAll
  static void fit() {
    FeatureSchema schema = SyntheticPipeline.defaultSchema();
    fitted = schema.fit(SyntheticPipeline.builder().size(800).seed(42).build().generate().unlabelled());
  }

  @Test
  void textAfterTheDocumentIsRefusedLikeTheSchemaAndArtifactReadersDo() {
    for (String trailing : List.of(JSON + "x", JSON + JSON, JSON + "\n{}", JSON + " 1")) {
      RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.fromJson(trailing));
      assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }
    assertEquals(RuleSet.syntheticDefault(), RuleSet.fromJson(JSON + "  \n"), "trailing whitespace is fine");
  }

  @Test
  void aByteOrderMarkAtTheStartOfAFileIsAccepted(@TempDir Path dir) throws Exception {
    byte[] marked = ByteOrderMarked.utf8(JSON);
    assertEquals(RuleSet.syntheticDefault(), RuleSet.read(Files.write(dir.resolve("rules.json"), marked)));
    assertEquals(RuleSet.syntheticDefault(), RuleSet.fromJson("\uFEFF" + JSON));
    assertThrows(RuleSetException.class, () -> RuleSet.fromJson("\uFEFF\uFEFF" + JSON));
  }

  @Test
  void aMisspeltLevelOfALearnedCategoricalIsRefusedNamingRuleFeatureAndLevel() {
    assertTrue(fitted.schema().feature("industry").offers().levelsLearned(), "the case is about a learned categorical");
    assertTrue(fitted.levels("industry").contains("software"));
    RuleSet misspelt = RuleSet.fromJson(JSON.replace("\"software\"", "\"sofware\""));
    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleScorer.of(misspelt, fitted));
    assertTrue(e.getMessage().contains("'industry'") && e.getMessage().contains("'sofware'")
        && e.getMessage().contains("'software'"), e.getMessage());
    assertTrue(e.getMessage().startsWith("rule 'industry'"), e.getMessage());
    // A swap of neighbours is one edit too.
    RuleSet swapped = RuleSet.fromJson(JSON.replace("\"software\"", "\"sotfware\""));
    assertThrows(RuleSetException.class, () -> RuleScorer.of(swapped, fitted));
  }

  @Test
  void aLevelTheFitFoldedIntoOtherStillBindsAndScoresAsOther() {
    // Documented in DEFAULT-RULES.md: a rare learned level is folded into 'other'.
    String unseen = "aerospace and defence";
    assertTrue(!fitted.levels("industry").contains(unseen));
    RuleSet rules = RuleSet.fromJson(JSON.replace("\"software\"", "\"" + unseen + "\""));
    assertEquals(rules, RuleScorer.of(rules, fitted).ruleSet());
  }

  @Test
  void editDistanceMatchesHandCases() {
    assertEquals(0, LevelsRule.editDistance("software", "software"));
    assertEquals(1, LevelsRule.editDistance("sofware", "software"));
    assertEquals(1, LevelsRule.editDistance("softwares", "software"));
    assertEquals(1, LevelsRule.editDistance("softwara", "software"));
    assertEquals(1, LevelsRule.editDistance("sotfware", "software"));
    assertEquals(2, LevelsRule.editDistance("niger", "nigeria"));
    assertEquals(3, LevelsRule.editDistance("", "abc"));
    assertEquals(LevelsRule.editDistance("retail", "real estate"), LevelsRule.editDistance("real estate", "retail"));
    assertNull(LevelsRule.nearMiss("us", List.of("uk", "other"), "missing"), "too short to call a misspelling");
    assertNull(LevelsRule.nearMiss("othe", List.of("other"), "missing"));
    assertEquals("nigeria", LevelsRule.nearMiss("nigerai", List.of("india", "nigeria"), "missing"));
  }
}
