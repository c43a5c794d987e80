package dev.switchboard.app;

import dev.switchboard.app.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** The API's 401: {@code WWW-Authenticate: Bearer} and a problem body, like every other API error. */
final class ApiTokenEntryPoint implements AuthenticationEntryPoint {

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", null,
        "a valid API token is required (Authorization: Bearer <token>)"));
  }
}
