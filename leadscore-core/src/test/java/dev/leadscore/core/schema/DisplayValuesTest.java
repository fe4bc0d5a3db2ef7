package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.leadscore.core.Lead;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DisplayValuesTest {

  /** The one-pass form must say exactly what asking feature by feature says. */
  @Test
  void displayValuesEqualsDisplayValuePerFeature() {
    SyntheticData data = SyntheticPipeline.builder().size(600).seed(3).build().generate();
    FittedSchema schema = SyntheticPipeline.defaultSchema().fit(data.unlabelled());
    int features = schema.schema().features().size();
    for (Instant asOf : new Instant[] {data.asOf(), data.asOf().minus(Duration.ofDays(40))}) {
      for (Lead lead : data.unlabelled()) {
        double[] row = schema.extract(lead, asOf);
        String[] expected = new String[features];
        for (int f = 0; f < features; f++) {
          expected[f] = schema.displayValue(lead, asOf, f, row);
        }
        assertArrayEquals(expected, schema.displayValues(lead, asOf, row), lead.id() + " at " + asOf);
      }
    }
  }
}
