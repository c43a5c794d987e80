package dev.switchboard.app;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Infrastructure beans shared by all modules. */
@Configuration(proxyBeanMethods = false)
class AppConfiguration {

  /** The one clock everything reads; tests replace it to drive retries and leases without sleeping. */
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
