package dev.switchboard.sandbox.square;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.squareup.square.SquareClient;
import com.squareup.square.core.Environment;
import com.squareup.square.core.SquareApiException;
import com.squareup.square.core.SyncPage;
import com.squareup.square.types.AppointmentSegment;
import com.squareup.square.types.Booking;
import com.squareup.square.types.BulkCreateCustomerData;
import com.squareup.square.types.BulkCreateCustomersRequest;
import com.squareup.square.types.BulkCreateCustomersResponse;
import com.squareup.square.types.CreateBookingRequest;
import com.squareup.square.types.CreateCustomerRequest;
import com.squareup.square.types.CreateInvoiceRequest;
import com.squareup.square.types.CreatePaymentRequest;
import com.squareup.square.types.Currency;
import com.squareup.square.types.Customer;
import com.squareup.square.types.CustomerFilter;
import com.squareup.square.types.CustomerQuery;
import com.squareup.square.types.CustomerSortField;
import com.squareup.square.types.CustomerTextFilter;
import com.squareup.square.types.DeleteCustomersRequest;
import com.squareup.square.types.ErrorCategory;
import com.squareup.square.types.ErrorCode;
import com.squareup.square.types.GetBookingsRequest;
import com.squareup.square.types.GetCustomersRequest;
import com.squareup.square.types.GetPaymentsRequest;
import com.squareup.square.types.Invoice;
import com.squareup.square.types.InvoicePaymentRequest;
import com.squareup.square.types.InvoiceRecipient;
import com.squareup.square.types.InvoiceRequestType;
import com.squareup.square.types.InvoiceStatus;
import com.squareup.square.types.ListCustomersRequest;
import com.squareup.square.types.Location;
import com.squareup.square.types.Money;
import com.squareup.square.types.ObtainTokenRequest;
import com.squareup.square.types.ObtainTokenResponse;
import com.squareup.square.types.Payment;
import com.squareup.square.types.PublishInvoiceRequest;
import com.squareup.square.types.SearchCustomersRequest;
import com.squareup.square.types.SortOrder;
import com.squareup.square.types.UpdateCustomerRequest;
import com.squareup.square.types.WebhookSubscription;
import com.squareup.square.utilities.WebhooksHelper;
import com.squareup.square.webhooks.types.CreateWebhookSubscriptionRequest;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.sandbox.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Square's official Java SDK (com.squareup:square) against the emulator, only the base URL changed. */
class SquareSdkTest {

  static final String TOKEN = "EAAAsandbox-square-token";
  static SandboxServer sandbox;
  static SquareClient square;
  static Http ctl;
  static WebhookReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    sandbox = SandboxServer.start(0, Map.of("sandbox.webhooks.base-backoff-ms", "20"));
    square = SquareClient.builder().token(TOKEN).environment(Environment.custom(sandbox.baseUrl() + "/square"))
        .maxRetries(0).build();
    ctl = new Http(sandbox.baseUrl(), Map.of());
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    receiver.close();
  }

  @BeforeEach
  void reset() {
    ctl.post("/_sandbox/reset", null);
    receiver.received.clear();
    receiver.status.set(200);
  }

  static Customer create(String given, String email) {
    return square.customers().create(CreateCustomerRequest.builder().idempotencyKey(UUID.randomUUID().toString())
        .givenName(given).familyName("Tester").emailAddress(email).phoneNumber("+1 555 010 0000").build())
        .getCustomer().orElseThrow();
  }

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
  void locationsPaymentsInvoicesAndBookings() {
    List<Location> locations = square.locations().list().getLocations().orElseThrow();
    assertThat(locations).hasSize(1);
    String locationId = locations.getFirst().getId().orElseThrow();

    Payment p = square.payments().create(CreatePaymentRequest.builder().sourceId("cnon:card-nonce-ok")
        .idempotencyKey(UUID.randomUUID().toString())
        .amountMoney(Money.builder().amount(1234L).currency(Currency.USD).build()).build()).getPayment().orElseThrow();
    assertThat(p.getStatus()).contains("COMPLETED");
    Payment fetched = square.payments().get(GetPaymentsRequest.builder().paymentId(p.getId().orElseThrow()).build()).getPayment().orElseThrow();
    assertThat(fetched.getAmountMoney().orElseThrow().getAmount()).contains(1234L);
    assertThatThrownBy(() -> square.payments().create(CreatePaymentRequest.builder().sourceId("cnon:card-nonce-declined")
        .idempotencyKey(UUID.randomUUID().toString()).amountMoney(Money.builder().amount(5L).currency(Currency.USD).build()).build()))
        .isInstanceOfSatisfying(SquareApiException.class, e -> assertThat(e.errors().getFirst().getCode()).isEqualTo(ErrorCode.CARD_DECLINED));

    Customer c = create("Invoiced", "inv@example.com");
    Invoice inv = square.invoices().create(CreateInvoiceRequest.builder().invoice(Invoice.builder().locationId(locationId)
        .primaryRecipient(InvoiceRecipient.builder().customerId(c.getId().orElseThrow()).build())
        .paymentRequests(List.of(InvoicePaymentRequest.builder().requestType(InvoiceRequestType.BALANCE).dueDate("2030-01-31")
            .fixedAmountRequestedMoney(Money.builder().amount(5000L).currency(Currency.USD).build()).build()))
        .title("Consulting").build()).idempotencyKey(UUID.randomUUID().toString()).build()).getInvoice().orElseThrow();
    assertThat(inv.getStatus()).contains(InvoiceStatus.DRAFT);
    Invoice published = square.invoices().publish(PublishInvoiceRequest.builder().invoiceId(inv.getId().orElseThrow())
        .version(inv.getVersion().orElseThrow()).idempotencyKey(UUID.randomUUID().toString()).build()).getInvoice().orElseThrow();
    assertThat(published.getStatus()).contains(InvoiceStatus.UNPAID);
    assertThat(published.getVersion()).contains(1);

    String start = Instant.now().plus(Duration.ofDays(2)).toString();
    Booking b = square.bookings().create(CreateBookingRequest.builder().booking(Booking.builder().startAt(start)
        .locationId(locationId).customerId(c.getId().orElseThrow())
        .appointmentSegments(List.of(AppointmentSegment.builder().teamMemberId("TMsandbox").durationMinutes(60)
            .serviceVariationId("SVsandbox").serviceVariationVersion(1L).build())).build())
        .idempotencyKey(UUID.randomUUID().toString()).build()).getBooking().orElseThrow();
    Booking got = square.bookings().get(GetBookingsRequest.builder().bookingId(b.getId().orElseThrow()).build()).getBooking().orElseThrow();
    assertThat(got.getCustomerId()).contains(c.getId().get());
    assertThat(got.getStatus().orElseThrow().toString()).isEqualTo("ACCEPTED");
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
  }

  @Test
  void oauthCodeFlowTokensWorkWithTheSdkAndRefresh() throws Exception {
    JsonNode creds = ctl.get("/_sandbox/credentials").json().get("square");
    String clientId = creds.get("clientId").asString();
    String secret = creds.get("clientSecret").asString();
    java.net.http.HttpResponse<String> redirect = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + "/square/oauth2/authorize?client_id="
            + clientId + "&scope=CUSTOMERS_READ&state=xyz&redirect_uri=http://127.0.0.1:1/cb")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("http://127.0.0.1:1/cb?").contains("state=xyz");
    String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

    ObtainTokenResponse tok = square.oAuth().obtainToken(ObtainTokenRequest.builder().clientId(clientId)
        .grantType("authorization_code").clientSecret(secret).code(code).build());
    String access = tok.getAccessToken().orElseThrow();
    assertThat(tok.getRefreshToken()).isPresent();
    assertThat(tok.getMerchantId()).isPresent();
    assertThat(Instant.parse(tok.getExpiresAt().orElseThrow())).isBetween(Instant.now().plus(Duration.ofDays(29)),
        Instant.now().plus(Duration.ofDays(31)));
    SquareClient merchant = SquareClient.builder().token(access).environment(Environment.custom(sandbox.baseUrl() + "/square"))
        .maxRetries(0).build();
    assertThat(merchant.locations().list().getLocations().orElseThrow()).hasSize(1);

    ObtainTokenResponse refreshed = square.oAuth().obtainToken(ObtainTokenRequest.builder().clientId(clientId)
        .grantType("refresh_token").clientSecret(secret).refreshToken(tok.getRefreshToken().get()).build());
    assertThat(refreshed.getAccessToken().orElseThrow()).isNotEqualTo(access);
    assertThatThrownBy(() -> square.oAuth().obtainToken(ObtainTokenRequest.builder().clientId(clientId)
        .grantType("authorization_code").clientSecret(secret).code(code).build())).isInstanceOf(SquareApiException.class);
  }

  @Test
  void authVersionHeaderAndRateLimit() {
    SquareClient bad = SquareClient.builder().token("nope").environment(Environment.custom(sandbox.baseUrl() + "/square"))
        .maxRetries(0).build();
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

  @Test
  void paymentsBookingsAndInvoicesFireTheirEvents() {
    square.webhooks().subscriptions().create(CreateWebhookSubscriptionRequest.builder()
        .subscription(WebhookSubscription.builder().name("all").notificationUrl(receiver.url("/all"))
            .eventTypes(List.of("booking.created", "booking.updated", "invoice.payment_made", "payment.updated")).build()).build());
    Customer c = create("Eve", "eve@example.com");
    String locationId = square.locations().list().getLocations().orElseThrow().getFirst().getId().orElseThrow();
    Invoice inv = square.invoices().create(CreateInvoiceRequest.builder().invoice(Invoice.builder().locationId(locationId)
        .primaryRecipient(InvoiceRecipient.builder().customerId(c.getId().orElseThrow()).build())
        .paymentRequests(List.of(InvoicePaymentRequest.builder().requestType(InvoiceRequestType.BALANCE).dueDate("2030-01-31")
            .fixedAmountRequestedMoney(Money.builder().amount(700L).currency(Currency.USD).build()).build())).build()).build())
        .getInvoice().orElseThrow();
    square.invoices().publish(PublishInvoiceRequest.builder().invoiceId(inv.getId().orElseThrow()).version(0).build());
    square.payments().create(CreatePaymentRequest.builder().sourceId("cnon:card-nonce-ok").idempotencyKey(UUID.randomUUID().toString())
        .amountMoney(Money.builder().amount(700L).currency(Currency.USD).build()).orderId(inv.getOrderId().orElseThrow()).build());
    String bookingId = square.bookings().create(CreateBookingRequest.builder().booking(Booking.builder()
        .startAt(Instant.now().plus(Duration.ofDays(1)).toString()).locationId(locationId).customerId(c.getId().orElseThrow())
        .appointmentSegments(List.of(AppointmentSegment.builder().teamMemberId("TM1").durationMinutes(30).build())).build())
        .build()).getBooking().orElseThrow().getId().orElseThrow();
    square.bookings().cancel(com.squareup.square.types.CancelBookingRequest.builder().bookingId(bookingId).bookingVersion(0).build());
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.posts().size() >= 4);
    List<String> types = receiver.posts().stream().map(r -> Http.JSON.readTree(r.body()).get("type").asString()).toList();
    assertThat(types).containsExactlyInAnyOrder("payment.updated", "invoice.payment_made", "booking.created", "booking.updated");
    assertThat(square.invoices().get(com.squareup.square.types.GetInvoicesRequest.builder().invoiceId(inv.getId().get()).build())
        .getInvoice().orElseThrow().getStatus()).contains(InvoiceStatus.PAID);
  }
}
