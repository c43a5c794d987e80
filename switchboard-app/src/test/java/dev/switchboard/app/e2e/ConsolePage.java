package dev.switchboard.app.e2e;

import dev.switchboard.app.support.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/** The console as a person drives it in the browser: the sign-in form, the dashboard's tables and buttons. */
final class ConsolePage {
  static final String ADMIN = "admin";
  static final String PASSWORD = "test-admin-password";

  private final Browser browser;
  private final String baseUrl;

  ConsolePage(Browser browser, String baseUrl) {
    this.browser = browser;
    this.baseUrl = baseUrl;
  }

  /**
   * Signs in through the login form as a person would: open the console, press "Sign out" if a session is
   * still live, then fill in the form the console redirected to. Returns once the dashboard shows.
   */
  ConsolePage signIn(String username, String password) {
    signOut();
    submitLogin(username, password);
    browser.awaitElement(By.id("status"));
    return this;
  }

  /** Opens the console and presses "Sign out" if a session is live; the browser ends on the login page. */
  ConsolePage signOut() {
    browser.open(baseUrl + "/");
    By signOut = By.cssSelector("header form button[type=submit]");
    if (!browser.driver().findElements(signOut).isEmpty()) {
      browser.driver().findElement(signOut).click();
    }
    browser.awaitElement(By.name("username"));
    return this;
  }

  /**
   * Fills in and sends the login form (the browser must be on the login page, or getting there); returns once
   * the browser has left that page, so the next lookup cannot find the old form.
   */
  void submitLogin(String username, String password) {
    browser.awaitElement(By.name("username")).sendKeys(username);
    browser.driver().findElement(By.name("password")).sendKeys(password);
    WebElement submit = browser.driver().findElement(By.cssSelector("form button[type=submit]"));
    submit.click();
    // Chromium may report a node of the page being left as "not in the document" rather than stale: gone either way.
    browser.await("the login form to be sent", d -> {
      try {
        submit.isEnabled();
        return false;
      } catch (WebDriverException gone) {
        return true;
      }
    });
  }

  ConsolePage signIn() {
    return signIn(ADMIN, PASSWORD);
  }

  /** Ids of the rows of the "Failed writes" table, top to bottom. */
  List<Long> deadLetterIds() {
    return browser.driver().findElements(By.cssSelector("#dead-letters tr[id^=dead-letter-]")).stream()
        .map(r -> Long.parseLong(r.getAttribute("id").substring("dead-letter-".length()))).toList();
  }

  WebElement replayButton(long deadLetterId) {
    return browser.awaitElement(By.cssSelector("#dead-letter-" + deadLetterId + " button"));
  }

  /**
   * Clicks a failure group's button ({@code retry-all}, {@code discard-all}), finding it again should the
   * auto-refresh replace the row under the click.
   */
  void clickFailureGroupAction(String key, String action) {
    By by = By.cssSelector("[id='failure-group-" + key + "'] ." + action);
    browser.await(action + " of group " + key + " to be clicked", d -> {
      try {
        d.findElement(by).click();
        return true;
      } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
        return false;
      }
    });
  }

  /** Whether the Failed writes table shows the failure group. */
  boolean showsFailureGroup(String key) {
    return !browser.driver().findElements(By.id("failure-group-" + key)).isEmpty();
  }

  /**
   * The health pill of a connection's row on the dashboard, read in one step: the auto-refresh may replace the row
   * between finding an element and reading it.
   */
  String connectionStatus(String connectionId) {
    return browser.await("the status of " + connectionId, d -> (String) browser.js(
        "var p = document.querySelector(arguments[0]); return p ? p.textContent.trim() : null;",
        "#connection-" + connectionId + " .pill"));
  }

  /**
   * Clicks a button or link of a connection's row ({@code pause}, {@code resume}, {@code update}, {@code delete}),
   * finding it again should the auto-refresh replace the row under the click.
   */
  void clickConnectionAction(String connectionId, String action) {
    By by = By.cssSelector("#connection-" + connectionId + " ." + action);
    browser.await(action + " of " + connectionId + " to be clicked", d -> {
      try {
        d.findElement(by).click();
        return true;
      } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
        return false;
      }
    });
  }

  boolean showsConnection(String connectionId) {
    return !browser.driver().findElements(By.id("connection-" + connectionId)).isEmpty();
  }

  /** Marks the loaded document; {@link #sameDocument()} is false once the page has been reloaded. */
  void markDocument() {
    browser.js("window.__consolePageMark = true;");
  }

  boolean sameDocument() {
    return Boolean.TRUE.equals(browser.js("return window.__consolePageMark === true;"));
  }
}
