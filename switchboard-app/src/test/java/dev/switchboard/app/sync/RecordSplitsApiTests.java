package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.ContactField;
import dev.switchboard.app.connections.Connection;
import dev.switchboard.app.support.RawHttp;
import dev.switchboard.app.support.RunningApp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/records/{id}/split}: 201 with the new id, audited; 4xx with a reason for bad input. */
class RecordSplitsApiTests extends RunningApp {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> HEADERS = List.of(bearer(), "Content-Type: application/json");

  @Autowired GoldenRecords golden;
  @Autowired Links links;
  @Autowired TransactionTemplate tx;

  private RawHttp.Response split(String canonicalId, String body) {
    return http().send("POST", "/api/records/" + canonicalId + "/split", HEADERS, body);
  }

  @Test
  void aLinkIsSplitOffIntoANewRecordAndBadRequestsAreRefusedWithAReason() {
    Connection hubspot = connect(TENANT, "hubspot", "portal-split", Map.of("accessToken", "pat"));
    String record = java.util.UUID.randomUUID().toString();
    Instant now = Instant.now();
    tx.executeWithoutResult(s -> {
      golden.insert(TENANT, record, "contact", Map.of(ContactField.FIRST_NAME, new FieldValue("Ann", "hubspot", now)));
      links.put(TENANT, hubspot.id(), "contact", "501", null, record, Map.of(ContactField.FIRST_NAME, "Ann"), now,
          false, "source");
      links.put(TENANT, hubspot.id(), "contact", "502", null, record, Map.of(ContactField.FIRST_NAME, "Desk"), now,
          false, "phone");
    });
    String body = "{\"connectionId\":\"" + hubspot.id() + "\",\"externalId\":\"502\"}";

    assertThat(split(record, "{}").status()).isEqualTo(400);
    RawHttp.Response missing = split(record, "{\"connectionId\":\"" + hubspot.id() + "\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("externalId");
    assertThat(split("no-such-record", body).status()).isEqualTo(404);
    RawHttp.Response notHere = split(record, "{\"connectionId\":\"" + hubspot.id() + "\",\"externalId\":\"999\"}");
    assertThat(notHere.status()).isEqualTo(409);
    assertThat(notHere.body()).contains("not_linked_here");

    RawHttp.Response done = split(record, body);
    assertThat(done.status()).isEqualTo(201);
    @SuppressWarnings("unchecked") Map<String, Object> answer = JSON.readValue(done.body(), Map.class);
    assertThat(answer).containsEntry("canonical_id", record).containsKey("split_id");
    String splitId = (String) answer.get("split_id");
    assertThat(golden.find(TENANT, splitId).orElseThrow().fields().get(ContactField.FIRST_NAME).value())
        .isEqualTo("Desk");
    assertThat(db.sql("select count(*) from domain_event where name = 'audit.logged' and payload_json like ?")
        .param("%record.split%" + splitId + "%").query(Long.class).single()).isEqualTo(1);

    // now each record has one link: splitting again would leave nothing behind
    RawHttp.Response only = split(splitId, body);
    assertThat(only.status()).isEqualTo(409);
    assertThat(only.body()).contains("only_link");
    assertThat(http().send("POST", "/api/records/" + record + "/split", List.of("Content-Type: application/json"), body)
        .status()).isEqualTo(401);
  }
}
