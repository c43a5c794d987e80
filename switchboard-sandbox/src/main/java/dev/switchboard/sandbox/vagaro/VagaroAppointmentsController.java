package dev.switchboard.sandbox.vagaro;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Appointments: search (read, with date filters and paging), create, update (reschedule, status), cancel. Objects
 * carry the fields of the published appointment payload (https://docs.vagaro.com/public/docs/appointment-events);
 * paths are assumptions in the style of the collection endpoints.
 */
@RestController
@RequestMapping("/vagaro/{region}/api/v2/appointments")
class VagaroAppointmentsController {

  private final VagaroAppointments appointments;

  VagaroAppointmentsController(VagaroAppointments appointments) {
    this.appointments = appointments;
  }

  // https://docs.vagaro.com/public/reference/api-introduction (Appointments)
  @PostMapping
  Map<String, Object> search(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody(required = false) Map<String, Object> body) {
    return VagaroEnvelope.ok(appointments.search(account, VagaroDirectoryController.orEmpty(body)));
  }

  // https://docs.vagaro.com/public/reference/api-introduction (Appointments)
  @PostMapping("/create")
  Map<String, Object> create(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody Map<String, Object> body) {
    return VagaroEnvelope.ok(appointments.create(account, body));
  }

  // https://docs.vagaro.com/public/reference/api-introduction (Appointments)
  @PostMapping("/update")
  Map<String, Object> update(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody Map<String, Object> body) {
    return VagaroEnvelope.ok(appointments.update(account, body));
  }

  // https://docs.vagaro.com/public/reference/api-introduction (Appointments)
  @PostMapping("/cancel")
  Map<String, Object> cancel(@RequestAttribute(VagaroGuardFilter.ACCOUNT) VagaroAccount account,
      @RequestBody Map<String, Object> body) {
    return VagaroEnvelope.ok(appointments.cancel(account, body));
  }
}
