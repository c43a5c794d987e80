package dev.switchboard.sandbox.control;

import dev.switchboard.sandbox.support.ChangeClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Shared filters around every vendor API call. Order: recording (outermost, order 0), then the
 * vendor's own guard (auth + limits, order 10), then fault injection (order 20). {@code /_sandbox}
 * is never touched.
 */
@Configuration(proxyBeanMethods = false)
class VendorFilters {

  /** Finds the vendor whose prefix the request path falls under, or null. */
  static VendorApi vendorOf(List<VendorApi> vendors, HttpServletRequest req) {
    String path = req.getRequestURI();
    for (VendorApi v : vendors) {
      if (path.equals(v.pathPrefix()) || path.startsWith(v.pathPrefix() + "/")) {
        return v;
      }
    }
    return null;
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sandboxRecordingFilter(
      List<VendorApi> vendors, TrafficRecorder recorder, ChangeClock clock) {
    OncePerRequestFilter f =
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
              throws ServletException, IOException {
            VendorApi v = vendorOf(vendors, req);
            if (v == null) {
              chain.doFilter(req, res);
              return;
            }
            try {
              chain.doFilter(req, res);
            } finally {
              String path = req.getRequestURI().substring(v.pathPrefix().length());
              Object pattern = req.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
              String endpoint =
                  pattern instanceof String p && p.startsWith(v.pathPrefix())
                      ? v.endpoint(req, p.substring(v.pathPrefix().length()))
                      : path;
              recorder.api(v.name(), req.getMethod(), path, req.getMethod() + " " + endpoint, res.getStatus(), clock.now());
            }
          }
        };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(0);
    return reg;
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> sandboxFaultFilter(List<VendorApi> vendors, FaultRegistry registry) {
    OncePerRequestFilter f =
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
              throws ServletException, IOException {
            VendorApi v = vendorOf(vendors, req);
            Faults faults = v == null ? Faults.NONE : registry.of(v.name());
            if (faults.latencyMs() > 0) {
              try {
                Thread.sleep(faults.latencyMs());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            if (v != null && (faults.outage() || FaultRegistry.chance(faults.errorRate()))) {
              v.writeUnavailable(res);
            } else if (v != null && faults.rateLimitStorm()) {
              res.setHeader("Retry-After", "1");
              v.writeRateLimited(res);
            } else {
              chain.doFilter(req, res);
            }
          }
        };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(f);
    reg.setOrder(20);
    return reg;
  }
}
