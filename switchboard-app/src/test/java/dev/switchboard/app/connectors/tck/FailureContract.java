package dev.switchboard.app.connectors.tck;

import static dev.switchboard.app.connectors.tck.ConnectorContract.fresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.app.connectors.ConnectionContext;
import dev.switchboard.app.connectors.VendorException;
import dev.switchboard.app.connectors.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How a binding fails: the spine retries what may succeed later (429, 5xx), parks a connection whose credentials are
 * refused instead of spending attempts, and never lets one account see or touch another's objects.
 */
public interface FailureContract extends ConnectorContract {

  /** Every kind of call a binding makes, each on a fresh limiter gate so one call's pause does not delay the next. */
  private Map<String, Consumer<ConnectionContext>> everyCall(String existingId) {
    Map<String, Consumer<ConnectionContext>> calls = new LinkedHashMap<>();
    calls.put("check", c -> connector().check(c));
    calls.put("fetch", c -> connector().fetch(c, type(), existingId));
    calls.put("fetchMany", c -> connector().fetchMany(c, type(), List.of(existingId)));
    calls.put("listModified(since)", c -> connector().listModified(c, type(), Instant.now().minusSeconds(60), null));
    calls.put("listModified(all)", c -> connector().listModified(c, type(), null, null));
    calls.put("write", c -> connector().write(c, type(), List.of(createRequest(1,
        samples().sample(tagValue("fault"), "F")))));
    return calls;
  }

  private VendorException failure(String call, Consumer<ConnectionContext> op, ConnectionContext c) {
    VendorException e = catchThrowableOfType(VendorException.class, () -> op.accept(c));
    assertThat(e).as("%s throws VendorException (a per-item rejection would be dropped, not retried)", call)
        .isNotNull();
    return e;
  }

  @Test
  default void checkAnswersTheAccountId() {
    assertThat(connector().check(connection())).isEqualTo(binding().accountId());
  }

  @Test
  default void aRateLimitWithRetryAfterIsRetryableAndSaysWhenToComeBack() {
    requireSandbox("a 429 storm");
    String id = createAtVendor(tagValue("storm"));
    binding().fixture().rateLimitStorm();
    everyCall(id).forEach((call, op) -> {
      VendorException e = failure(call, op, fresh(connection()));
      assertThat(e.status()).as(call).isEqualTo(429);
      assertThat(e.retryable()).as("%s: a 429 is retryable", call).isTrue();
      assertThat(e.retryAfter()).as("%s: Retry-After carried", call).isEqualTo(Duration.ofSeconds(1));
    });
  }

  @Test
  default void serverErrorsAreRetryable() {
    requireSandbox("an outage");
    String id = createAtVendor(tagValue("outage"));
    binding().fixture().outage();
    everyCall(id).forEach((call, op) -> {
      VendorException e = failure(call, op, fresh(connection()));
      assertThat(e.status()).as(call).isGreaterThanOrEqualTo(500);
      assertThat(e.retryable()).as("%s: a 5xx is retryable", call).isTrue();
    });
    binding().fixture().clearFaults();
    assertThat(connector().fetch(fresh(connection()), type(), id)).as("back after the outage").isPresent();
  }

  @Test
  default void refusedCredentialsAreNotRetryableAndSayWhy() {
    String id = createAtVendor(tagValue("creds"));
    everyCall(id).forEach((call, op) -> {
      VendorException e = failure(call, op, fresh(binding().badCredentials()));
      assertThat(e.status()).as("%s: 401 or 403", call).isIn(401, 403);
      assertThat(e.retryable()).as("%s: refused credentials are not retried", call).isFalse();
      assertThat(e.getMessage()).as("no secret in the message")
          .doesNotContain(binding().badCredentials().credentials().values().stream().filter(v -> v.length() > 8)
              .toArray(String[]::new));
    });
  }

  @Test
  default void everyCallGoesThroughTheConnectionsLimiter() {
    requireSandbox("the vendor's request counters");
    String id = createAtVendor(tagValue("limiter"));
    long vendorBefore = binding().fixture().vendorCalls();
    long guardedBefore = binding().http().total();
    everyCall(id).forEach((call, op) -> op.accept(connection()));
    long vendorCalls = binding().fixture().vendorCalls() - vendorBefore;
    assertThat(vendorCalls).as("the calls reached the vendor").isPositive();
    assertThat(binding().http().total() - guardedBefore).as("every vendor request passed the limiter")
        .isEqualTo(vendorCalls);
  }

  @Test
  default void anotherAccountNeitherSeesNorIsTouchedByTheFirstsWrites() {
    ConnectionContext other = binding().otherAccount();
    Assumptions.assumeTrue(other != null, "the target has no second account");
    assertThat(connector().check(other)).isNotEqualTo(binding().accountId());
    Instant since = binding().fixture().now().minusSeconds(2);
    String e = tagValue("isolated");
    WriteResult mine = connector().write(connection(), type(), List.of(createRequest(1,
        samples().sample(e, "Mine")))).getFirst();
    String id = ((WriteResult.Written) mine).externalId();
    assertThat(ConnectorContract.ids(ConnectorContract.flat(otherPages(other, since)))).doesNotContain(id);
    assertThat(connector().fetch(other, type(), id)).as("not visible in the other account").isEmpty();

    // the same natural key (or create key) in the other account is another object; the first account's is untouched
    WriteResult theirs = connector().write(other, type(), List.of(createRequest(2,
        samples().sample(e, "Theirs")))).getFirst();
    assertThat(theirs).isInstanceOf(WriteResult.Written.class);
    assertThat(connector().fetch(connection(), type(), id).orElseThrow().record().string(samples().changeField()))
        .isEqualTo("Mine");
    assertThat(connector().fetch(other, type(), ((WriteResult.Written) theirs).externalId()).orElseThrow()
        .record().string(samples().changeField())).isEqualTo("Theirs");
  }

  private List<dev.switchboard.app.connectors.RecordPage> otherPages(ConnectionContext other, Instant since) {
    List<dev.switchboard.app.connectors.RecordPage> out = new java.util.ArrayList<>();
    String next = null;
    do {
      var p = connector().listModified(other, type(), since, next);
      out.add(p);
      next = p.nextCursor();
    } while (next != null && out.size() < 50);
    return out;
  }
}
