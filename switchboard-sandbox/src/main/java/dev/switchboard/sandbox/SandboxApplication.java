package dev.switchboard.sandbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class SandboxApplication {
  public static void main(String[] args) {
    new SpringApplicationBuilder(SandboxApplication.class).properties("spring.config.name=sandbox").run(args);
  }
}
