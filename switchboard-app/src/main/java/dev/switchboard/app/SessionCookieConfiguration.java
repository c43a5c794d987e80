package dev.switchboard.app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's session cookie: {@code SameSite=Lax} (Tomcat already makes it HttpOnly), and {@code Secure}
 * whenever Switchboard is reached over https ({@code switchboard.public-base-url}, also when a TLS proxy talks
 * plain http to us), so a browser never sends the session over plain http. Explicit
 * {@code server.servlet.session.cookie.same-site} / {@code .secure} settings win.
 *
 * <p>Lax rather than Strict: with Strict, following a link to the console from an alert e-mail or a chat
 * message arrives without the cookie and shows the login page although the session is live. Lax still keeps
 * the cookie off cross-site POSTs, and every console POST also needs the CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

  @Bean
  WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> sessionCookie(
      @Value("${switchboard.public-base-url}") String publicBaseUrl) {
    // Runs after Boot's own customizer (order 0), which copies the server.servlet.session.cookie.* properties.
    return factory -> {
      Cookie cookie = factory.getSettings().getSession().getCookie();
      if (cookie.getSameSite() == null) {
        cookie.setSameSite(Cookie.SameSite.LAX);
      }
      if (cookie.getSecure() == null && publicBaseUrl.regionMatches(true, 0, "https://", 0, 8)) {
        cookie.setSecure(true);
      }
    };
  }
}
