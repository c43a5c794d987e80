package dev.switchboard.sandbox.control;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Unmapped paths / unsupported methods under a vendor prefix answer in that vendor's error shape. */
@RestControllerAdvice
class UnmappedPathAdvice {

  private final List<VendorApi> vendors;

  UnmappedPathAdvice(List<VendorApi> vendors) {
    this.vendors = vendors;
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class, HttpRequestMethodNotSupportedException.class})
  ResponseEntity<Map<String, Object>> unmapped(Exception e, HttpServletRequest req, HttpServletResponse res) throws IOException {
    int status = e instanceof HttpRequestMethodNotSupportedException ? 405 : 404;
    VendorApi v = VendorFilters.vendorOf(vendors, req);
    if (v == null) {
      return ResponseEntity.status(status).body(Map.of("status", status, "error", e.getMessage(), "path", req.getRequestURI()));
    }
    v.writeNotFound(res, status);
    return null;
  }
}
