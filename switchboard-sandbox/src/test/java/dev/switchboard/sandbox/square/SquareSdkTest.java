package dev.switchboard.sandbox.square;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.squareup.square.SquareClient;
import com.squareup.square.core.SquareApiException;
import com.squareup.square.core.SyncPage;
import com.squareup.square.types.BulkCreateCustomerData;
import com.squareup.square.types.BulkCreateCustomersRequest;
import com.squareup.square.types.BulkCreateCustomersResponse;
import com.squareup.square.types.CreateCustomerRequest;
import com.squareup.square.types.Customer;
import com.squareup.square.types.CustomerFilter;
import com.squareup.square.types.CustomerQuery;
import com.squareup.square.types.CustomerSortField;
import com.squareup.square.types.CustomerTextFilter;
import com.squareup.square.types.DeleteCustomersRequest;
import com.squareup.square.types.ErrorCategory;
import com.squareup.square.types.ErrorCode;
import com.squareup.square.types.GetCustomersRequest;
import com.squareup.square.types.ListCustomersRequest;
import com.squareup.square.types.SearchCustomersRequest;
import com.squareup.square.types.SortOrder;
import com.squareup.square.types.UpdateCustomerRequest;
import com.squareup.square.types.WebhookSubscription;
import com.squareup.square.utilities.WebhooksHelper;
import com.squareup.square.webhooks.types.CreateWebhookSubscriptionRequest;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Square SDK: customers (CRUD, optimistic concurrency, pagination, search, bulk), errors, auth, rate limit, webhook signatures. */
class SquareSdkTest extends SquareSdkFixture {

  @Test
  void customerLifecycleWithOptimisticConcurrency() {
    Customer c = create("Ada", "ada@example.com");
    assertThat(c.getId()).isPresent();
    assertThat(c.getVersion()).contains(0L);
    Customer got = square.customers().get(GetCustomersRequest.builder().customerId(c.getId().get()).build()).getCustomer().orElseThrow();
    assertThat(got.getEmailAddress()).contains("ada@example.com");

    Customer updated = square.customers().update(UpdateCustomerRequest.builder().customerId(c.getId().get())
        .note("VIP").version(0L).build()).getCustomer().orElseThrow();
    assertThat(updated.getVersion()).contains(1L);
    assertThat(updated.getNote()).contains("VIP");
    assertThat(updated.getGivenName()).contains("Ada");

    assertThatThrownBy(() -> square.customers().update(UpdateCustomerRequest.builder().customerId(c.getId().get())
        .note("stale").version(0L).build()))
        .isInstanceOfSatisfying(SquareApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(409);
          assertThat(e.errors().getFirst().getCode()).isEqualTo(ErrorCode.CONFLICT);
        });

    square.customers().delete(DeleteCustomersRequest.builder().customerId(c.getId().get()).build());
    assertThatThrownBy(() -> square.customers().get(GetCustomersRequest.builder().customerId(c.getId().get()).build()))
        .isInstanceOfSatisfying(SquareApiException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.errors().getFirst().getCode()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.errors().getFirst().getCategory()).isEqualTo(ErrorCategory.INVALID_REQUEST_ERROR);
        });
  }

  @Test
  void idempotentCreateReturnsTheSameCustomer() {
    CreateCustomerRequest req = CreateCustomerRequest.builder().idempotencyKey("same-key").givenName("Once").build();
    String first = square.customers().create(req).getCustomer().orElseThrow().getId().orElseThrow();
    String second = square.customers().create(req).getCustomer().orElseThrow().getId().orElseThrow();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void listPaginatesOverSeveralPagesAndSearchFindsByEmail() {
    for (int i = 0; i < 12; i++) {
      create("Person" + (char) ('A' + i), "person" + i + "@example.com");
    }
    SyncPage<Customer> page = square.customers().list(ListCustomersRequest.builder().limit(5)
        .sortField(CustomerSortField.CREATED_AT).sortOrder(SortOrder.ASC).build());
    List<String> emails = new ArrayList<>();
    int pages = 0;
    while (true) {
      pages++;
      page.getItems().forEach(c -> emails.add(c.getEmailAddress().orElseThrow()));
      if (!page.hasNext()) {
        break;
      }
      page = page.nextPage();
    }
    assertThat(pages).isEqualTo(3);
    assertThat(emails).hasSize(12).startsWith("person0@example.com").endsWith("person11@example.com").doesNotHaveDuplicates();
    assertThat(square.customers().list(ListCustomersRequest.builder().limit(5).build()).streamItems().count()).isEqualTo(12);

    List<Customer> exact = square.customers().search(SearchCustomersRequest.builder().query(CustomerQuery.builder()
        .filter(CustomerFilter.builder().emailAddress(CustomerTextFilter.builder().exact("PERSON7@example.com").build()).build())
        .build()).build()).getCustomers().orElseThrow();
    assertThat(exact).singleElement().satisfies(c -> assertThat(c.getGivenName()).contains("PersonH"));
    List<Customer> fuzzy = square.customers().search(SearchCustomersRequest.builder().limit(100L).query(CustomerQuery.builder()
        .filter(CustomerFilter.builder().emailAddress(CustomerTextFilter.builder().fuzzy("person1").build()).build())
        .build()).build()).getCustomers().orElseThrow();
    assertThat(fuzzy).extracting(c -> c.getEmailAddress().orElseThrow())
        .containsExactlyInAnyOrder("person1@example.com", "person10@example.com", "person11@example.com");
  }

  @Test
  void bulkCreateReportsPerItemResults() {
    BulkCreateCustomersResponse res = square.customers().batchCreate(BulkCreateCustomersRequest.builder()
        .customers("k1", BulkCreateCustomerData.builder().givenName("Bulk").emailAddress("bulk1@example.com").build())
        .customers("k2", BulkCreateCustomerData.builder().emailAddress("not-an-email").build())
        .build());
    var responses = res.getResponses().orElseThrow();
    assertThat(responses.get("k1").getCustomer().orElseThrow().getEmailAddress()).contains("bulk1@example.com");
    assertThat(responses.get("k2").getErrors().orElseThrow().getFirst().getCode()).isEqualTo(ErrorCode.INVALID_EMAIL_ADDRESS);
  }

  @Test
  void webhookDeliveryVerifiesWithTheSdkHelper() {
    String url = receiver.url("/square/hooks");
    WebhookSubscription sub = square.webhooks().subscriptions().create(CreateWebhookSubscriptionRequest.builder()
        .subscription(WebhookSubscription.builder().name("switchboard").notificationUrl(url)
            .eventTypes(List.of("customer.created", "customer.updated")).build())
        .idempotencyKey(UUID.randomUUID().toString()).build()).getSubscription().orElseThrow();
    String key = sub.getSignatureKey().orElseThrow();
    receiver.status.set(500); // first attempt fails: the delivery is retried
    Customer c = create("Hooked", "hooked@example.com");
    await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.posts().isEmpty());
    receiver.status.set(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 2);
    WebhookReceiver.Received r = receiver.posts().get(1);
    assertThat(r.header("square-retry-number")).isEqualTo("1");
    assertThat(WebhooksHelper.verifySignature(r.body(), r.header("x-square-hmacsha256-signature"), key, url)).isTrue();
    assertThat(WebhooksHelper.verifySignature(r.body(), r.header("x-square-hmacsha256-signature"), "wrong-key", url)).isFalse();
    JsonNode ev = Http.JSON.readTree(r.body());
    assertThat(ev.get("type").asString()).isEqualTo("customer.created");
    assertThat(ev.get("merchant_id").asString()).isNotBlank();
    assertThat(ev.get("data").get("id").asString()).isEqualTo(c.getId().orElseThrow());
    assertThat(ev.get("data").get("object").get("customer").get("email_address").asString()).isEqualTo("hooked@example.com");
    webhooksMatchTheSpec();
  }

  @Test
  void authVersionHeaderAndRateLimit() {
    SquareClient bad = client("nope");
    assertThatThrownBy(() -> bad.locations().list()).isInstanceOfSatisfying(SquareApiException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(401);
      assertThat(e.errors().getFirst().getCategory()).isEqualTo(ErrorCategory.AUTHENTICATION_ERROR);
      assertThat(e.errors().getFirst().getCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
    });
    Http raw = new Http(sandbox.baseUrl() + "/square", Map.of("Authorization", "Bearer " + TOKEN, "Square-Version", "2024-01-18"));
    assertThat(raw.get("/v2/locations").header("Square-Version")).isEqualTo("2024-01-18");

    ctl.post("/_sandbox/reset", null); // also clears the per-token call counts
    assertThat(ctl.put("/_sandbox/config", Map.of("vendor", "square", "rateLimitPer10s", 3)).json().get("rateLimitPer10s").asInt()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      square.locations().list();
    }
    assertThatThrownBy(() -> square.locations().list()).isInstanceOfSatisfying(SquareApiException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.errors().getFirst().getCategory()).isEqualTo(ErrorCategory.RATE_LIMIT_ERROR);
      assertThat(e.errors().getFirst().getCode()).isEqualTo(ErrorCode.RATE_LIMITED);
    });
  }

}
