package dev.switchboard.app.connectors.mailchimp;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connectors.AddressLines;
import dev.switchboard.app.connectors.BindingCapabilities;
import dev.switchboard.app.connectors.BindingCapabilities.Via;
import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.DeleteResult;
import dev.switchboard.app.connectors.DeleteSemantics;
import dev.switchboard.app.connectors.RecordPage;
import dev.switchboard.app.connectors.SourceRecord;
import dev.switchboard.app.connectors.TimestampCapability;
import dev.switchboard.app.connectors.TypeBinding;
import dev.switchboard.app.connectors.VendorType;
import dev.switchboard.app.connectors.WriteRequest;
import dev.switchboard.app.connectors.WriteResult;
import java.time.Duration;
import java.time.Instant;
import dev.switchboard.app.mapping.MappingFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The binding of Mailchimp audience (list) members, which are contacts. Paging is {@link MailchimpMemberPages}, writes
 * {@link MailchimpMemberWrites}; the list, merge fields come from the connection's settings; who is
 * added with which status is the spine's consent rule ({@link dev.switchboard.app.connectors.ConsentSetting}), and
 * {@link MailchimpMemberWrites} never (re)subscribes a member that exists.
 */
final class MailchimpMemberBinding implements TypeBinding {

  /**
   * Members are dated by {@code last_changed}, one time per member in whole seconds; deletes archive them
   * ({@code DELETE}: an archived member comes back when written again); Mailchimp cannot merge members and keeps no
   * associations. Changes arrive by webhook ({@code subscribe}, {@code profile}, {@code unsubscribe}, {@code cleaned},
   * {@code upemail}) and the reconciliation poll; deletions by webhook ({@code unsubscribe} with
   * {@code action=delete}) and the reconciliation's sweep of archived members ({@code status=archived}). A member is keyed by its e-mail (its id is the e-mail's hash): there is nowhere to keep a
   * create key. Pages are by {@code last_changed} ascending, each re-reading from a second before the last member
   * seen (up to two seconds again); no query cap.
   */
  static final BindingCapabilities CAPABILITIES = new BindingCapabilities(
      TimestampCapability.perRecord(Duration.ofSeconds(1)), DeleteSemantics.ARCHIVE, List.of(), false,
      new BindingCapabilities.Detection(Via.WEBHOOK_AND_POLL, Via.WEBHOOK_AND_POLL, Via.NOT_DETECTED),
      new BindingCapabilities.Keys(ContactField.EMAIL, false),
      new BindingCapabilities.Listing(true, Duration.ofSeconds(2), 0));

  private static final VendorType TYPE = VendorType.of(MailchimpConnector.MEMBER, CanonicalRecord.CONTACT);

  private final MailchimpClient client;
  private final MailchimpMemberPages pages;
  private final MailchimpMemberWrites writes;

  MailchimpMemberBinding(MailchimpClient client, int pageSize) {
    this.client = client;
    this.pages = new MailchimpMemberPages(client, pageSize);
    this.writes = new MailchimpMemberWrites(client);
  }

  @Override
  public VendorType vendorType() {
    return TYPE;
  }

  @Override
  public BindingCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** One GET; an archived member is gone. */
  @Override
  public Optional<SourceRecord> fetch(ConnectionContext connection, String externalId) {
    Optional<JsonNode> member = client.getMember(connection, MailchimpConnector.listId(connection), externalId);
    if (member.isEmpty() || "archived".equals(member.get().path("status").asString(""))) {
      return Optional.empty();
    }
    return Optional.of(MailchimpMapper.source(member.get(), mergeFields(connection)));
  }

  /** See {@link MailchimpMemberPages}: keyset paging by {@code last_changed}, bulk imports by pinned bands. */
  @Override
  public RecordPage listModified(ConnectionContext connection, @Nullable Instant since, @Nullable String cursor) {
    return pages.page(connection, MailchimpConnector.listId(connection), mergeFields(connection), since, cursor);
  }

  /** See {@link MailchimpMemberWrites#write}. */
  @Override
  public List<WriteResult> write(ConnectionContext connection, List<WriteRequest> batch) {
    if (batch.size() > MailchimpConnector.MAX_BATCH) {
      throw new IllegalArgumentException("mailchimp batch larger than " + MailchimpConnector.MAX_BATCH);
    }
    return writes.write(connection, MailchimpConnector.listId(connection), mergeFields(connection), batch);
  }

  @Override
  public int maxBatchSize() {
    return MailchimpConnector.MAX_BATCH;
  }

  /**
   * Archives each member, one {@code DELETE} call each. A member already gone (404: archived, deleted or never there)
   * is {@link DeleteResult.Deleted}; other 4xx answers reject that member; 401/403/429/5xx fail the whole call.
   */
  @Override
  public List<DeleteResult> delete(ConnectionContext connection, List<String> externalIds) {
    List<DeleteResult> out = new ArrayList<>();
    for (String hash : externalIds) {
      MailchimpClient.MailchimpResponse r = client.archiveMember(connection, MailchimpConnector.listId(connection),
          hash);
      if (r.ok() || r.status() == 404) {
        out.add(new DeleteResult.Deleted(hash));
      } else {
        out.add(new DeleteResult.Rejected(hash, MailchimpClient.errorCode(r.body(), r.status()),
            "mailchimp archive member failed (" + r.status() + "): " + MailchimpClient.detail(r.body())));
      }
    }
    return out;
  }

  /** An address without a street, city, state and zip is left out of member writes: Mailchimp refuses the member. */
  @Override
  public boolean accepts(String field, Object value) {
    return !(value instanceof Map<?, ?> address) || MailchimpMapper.isCompleteAddress(address);
  }

  /** ADDRESS has two street lines. */
  @Override
  public Object heldAs(String field, Object value) {
    return AddressLines.folded(value, 2);
  }

  /** The members' mapping with the connection's override layered over it. */
  private static MappingFile mergeFields(ConnectionContext connection) {
    return MailchimpMapper.mapping(connection.settings());
  }
}
