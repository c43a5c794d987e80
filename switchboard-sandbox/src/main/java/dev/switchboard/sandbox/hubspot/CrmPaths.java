package dev.switchboard.sandbox.hubspot;

/**
 * The path prefixes HubSpot serves the CRM under: the classic versions ({@code /crm/v3/objects},
 * {@code /crm/v4/associations}) and the date-versioned 2026-03 ones, which HubSpot tells new integrations to use.
 * Where the 2026-03 spec's shapes equal the classic ones (verified per operation against HubSpot's spec
 * collection, see the sandbox README) the same controller serves both; {@link #dated} tells a controller which
 * one was called where they differ.
 */
final class CrmPaths {

  static final String OBJECTS_V3 = "/hubspot/crm/v3/objects/{objectType}";
  static final String OBJECTS_2026_03 = "/hubspot/crm/objects/2026-03/{objectType}";
  static final String DATE_VERSION = "2026-03";

  private CrmPaths() {}

  /** Whether the request came in on a date-versioned path. */
  static boolean dated(jakarta.servlet.http.HttpServletRequest req) {
    return req.getRequestURI().contains("/" + DATE_VERSION + "/");
  }
}
