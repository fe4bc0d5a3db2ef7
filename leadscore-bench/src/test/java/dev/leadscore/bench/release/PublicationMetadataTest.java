package dev.leadscore.bench.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Maven Central rejects a library whose POM lacks a name, description, url, licence, developer or
 * scm: the root POM declares those once and the four library modules inherit them, each with its own
 * name and description. The licence the POM names is the one in LICENSE.
 */
class PublicationMetadataTest {

  private static final Path ROOT = Path.of("..");
  private static final List<String> LIBRARIES =
      List.of("leadscore-core", "leadscore-rules", "leadscore-explain", "leadscore-model");

  @Test
  void theRootPomCarriesWhatCentralRequires() throws Exception {
    Element root = read(ROOT.resolve("pom.xml"));
    for (String path : List.of("name", "description", "url", "licenses/license/name", "licenses/license/url",
        "developers/developer/name", "scm/connection", "scm/developerConnection", "scm/url")) {
      assertFalse(text(root, path).isBlank(), "root pom.xml has no " + path);
    }
    assertEquals("Apache-2.0", text(root, "licenses/license/name"));
    assertEquals("https://www.apache.org/licenses/LICENSE-2.0.txt", text(root, "licenses/license/url"));
    // The url and scm are set once, as properties, and each property is defined.
    for (String path : List.of("url", "scm/connection", "scm/developerConnection", "scm/url", "developers/developer/name")) {
      String value = text(root, path);
      assertTrue(value.matches("\\$\\{leadscore\\.[A-Za-z.]+}"), path + " should name a leadscore.* property: " + value);
      String property = value.substring(2, value.length() - 1);
      assertFalse(text(root, "properties/" + property).isBlank(), "property " + property + " is not defined");
    }
    String licence = Files.readString(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8);
    assertTrue(licence.strip().startsWith("Apache License\n                           Version 2.0, January 2004"), "LICENSE is not the Apache License 2.0");
    assertTrue(licence.contains("END OF TERMS AND CONDITIONS"), "LICENSE is truncated");
  }

  @Test
  void eachLibraryModuleInheritsThemAndNamesItself() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    for (String module : LIBRARIES) {
      Element pom = read(ROOT.resolve(module).resolve("pom.xml"));
      assertEquals(text(parent, "artifactId"), text(pom, "parent/artifactId"), module + " must inherit the root pom");
      assertEquals(module, text(pom, "artifactId"));
      assertEquals(module, text(pom, "name"), module + " names itself");
      assertFalse(text(pom, "description").isBlank(), module + " has no description");
      assertFalse(text(pom, "description").equals(text(parent, "description")), module + " repeats the parent's description");
      // Overriding any of these in a module would lose the inherited value.
      for (String inherited : List.of("url", "licenses", "developers", "scm")) {
        assertEquals("", text(pom, inherited), module + " overrides the inherited " + inherited);
      }
    }
  }

  private static Element read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
  }

  /** The text of the first element along a slash-separated path of child names, or "" if there is none. */
  private static String text(Element from, String path) {
    Element at = from;
    for (String step : path.split("/")) {
      Element next = null;
      for (Node n = at.getFirstChild(); n != null && next == null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals(step)) {
          next = e;
        }
      }
      if (next == null) {
        return "";
      }
      at = next;
    }
    return at.getTextContent().strip();
  }
}
