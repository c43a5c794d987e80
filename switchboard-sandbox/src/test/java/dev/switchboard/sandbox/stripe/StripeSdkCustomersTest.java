package dev.switchboard.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeSearchResult;
import com.stripe.model.WebhookEndpoint;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stripe's official Java SDK against the emulator: customers, errors, idempotency, signed webhooks. */
class StripeSdkCustomersTest {

  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of());
  static final Http ctl = sandbox.ctl();
  /** Every exchange the SDK makes is checked against Stripe's spec. */
  static final StripeSpecCheckingClient traffic = new StripeSpecCheckingClient();
  static StripeClient stripe;

  @BeforeAll
  static void start() {
    stripe = StripeClient.builder().setApiKey("sk_test_sandbox").setApiBase(sandbox.baseUrl() + "/stripe").setHttpClient(traffic).build();
  }

  @AfterAll
  static void trafficMatchesTheSpec() {
    traffic.assertConforms();
  }

  @Test
  void customerLifecycleWithMetadataUpdateAndDelete() throws Exception {
    Customer created = stripe.customers().create(CustomerCreateParams.builder()
        .setEmail("ada@example.com").setName("Ada Lovelace").putMetadata("hubspot_id", "101").build());
    assertThat(created.getId()).startsWith("cus_");
    assertThat(created.getLivemode()).isFalse();
    assertThat(created.getMetadata()).containsEntry("hubspot_id", "101");

    Customer fetched = stripe.customers().retrieve(created.getId());
    assertThat(fetched.getEmail()).isEqualTo("ada@example.com");

    Customer updated = stripe.customers().update(created.getId(),
        CustomerUpdateParams.builder().putMetadata("tier", "gold").setName("Ada King").build());
    assertThat(updated.getMetadata()).containsEntry("hubspot_id", "101").containsEntry("tier", "gold");
    assertThat(updated.getName()).isEqualTo("Ada King");

    Customer deleted = stripe.customers().delete(created.getId());
    assertThat(deleted.getDeleted()).isTrue();
    assertThatThrownBy(() -> stripe.customers().retrieve(created.getId()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(404);
          assertThat(e.getCode()).isEqualTo("resource_missing");
          assertThat(e.getStripeError().getParam()).isEqualTo("id");
          assertThat(e.getMessage()).contains("No such customer: '" + created.getId() + "'");
          assertThat(e.getRequestId()).startsWith("req_");
        });

    List<String> types = new ArrayList<>();
    stripe.events().list().autoPagingIterable().forEach(e -> types.add(e.getType()));
    assertThat(types).containsExactly("customer.deleted", "customer.updated", "customer.created");
  }

  @Test
  void listAutoPagesNewestFirstAndSearchFindsByEmailAndMetadata() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(stripe.customers().create(CustomerCreateParams.builder().setEmail("p" + i + "@example.com")
          .putMetadata("batch", i % 2 == 0 ? "even" : "odd").build()).getId());
    }
    StripeCollection<Customer> first = stripe.customers().list(CustomerListParams.builder().setLimit(3L).build());
    assertThat(first.getHasMore()).isTrue();
    assertThat(first.getData()).extracting(Customer::getId).containsExactly(ids.get(6), ids.get(5), ids.get(4));
    List<String> all = new ArrayList<>();
    first.autoPagingIterable().forEach(c -> all.add(c.getId()));
    assertThat(all).containsExactlyElementsOf(ids.reversed());

    StripeSearchResult<Customer> byEmail = stripe.customers().search(
        CustomerSearchParams.builder().setQuery("email:'p3@example.com'").build());
    assertThat(byEmail.getData()).extracting(Customer::getId).containsExactly(ids.get(3));

    StripeSearchResult<Customer> page = stripe.customers().search(
        CustomerSearchParams.builder().setQuery("metadata['batch']:'even'").setLimit(2L).build());
    assertThat(page.getHasMore()).isTrue();
    assertThat(page.getNextPage()).isNotNull();
    List<String> even = new ArrayList<>();
    page.autoPagingIterable().forEach(c -> even.add(c.getId()));
    assertThat(even).containsExactlyInAnyOrder(ids.get(0), ids.get(2), ids.get(4), ids.get(6));
  }

  @Test
  void idempotentRetryReturnsTheSameCustomer() throws Exception {
    RequestOptions opts = RequestOptions.builder().setIdempotencyKey("create-ada-1").build();
    CustomerCreateParams params = CustomerCreateParams.builder().setEmail("ada@example.com").build();
    Customer a = stripe.customers().create(params, opts);
    Customer b = stripe.customers().create(params, opts);
    assertThat(b.getId()).isEqualTo(a.getId());
    assertThat(b.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(stripe.customers().list().getData()).hasSize(1);

    assertThatThrownBy(() -> stripe.customers().create(CustomerCreateParams.builder().setEmail("other@example.com").build(), opts))
        .isInstanceOfSatisfying(com.stripe.exception.IdempotencyException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(400));
  }

  @Test
  void webhookDeliveryIsVerifiedByTheSdk() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      WebhookEndpoint endpoint = stripe.webhookEndpoints().create(WebhookEndpointCreateParams.builder()
          .setUrl(receiver.url("/stripe-hook"))
          .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED).build());
      assertThat(endpoint.getSecret()).startsWith("whsec_");
      receiver.status.set(500); // first attempt fails: the emulator must retry
      Customer c = stripe.customers().create(CustomerCreateParams.builder().setEmail("hook@example.com").build());
      await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.posts().isEmpty());
      receiver.status.set(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 2);

      WebhookReceiver.Received delivery = receiver.posts().getLast();
      Event event = Webhook.constructEvent(delivery.body(), delivery.header("Stripe-Signature"), endpoint.getSecret());
      assertThat(event.getType()).isEqualTo("customer.created");
      assertThat(event.getId()).startsWith("evt_");
      assertThat(delivery.body()).contains(c.getId());
      assertThat(stripe.events().retrieve(event.getId()).getPendingWebhooks()).isEqualTo(1L);

      assertThatThrownBy(() -> Webhook.constructEvent(delivery.body(), delivery.header("Stripe-Signature"), "whsec_wrong"))
          .isInstanceOf(com.stripe.exception.SignatureVerificationException.class);
      assertThat(stripe.webhookEndpoints().list().getData()).hasSize(1);
      assertThat(stripe.webhookEndpoints().delete(endpoint.getId()).getDeleted()).isTrue();
    }
  }
}
