package dev.switchboard.app.connectors.tck;

import dev.switchboard.app.canonical.CanonicalRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * HubSpot notes (canonical activities of kind {@code note}) against the sandbox, in the contracts a type with a single
 * text property can run: a note has its body and nothing else to tell it apart by or to change, while the write,
 * failure and reconciliation contracts need two text fields (one names the test's object, the other changes). Those
 * paths are the same code for every engagement type ({@code HubSpotPages}, {@code HubSpotWrites}) and run for meetings,
 * calls, e-mails and tasks; a note's own write round trip, its date on create and a repeated create are in
 * {@code HubSpotEngagementsSandboxTest}.
 */
class HubSpotNotesTck implements DeleteContract, WebhookContract, AssociationContract {

  static final Capabilities CAPABILITIES = new Capabilities(200, List.of("body"), Map.of("body", 65_536),
      Capabilities.Deletes.VANISH, true);

  /** A note is told apart by its body, which is also the field that changes. */
  static final RecordSamples NOTES = new RecordSamples() {
    @Override
    public String type() {
      return "activity";
    }

    @Override
    public String tagField() {
      return "body";
    }

    @Override
    public String tagValue(String tag) {
      return RecordSamples.unique(tag);
    }

    @Override
    public String changeField() {
      return "body";
    }

    @Override
    public CanonicalRecord roundTripCreate(String tagValue, Function<String, String> longest) {
      return record(Map.of("kind", "note", "body", tagValue));
    }

    @Override
    public List<CanonicalRecord> roundTripUpdates(String tagValue) {
      return List.of(record(Map.of("kind", "note", "body", tagValue + " edited")));
    }

    @Override
    public String keptField() {
      return "kind";
    }
  };

  private TckBinding binding;

  @Override
  public TckBinding binding() {
    if (binding == null) {
      binding = HubSpotBinding.bind(target(), HubSpotEngagementFixtures.NOTES, NOTES, CAPABILITIES, "note");
    }
    return binding;
  }

  HubSpotBinding.Target target() {
    return HubSpotBinding.Target.sandbox();
  }

  @Override
  public AssociationFixture associations() {
    return new HubSpotEngagementFixtures.ContactAssociation(target(), HubSpotEngagementFixtures.NOTES, "body");
  }
}
