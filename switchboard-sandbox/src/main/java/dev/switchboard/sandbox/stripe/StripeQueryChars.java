package dev.switchboard.sandbox.stripe;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stripe's SDKs send nested query keys unescaped ({@code expand[]=x}, {@code query=metadata['k']:'v'}),
 * which api.stripe.com accepts; Tomcat refuses {@code [ ] { } |} in a query unless relaxed. This only
 * widens what Tomcat accepts in query strings (RFC 3986 reserved brackets), for every path.
 */
@Configuration(proxyBeanMethods = false)
class StripeQueryChars {

  @Bean
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> stripeRelaxedQueryChars() {
    return factory -> factory.addConnectorCustomizers(connector -> {
      Object current = connector.getProperty("relaxedQueryChars");
      String chars = (current instanceof String s ? s : "") + "[]{}|";
      connector.setProperty("relaxedQueryChars", chars);
    });
  }
}
