package dev.leadscore.core.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.schema.Decay;

/**
 * The one JSON form of a {@link Decay}, written by the feature schema (event-count features) and
 * by rule sets (events rules): {@code "decay": {"type": "none"}}, {@code {"type": "halfLife",
 * "days": d}} or {@code {"type": "steps", "steps": [{"upToDays": .., "weight": ..}, ..], "beyond":
 * b}}. Both documents are hashed, so the field order here is part of their fingerprints. Public only
 * for the rules module (the package is exported to it, not to hosts). Stateless.
 */
public final class DecayJson {
  private DecayJson() {}

  /** Writes {@code decay} as the {@code "decay"} field of {@code o}. */
  public static void write(ObjectNode o, Decay decay) {
    ObjectNode d = o.putObject("decay");
    if (decay instanceof Decay.HalfLife h) {
      d.put("type", "halfLife");
      d.put("days", h.days());
    } else if (decay instanceof Decay.StepSchedule s) {
      d.put("type", "steps");
      ArrayNode steps = d.putArray("steps");
      for (Decay.Step step : s.steps()) {
        ObjectNode st = steps.addObject();
        st.put("upToDays", step.upToDays());
        st.put("weight", step.weight());
      }
      d.put("beyond", s.beyond());
    } else {
      d.put("type", "none");
    }
  }
}
