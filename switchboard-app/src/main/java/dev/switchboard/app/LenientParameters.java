package dev.switchboard.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;

/**
 * A request whose parameters read as absent when Tomcat cannot parse them, instead of throwing. Only for the
 * error page dispatch of a request that was already refused: there a second failure would only add stack traces
 * to the log, never a better answer.
 */
final class LenientParameters extends HttpServletRequestWrapper {

  LenientParameters(HttpServletRequest request) {
    super(request);
  }

  @Override
  public @Nullable String getParameter(String name) {
    try {
      return super.getParameter(name);
    } catch (InvalidParameterException e) {
      return null;
    }
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    try {
      return super.getParameterMap();
    } catch (InvalidParameterException e) {
      return Map.of();
    }
  }

  @Override
  public Enumeration<String> getParameterNames() {
    try {
      return super.getParameterNames();
    } catch (InvalidParameterException e) {
      return Collections.emptyEnumeration();
    }
  }

  @Override
  public String @Nullable [] getParameterValues(String name) {
    try {
      return super.getParameterValues(name);
    } catch (InvalidParameterException e) {
      return null;
    }
  }
}
