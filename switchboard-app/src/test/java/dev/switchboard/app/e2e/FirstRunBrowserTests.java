package dev.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.access.SetupLinks;
import dev.switchboard.app.support.Browser;
import dev.switchboard.app.support.TestDatabases;
import dev.switchboard.app.sync.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fresh install in a real Chromium: the owner sets Switchboard up from the one-time link by keyboard alone and
 * lands signed in on the dashboard; left open, the dashboard keeps polling, and once the session has been idle too
 * long the next poll takes the page to the login page. One app (no admin password, a clock moved by hand) and one
 * browser for the class; the tests run in order, the second continuing from where the first left the browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "switchboard.master-key=c3dpdGNoYm9hcmQtdGVzdC1tYXN0ZXIta2V5LTMyYnk=",
    "switchboard.admin.password=",
    "switchboard.workers.enabled=false",
    "switchboard.public-base-url=http://127.0.0.1:1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunBrowserTests {
  @RegisterExtension static final Browser browser = new Browser();
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    Clock testClock() {
      return CLOCK;
    }
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", TestDatabases::freshH2Url);
  }

  @LocalServerPort int port;
  @Autowired SetupLinks links;

  @Test
  @Order(1)
  void theOwnerSetsSwitchboardUpByKeyboardAloneAndLandsSignedIn() {
    browser.open("http://127.0.0.1:" + port + "/setup/" + links.issue(Duration.ofHours(1)));
    browser.awaitElement(By.name("username"));
    type("owen", Keys.TAB);
    type("a long owner password", Keys.TAB);
    type("a long owner password", Keys.TAB);
    type("Owen's Garage", Keys.TAB);
    type(Keys.chord(Keys.CONTROL, "a") + "DE", Keys.TAB);
    type(Keys.chord(Keys.CONTROL, "a") + "Europe/Berlin", Keys.ENTER);
    browser.awaitElement(By.id("status"));
    assertThat(browser.driver().findElement(By.cssSelector("header .tenant")).getText()).isEqualTo("Owen's Garage");
    assertThat(browser.driver().findElement(By.cssSelector("header .user")).getText()).isEqualTo("owen (owner)");
  }

  @Test
  @Order(2)
  void anIdleSessionUnderPollingEndsOnTheLoginPage() {
    browser.open("http://127.0.0.1:" + port + "/");
    browser.awaitElement(By.id("status"));
    CLOCK.advance(Duration.ofMinutes(31));
    browser.await("the poll to leave the dashboard for the login page",
        d -> d.getCurrentUrl().endsWith("/login?expired"));
    assertThat(browser.awaitElement(By.id("login-expired")).getText()).contains("Your session has ended");
    assertThat(browser.driver().findElements(By.id("status"))).as("no dashboard part left").isEmpty();
  }

  /** Types into whatever has the focus, as a keyboard does; never clicks. */
  private static void type(CharSequence... keys) {
    WebElement focused = browser.driver().switchTo().activeElement();
    focused.sendKeys(keys);
  }
}
