package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.GuardedVendorHttp;
import dev.switchboard.app.connectors.mailchimp.MailchimpConnector;
import dev.switchboard.app.connectors.mailchimp.MailchimpProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Mailchimp audience members join the TCK: the sandbox here, a real audience in {@link MailchimpMembersLiveTck}. */
class MailchimpMembersTck implements DeclarationContract, ReconciliationContract, WriteContract, FailureContract,
    WebhookContract, DeleteContract {

  /** Members per page in the TCK: small, so that a few pages take a few dozen members (Mailchimp allows 1000). */
  static final int PAGE = 40;

  /**
   * Test-only knobs; the rest is what {@code MailchimpMemberBinding.CAPABILITIES} declares (second-resolution
   * {@code last_changed}, pages re-reading up to two seconds, no query cap, the e-mail as natural key, no create keys).
   */
  static final Capabilities CAPABILITIES = new Capabilities(PAGE,
      List.of(ContactField.EMAIL, ContactField.FIRST_NAME, ContactField.LAST_NAME, ContactField.PHONE,
          ContactField.COMPANY, ContactField.MARKETING_STATUS, ContactField.TAGS),
      Map.of(ContactField.FIRST_NAME, 255, ContactField.LAST_NAME, 255, ContactField.COMPANY, 255),
      Capabilities.Deletes.VANISH,
      false); // an archived member comes back only by being written again

  private TckBinding binding;

  @Override
  public TckBinding binding() {
    if (binding == null) {
      binding = create();
    }
    return binding;
  }

  /** The sandbox's accounts 1 and 2. */
  TckBinding create() {
    String base = TckSandbox.server().baseUrl() + "/mailchimp/3.0";
    return bind(base, "sandboxkey0000000000000000000000-us21", "sandboxlist1",
        "sandboxkey0000000000000000000002-us21", "sandboxlist2", 1, true);
  }

  static TckBinding bind(String base, String key, String listId, @Nullable String otherKey,
      @Nullable String otherList, int account, boolean sandboxed) {
    CountingVendorHttp http = new CountingVendorHttp(
        new GuardedVendorHttp(new SimpleMeterRegistry(), Clock.systemUTC(), 10_000));
    MailchimpProperties props = new MailchimpProperties(base, 10, PAGE);
    String conn = "tck-mailchimp-" + UUID.randomUUID();
    ConnectionContext c = context(conn, listId, key);
    ConnectionContext other = otherKey == null ? null : context(conn + "-other", otherList, otherKey);
    ConnectionContext bad = context(conn + "-bad", listId, "wrongkey000000000000000000000000-us21");
    MailchimpConnector connector = new MailchimpConnector(http, props);
    return new TckBinding(connector, () -> new MailchimpConnector(http, props), http, c, other, bad, listId,
        MailchimpConnector.MEMBER,
        new MailchimpFixture(base.replace("{dc}", key.substring(key.lastIndexOf('-') + 1)), key, listId, account,
            sandboxed, connector),
        CAPABILITIES, ContactSamples.INSTANCE);
  }

  private static ConnectionContext context(String id, String listId, String key) {
    return new ConnectionContext(id, "tck-tenant", "mailchimp", listId, Map.of("listId", listId),
        Map.of("apiKey", key, "webhookSecret", "tck-secret-" + UUID.randomUUID()));
  }
}
