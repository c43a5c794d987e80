package dev.switchboard.app;

import dev.switchboard.app.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers what Spring Security's firewall refuses (an encoded {@code /}, {@code %} or {@code ;} in the path, a
 * header value with control characters, an unknown method…) with a 400 problem and one INFO line. Spring
 * Security picks this bean up for every filter chain. The line names the method and path only: the
 * exception's message quotes the offending value, which may be a session id or a credential.
 */
@Component
class RejectedRequestHandler implements RequestRejectedHandler {
  private static final Logger log = LoggerFactory.getLogger(RejectedRequestHandler.class);

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    String detail = "the request was refused by the firewall (path, method or header not allowed)";
    log.info("refused {}: {} (400)", MalformedRequestFilter.describe(request), detail);
    Problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "request_rejected", null, detail));
  }
}
