package dev.switchboard.app.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} driven by its {@code chromedriver}) for one test class:
 * {@code @RegisterExtension static final Browser browser = new Browser();}.
 *
 * <p>Contracts:
 * <ul>
 *   <li>When Chromium or chromedriver is missing, the class is skipped and one line says why; with
 *       {@code -Dbrowser.tests.required=true} (CI) it fails instead. Paths: {@code -Dbrowser.chromium},
 *       {@code -Dbrowser.chromedriver} (defaults {@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}).</li>
 *   <li>One browser for the whole class, started before the first test, quit after the last.</li>
 *   <li>After every test the browser console must hold no error and no Content-Security-Policy report; if it
 *       does, the test fails. Each test sees only what was logged since the previous one ended.</li>
 *   <li>A failing test leaves {@code <method>.png} (screenshot), {@code <method>.html} (live DOM) and
 *       {@code <method>.console.log} under {@code target/browser-artifacts/<test class>/}.</li>
 *   <li>Waits poll a condition every 100 ms ({@link #await}); nothing sleeps for a fixed time.</li>
 * </ul>
 */
public final class Browser implements ExecutionCondition, BeforeAllCallback, AfterAllCallback,
    AfterTestExecutionCallback, LifecycleMethodExecutionExceptionHandler {
  static final String REQUIRED = "browser.tests.required";
  private static final AtomicBoolean skipAnnounced = new AtomicBoolean();
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

  private final Path chromium = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
  private final Path chromedriver = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
  private ChromeDriver driver;
  private Path profile;
  private final List<String> console = new ArrayList<>();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String missing = missing();
    if (missing == null || Boolean.getBoolean(REQUIRED)) {
      return ConditionEvaluationResult.enabled("Chromium and chromedriver present (or required)");
    }
    String line = "Browser tests skipped: " + missing + " (apt-get install chromium chromium-driver)";
    if (skipAnnounced.compareAndSet(false, true)) {
      System.out.println(line);
    }
    return ConditionEvaluationResult.disabled(line);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    String missing = missing();
    if (missing != null) {
      throw new IllegalStateException("Browser tests are required (-D" + REQUIRED + "=true) but " + missing
          + " (apt-get install chromium chromium-driver)");
    }
    // A fresh profile each run: no cached pages, cookies or service workers leak between runs.
    profile = Files.createTempDirectory("switchboard-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    // The network is closed: without these Chromium keeps trying to reach Google (updates, sync, QUIC probes).
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // Naming the driver binary keeps Selenium Manager (which would try to download one) out of the way.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort().withLogOutput(OutputStream.nullOutputStream()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    drainConsole();
    List<String> errors = consoleErrors();
    boolean failed = context.getExecutionException().isPresent();
    if (failed || !errors.isEmpty()) {
      Path dir = saveArtifacts(context);
      if (!failed) {
        console.clear();
        throw new AssertionError("The browser console reported errors (artifacts in " + dir + "):\n  "
            + String.join("\n  ", errors));
      }
    }
    console.clear();
  }

  /** A failing {@code @BeforeEach} (e.g. signing in) leaves artifacts too, and its log is not the next test's. */
  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    drainConsole();
    saveArtifacts(context);
    console.clear();
    throw failure;
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Waits (default 20 s, polling every 100 ms) until {@code condition} yields a value that is not null/false. */
  public <T> T await(String what, Function<WebDriver, T> condition) {
    return await(what, DEFAULT_WAIT, condition);
  }

  public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(what).until(condition);
  }

  /** The element, once present. */
  public WebElement awaitElement(By by) {
    return await(by + " to be present", d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  /**
   * Runs {@code action} and waits until htmx has settled at least one swap after it (an {@code htmx:afterSettle}
   * event), e.g. the next auto-refresh or the answer to a click.
   */
  public void awaitHtmxSettle(Runnable action) {
    long before = ((Number) js("""
        if (window.__browserSettles === undefined) {
          window.__browserSettles = 0;
          document.addEventListener('htmx:afterSettle', function () { window.__browserSettles++; });
        }
        return window.__browserSettles;""")).longValue();
    action.run();
    await("an htmx swap to settle", d -> ((Number) js("return window.__browserSettles || 0;")).longValue() > before);
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Every console line of the current test so far ({@code LEVEL message}). */
  public List<String> consoleLog() {
    drainConsole();
    return List.copyOf(console);
  }

  /** Errors and Content-Security-Policy reports among {@link #consoleLog()}. */
  public List<String> consoleErrors() {
    drainConsole();
    return console.stream()
        .filter(l -> l.startsWith(Level.SEVERE.getName()) || l.contains("Content Security Policy")
            || l.contains("Content-Security-Policy"))
        .toList();
  }

  private void drainConsole() {
    if (driver == null) {
      return;
    }
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(e.getLevel().getName() + " " + Instant.ofEpochMilli(e.getTimestamp()) + " " + e.getMessage());
    }
  }

  private String missing() {
    if (!Files.isExecutable(chromium)) {
      return chromium + " not found";
    }
    if (!Files.isExecutable(chromedriver)) {
      return chromedriver + " not found";
    }
    return null;
  }

  private Path saveArtifacts(ExtensionContext context) {
    Path dir = Path.of(System.getProperty("basedir", "."), "target", "browser-artifacts",
        context.getRequiredTestClass().getSimpleName());
    String name = context.getTestMethod().map(m -> m.getName()).orElse("class");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".console.log"), String.join("\n", console) + "\n");
      Files.writeString(dir.resolve(name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n"
          + js("return document.documentElement.outerHTML;"));
      Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // The browser may be the thing that broke; keep what was written and the test's own failure.
      System.err.println("Browser artifacts incomplete for " + name + ": " + e);
    }
    System.out.println("Browser artifacts of " + context.getDisplayName() + ": " + dir.toAbsolutePath());
    return dir;
  }
}
