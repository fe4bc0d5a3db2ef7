package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.ByteOrderMarked;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects a host team found in the schema's reading and extraction (issue 16), each pinned here. */
class SchemaHostDefectsTest {
  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");
  private static final FittedSchema FITTED = SyntheticPipeline.defaultSchema()
      .fit(SyntheticPipeline.builder().size(400).seed(7).build().generate().unlabelled());

  @Test
  void aLeadWithAttributesButNoneTheSchemaReadsIsRefusedNamingTheLead() {
    // Before: it scored silently, as a lead with every value missing (another export's column names).
    Lead renamed = Lead.builder("L-9").text("Job Title", "VP Sales").number("Company Size", 250)
        .event("pricing_page_visit", AS_OF.minus(Duration.ofDays(1))).build();
    LeadDataException e = assertThrows(LeadDataException.class, () -> FITTED.extract(renamed, AS_OF));
    assertEquals("L-9", e.leadId());
    assertEquals("Company Size, Job Title", e.field());
    assertTrue(e.problem().contains("none of the lead's 2 attributes is one the schema reads"), e.getMessage());
    assertTrue(e.getMessage().contains("job_title"), "names the schema's attributes: " + e.getMessage());
  }

  @Test
  void oneKnownAttributeOrNoAttributesAtAllIsReadAsBefore() {
    Lead events = Lead.builder("E").event("pricing_page_visit", AS_OF.minus(Duration.ofDays(1))).build();
    Lead oneKnown = Lead.builder("K").text("Job Title", "VP Sales").text("job_title", "VP Sales").build();
    Lead knownOnly = Lead.builder("K").text("job_title", "VP Sales").build();
    double[] x = FITTED.extract(events, AS_OF);
    assertEquals(FITTED.width(), x.length);
    // An attribute the schema does not read changes nothing beside one it does.
    assertArrayEquals(FITTED.extract(knownOnly, AS_OF), FITTED.extract(oneKnown, AS_OF));
  }

  @Test
  void aSchemaThatReadsNoAttributesReadsAnyLead() {
    FeatureSchema eventsOnly = FeatureSchema.of("events", 1,
        EventCountFeature.of(FeatureInfo.of("visits", FeatureInfo.BEHAVIORAL), "visit", 30));
    FittedSchema fitted = eventsOnly.fit(List.of(Lead.builder("A").text("anything", "x").build()));
    Lead lead = Lead.builder("B").text("crm_field", "y").event(new ActivityEvent("visit", AS_OF.minusSeconds(60), 1)).build();
    assertEquals(1.0, fitted.extract(lead, AS_OF)[0], 1e-12);
  }

  @Test
  void aByteOrderMarkAtTheStartOfASchemaFileIsAccepted(@TempDir Path dir) throws Exception {
    FeatureSchema schema = SyntheticPipeline.defaultSchema();
    String json = schema.toJson();
    byte[] marked = ByteOrderMarked.utf8(json);
    assertEquals(schema.fingerprint(), FeatureSchema.read(Files.write(dir.resolve("schema.json"), marked)).fingerprint());
    assertEquals(schema.fingerprint(), FeatureSchema.fromJson("\uFEFF" + json).fingerprint());
    assertThrows(SchemaException.class, () -> FeatureSchema.fromJson(json + "\uFEFF"));
  }
}
