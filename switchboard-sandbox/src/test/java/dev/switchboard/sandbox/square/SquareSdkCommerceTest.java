package dev.switchboard.sandbox.square;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.squareup.square.SquareClient;
import com.squareup.square.core.SquareApiException;
import com.squareup.square.types.AppointmentSegment;
import com.squareup.square.types.Booking;
import com.squareup.square.types.CreateBookingRequest;
import com.squareup.square.types.CreateInvoiceRequest;
import com.squareup.square.types.CreatePaymentRequest;
import com.squareup.square.types.Currency;
import com.squareup.square.types.Customer;
import com.squareup.square.types.ErrorCode;
import com.squareup.square.types.GetBookingsRequest;
import com.squareup.square.types.GetPaymentsRequest;
import com.squareup.square.types.Invoice;
import com.squareup.square.types.InvoicePaymentRequest;
import com.squareup.square.types.InvoiceRecipient;
import com.squareup.square.types.InvoiceRequestType;
import com.squareup.square.types.InvoiceStatus;
import com.squareup.square.types.Location;
import com.squareup.square.types.Money;
import com.squareup.square.types.ObtainTokenRequest;
import com.squareup.square.types.ObtainTokenResponse;
import com.squareup.square.types.Payment;
import com.squareup.square.types.PublishInvoiceRequest;
import com.squareup.square.types.WebhookSubscription;
import com.squareup.square.webhooks.types.CreateWebhookSubscriptionRequest;
import dev.switchboard.sandbox.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Square SDK: locations, payments, invoices, bookings, their webhook events, and the OAuth code flow. */
class SquareSdkCommerceTest extends SquareSdkFixture {

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
    SquareClient merchant = client(access);
    assertThat(merchant.locations().list().getLocations().orElseThrow()).hasSize(1);

    ObtainTokenResponse refreshed = square.oAuth().obtainToken(ObtainTokenRequest.builder().clientId(clientId)
        .grantType("refresh_token").clientSecret(secret).refreshToken(tok.getRefreshToken().get()).build());
    assertThat(refreshed.getAccessToken().orElseThrow()).isNotEqualTo(access);
    assertThatThrownBy(() -> square.oAuth().obtainToken(ObtainTokenRequest.builder().clientId(clientId)
        .grantType("authorization_code").clientSecret(secret).code(code).build())).isInstanceOf(SquareApiException.class);
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
    webhooksMatchTheSpec();
    assertThat(square.invoices().get(com.squareup.square.types.GetInvoicesRequest.builder().invoiceId(inv.getId().get()).build())
        .getInvoice().orElseThrow().getStatus()).contains(InvoiceStatus.PAID);
  }
}
