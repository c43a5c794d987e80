package dev.switchboard.sandbox.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Refund;
import com.stripe.model.Subscription;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoiceItemListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stripe's official Java SDK: products, prices, subscriptions, invoices, payment intents, refunds. */
class StripeSdkBillingTest {

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

  Customer customer() throws Exception {
    return stripe.customers().create(CustomerCreateParams.builder().setEmail("bill@example.com").build());
  }

  @Test
  void subscriptionBillsTheFirstPeriodAndCanBeCanceled() throws Exception {
    Customer c = customer();
    Product product = stripe.products().create(ProductCreateParams.builder().setName("Pro plan").build());
    Price price = stripe.prices().create(PriceCreateParams.builder().setProduct(product.getId()).setCurrency("usd")
        .setUnitAmount(2500L).setRecurring(PriceCreateParams.Recurring.builder()
            .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());
    assertThat(stripe.prices().retrieve(price.getId()).getRecurring().getInterval()).isEqualTo("month");
    assertThat(stripe.products().list().getData()).extracting(Product::getId).containsExactly(product.getId());

    Subscription sub = stripe.subscriptions().create(SubscriptionCreateParams.builder().setCustomer(c.getId())
        .addItem(SubscriptionCreateParams.Item.builder().setPrice(price.getId()).setQuantity(2L).build()).build());
    assertThat(sub.getStatus()).isEqualTo("active");
    assertThat(sub.getItems().getData()).hasSize(1);
    assertThat(sub.getItems().getData().getFirst().getPrice().getId()).isEqualTo(price.getId());

    Invoice first = stripe.invoices().retrieve(sub.getLatestInvoice());
    assertThat(first.getStatus()).isEqualTo("paid");
    assertThat(first.getTotal()).isEqualTo(5000L);
    assertThat(stripe.subscriptions().list(SubscriptionListParams.builder().setCustomer(c.getId()).build()).getData()).hasSize(1);

    Subscription ending = stripe.subscriptions().update(sub.getId(), SubscriptionUpdateParams.builder()
        .setCancelAtPeriodEnd(true).putMetadata("reason", "moving").build());
    assertThat(ending.getCancelAtPeriodEnd()).isTrue();
    assertThat(ending.getCancelAt()).isNotNull().isGreaterThan(ending.getCreated());
    assertThat(ending.getMetadata()).containsEntry("reason", "moving");
    assertThat(ending.getStatus()).isEqualTo("active");

    Subscription canceled = stripe.subscriptions().cancel(sub.getId());
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    assertThat(stripe.subscriptions().list(SubscriptionListParams.builder().setCustomer(c.getId()).build()).getData()).isEmpty();
  }

  @Test
  void productsAndPricesAreUpdatedInPlace() throws Exception {
    Product product = stripe.products().create(ProductCreateParams.builder().setName("Basic").build());
    Product renamed = stripe.products().update(product.getId(), ProductUpdateParams.builder().setName("Basic+")
        .setActive(false).putMetadata("sku", "B-1").build());
    assertThat(renamed.getName()).isEqualTo("Basic+");
    assertThat(renamed.getActive()).isFalse();
    assertThat(stripe.products().retrieve(product.getId()).getMetadata()).containsEntry("sku", "B-1");
    Price price = stripe.prices().create(PriceCreateParams.builder().setProduct(product.getId()).setCurrency("usd")
        .setUnitAmount(900L).build());
    Price nicknamed = stripe.prices().update(price.getId(), PriceUpdateParams.builder().setNickname("Intro").setActive(false).build());
    assertThat(nicknamed.getNickname()).isEqualTo("Intro");
    assertThat(nicknamed.getActive()).isFalse();
    assertThat(nicknamed.getUnitAmount()).isEqualTo(900L);
  }

  @Test
  void invoiceWithItemsIsFinalizedAndPaid() throws Exception {
    Customer c = customer();
    Invoice draft = stripe.invoices().create(InvoiceCreateParams.builder().setCustomer(c.getId()).build());
    assertThat(draft.getStatus()).isEqualTo("draft");
    stripe.invoiceItems().create(InvoiceItemCreateParams.builder().setCustomer(c.getId()).setInvoice(draft.getId())
        .setAmount(1999L).setCurrency("usd").setDescription("Setup fee").build());
    InvoiceItem item = stripe.invoiceItems().list(InvoiceItemListParams.builder().setCustomer(c.getId()).build()).getData().getFirst();
    assertThat(stripe.invoiceItems().retrieve(item.getId()).getInvoice()).isEqualTo(draft.getId());
    Invoice finalized = stripe.invoices().finalizeInvoice(draft.getId());
    assertThat(finalized.getStatus()).isEqualTo("open");
    assertThat(finalized.getAmountDue()).isEqualTo(1999L);
    assertThat(finalized.getNumber()).isNotBlank();
    Invoice paid = stripe.invoices().pay(draft.getId());
    assertThat(paid.getStatus()).isEqualTo("paid");
    assertThat(paid.getAmountPaid()).isEqualTo(1999L);
    assertThat(stripe.invoices().list(InvoiceListParams.builder().setCustomer(c.getId()).build()).getData())
        .extracting(Invoice::getId).containsExactly(draft.getId());
    assertThat(stripe.charges().list(ChargeListParams.builder().setCustomer(c.getId()).build()).getData())
        .extracting(Charge::getAmount).containsExactly(1999L);
  }

  @Test
  void paymentIntentConfirmChargesAndRefundsPartially() throws Exception {
    Customer c = customer();
    PaymentIntent pi = stripe.paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(4200L).setCurrency("usd")
        .setCustomer(c.getId()).addPaymentMethodType("card").build());
    assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
    assertThat(pi.getClientSecret()).startsWith(pi.getId() + "_secret_");
    PaymentIntent confirmed = stripe.paymentIntents().confirm(pi.getId(),
        PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_visa").build());
    assertThat(confirmed.getStatus()).isEqualTo("succeeded");
    assertThat(confirmed.getAmountReceived()).isEqualTo(4200L);

    Charge charge = stripe.charges().retrieve(confirmed.getLatestCharge());
    assertThat(charge.getPaid()).isTrue();
    Refund refund = stripe.refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(1000L).build());
    assertThat(refund.getStatus()).isEqualTo("succeeded");
    Charge after = stripe.charges().retrieve(charge.getId());
    assertThat(after.getAmountRefunded()).isEqualTo(1000L);
    assertThat(after.getRefunded()).isFalse();
    assertThat(stripe.refunds().list(RefundListParams.builder().setPaymentIntent(pi.getId()).build()).getData())
        .extracting(Refund::getId).containsExactly(refund.getId());
    assertThat(stripe.refunds().retrieve(refund.getId()).getAmount()).isEqualTo(1000L);
    assertThat(stripe.paymentIntents().list(PaymentIntentListParams.builder().setCustomer(c.getId()).build()).getData())
        .extracting(PaymentIntent::getId).containsExactly(pi.getId());
  }

  @Test
  void declinedTestCardRaisesCardException() throws Exception {
    PaymentIntent pi = stripe.paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("usd")
        .setPaymentMethod("pm_card_chargeDeclined").build());
    assertThatThrownBy(() -> stripe.paymentIntents().confirm(pi.getId()))
        .isInstanceOfSatisfying(CardException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(402);
          assertThat(e.getCode()).isEqualTo("card_declined");
        });
    assertThat(stripe.paymentIntents().retrieve(pi.getId()).getStatus()).isEqualTo("requires_payment_method");
  }
}
