package dev.switchboard.sandbox.control;

import dev.switchboard.sandbox.support.WebhookDispatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The shared {@code /_sandbox} control API (JSON). Not subject to auth, limits or faults. */
@RestController
@RequestMapping("/_sandbox")
class ControlController {

  private final List<VendorApi> vendors;
  private final FaultRegistry faults;
  private final TrafficRecorder recorder;
  private final WebhookDispatcher dispatcher;

  ControlController(List<VendorApi> vendors, FaultRegistry faults, TrafficRecorder recorder, WebhookDispatcher dispatcher) {
    this.vendors = vendors;
    this.faults = faults;
    this.recorder = recorder;
    this.dispatcher = dispatcher;
  }

  private VendorApi vendor(Object name) {
    return vendors.stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown vendor: " + name));
  }

  private List<String> names() {
    return vendors.stream().map(VendorApi::name).toList();
  }

  /** Clears state, faults, logs, webhook registrations and runtime config (all vendors or one). */
  @PostMapping("/reset")
  Map<String, Object> reset(@RequestParam(required = false) String vendor) {
    List<VendorApi> targets = vendor == null ? vendors : List.of(vendor(vendor));
    dispatcher.reset();
    targets.forEach(VendorApi::reset);
    faults.clear(vendor);
    recorder.reset(vendor);
    return Map.of("reset", targets.stream().map(VendorApi::name).toList());
  }

  /** {@code {vendor, contacts:N}} or {@code {vendor, records:[...]}}, optional {@code fireWebhooks}. */
  @PostMapping("/seed")
  Map<String, Object> seed(@RequestBody Map<String, Object> body) {
    return vendor(body.get("vendor")).seed(body);
  }

  @GetMapping("/credentials")
  Map<String, Object> credentials() {
    Map<String, Object> out = new LinkedHashMap<>();
    vendors.forEach(v -> out.put(v.name(), v.credentials()));
    return out;
  }

  @PostMapping("/faults")
  Map<String, Object> setFaults(@RequestBody Map<String, Object> body) {
    VendorApi v = vendor(body.get("vendor"));
    return faults.merge(v.name(), body).toJson();
  }

  @GetMapping("/faults")
  Map<String, Object> getFaults() {
    return faults.toJson(names());
  }

  @DeleteMapping("/faults")
  Map<String, Object> clearFaults(@RequestParam(required = false) String vendor) {
    if (vendor != null) {
      vendor(vendor);
    }
    faults.clear(vendor);
    return faults.toJson(names());
  }

  @PutMapping("/config")
  Map<String, Object> config(@RequestBody Map<String, Object> body) {
    return vendor(body.get("vendor")).configure(body);
  }

  @GetMapping("/requests")
  List<Map<String, Object>> requests(
      @RequestParam(required = false) String vendor, @RequestParam(defaultValue = "100") int limit) {
    return recorder.requests(vendor, limit);
  }

  @GetMapping("/counters")
  Map<String, Object> counters() {
    return recorder.counters(names());
  }

  @GetMapping("/webhooks/deliveries")
  List<Map<String, Object>> deliveries(
      @RequestParam(required = false) String vendor, @RequestParam(defaultValue = "100") int limit) {
    return recorder.deliveries(vendor, limit);
  }
}
