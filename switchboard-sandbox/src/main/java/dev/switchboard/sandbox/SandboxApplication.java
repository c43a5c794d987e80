package dev.switchboard.sandbox;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * Root configuration of the vendor sandbox.
 *
 * <p>Deliberately NOT {@code @SpringBootApplication}: the sandbox runs inside the app's test JVM, whose
 * classpath carries security, JDBC, Flyway, actuator, Thymeleaf... Only the auto-configurations listed
 * here are applied, so none of those leak in. Run standalone with {@code java -jar
 * switchboard-sandbox-exec.jar}; start in-JVM with {@link SandboxServer#start}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  TomcatServletWebServerAutoConfiguration.class,
  DispatcherServletAutoConfiguration.class,
  WebMvcAutoConfiguration.class,
  JacksonAutoConfiguration.class,
  HttpMessageConvertersAutoConfiguration.class,
  HttpEncodingAutoConfiguration.class,
  ErrorMvcAutoConfiguration.class
})
@ComponentScan("dev.switchboard.sandbox")
public class SandboxApplication {

  /** Standalone entry point; config is read from {@code sandbox.properties}. */
  public static void main(String[] args) {
    builder().run(args);
  }

  static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(SandboxApplication.class)
        .properties("spring.config.name=sandbox")
        .registerShutdownHook(true);
  }
}
