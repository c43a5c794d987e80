package dev.switchboard.sandbox.support;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared beans: the clock (replaceable via {@code SandboxServer.start(port, props, clock)}). */
@Configuration(proxyBeanMethods = false)
class SupportConfig {

  @Bean
  @ConditionalOnMissingBean(Clock.class)
  Clock sandboxClock() {
    return Clock.systemUTC();
  }
}
