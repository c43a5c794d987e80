package dev.switchboard.app.console;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an account owner makes the simplest credential a vendor offers without a developer account, step by step, and
 * which of the connector's fields they must fill in. A vendor without a guide is connected through the fields its
 * descriptor lists, pointing at its documentation.
 *
 * @param credential what the owner creates, in a few words
 * @param steps      what to do in the vendor's app, in order
 * @param required   field keys the owner must fill in (the others are optional)
 * @param ownerMade  false for vendors with no credential an owner can make (OAuth only: QuickBooks, Salesforce)
 */
record ConnectGuide(String credential, List<String> steps, Set<String> required, boolean ownerMade) {

  private static final Map<String, ConnectGuide> GUIDES = Map.of(
      "hubspot", new ConnectGuide("a private app's access token", List.of(
          "In HubSpot, open Settings (the gear icon), then Integrations › Private Apps (called Legacy Apps in newer "
              + "accounts). You need to be a Super Admin of the account.",
          "Choose “Create a private app” and name it Switchboard.",
          "On the Scopes tab, tick read and write for Contacts, Companies, Deals, Line items and Products, the "
              + "schema write scope of Contacts, Companies and Deals (crm.schemas.*.write), and Owners (read).",
          "Choose “Create app”, then “Show token” and copy the token: it starts with pat-.",
          "Paste it below. Switchboard checks it with HubSpot before it keeps it."),
          Set.of("accessToken"), true),
      "mailchimp", new ConnectGuide("an API key", List.of(
          "In Mailchimp, open your profile (your name, bottom left), then Extras › API keys.",
          "Choose “Create A Key”, name it Switchboard and copy the key: it is shown once, and ends in -us and a "
              + "number (your data center).",
          "Paste it below. Switchboard checks it with Mailchimp before it keeps it; then you choose the audience by "
              + "its name, and see what would be sent before anything is."),
          Set.of("apiKey"), true),
      "quickbooks", new ConnectGuide("nothing: QuickBooks only connects through an app", List.of(), Set.of(), false),
      "salesforce", new ConnectGuide("nothing: Salesforce only connects through an app", List.of(), Set.of(), false));

  static ConnectGuide of(String system, String docsUrl) {
    return GUIDES.getOrDefault(system, new ConnectGuide("the credentials listed below", List.of(
        "Create the credentials below in your account's settings (the vendor's documentation: " + docsUrl + ").",
        "Paste them below. Switchboard checks them before it keeps them."), Set.of(), true));
  }
}
