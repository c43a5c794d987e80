package dev.switchboard.app.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (the accessibility engine, from its webjar on the test class path: no network) in the page the driver
 * shows and returns its serious and critical violations as "rule: selectors" lines. The script is injected through
 * WebDriver, which the page's content security policy does not govern.
 */
final class Axe {
  private static final String RESOURCE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
  private static final String SOURCE = load();

  private Axe() {}

  @SuppressWarnings("unchecked")
  static List<String> seriousViolations(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(SOURCE);
    Object result = js.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
          .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
          .catch(e => done(['axe failed: ' + e]));
        """);
    return (List<String>) result;
  }

  private static String load() {
    try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
