/**
 * leadscore core: lead types, the declarative feature schema and its extraction, action tiers,
 * the {@link dev.leadscore.core.LeadScorer} API, lead I/O and the synthetic pipeline.
 * Only these four packages are API; everything else in them is package-private.
 */
module dev.leadscore.core {
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;

  exports dev.leadscore.core;
  exports dev.leadscore.core.schema;
  exports dev.leadscore.core.io;
  exports dev.leadscore.core.synth;
}
