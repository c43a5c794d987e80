package dev.switchboard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.canonical.CanonicalRecord;
import dev.switchboard.app.canonical.ContactField;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Finding the person a record belongs to: e-mail first, then phone, else a new id; keys are blind indexes. */
class IdentityResolverTests {
  final SpineFixture f = new SpineFixture();
  final IdentityResolver identity = f.identity;

  private IdentityResolver.Resolution resolve(Map<String, Object> fields) {
    return f.tx.execute(s -> identity.resolve(SpineFixture.TENANT, CanonicalRecord.contact(fields)));
  }

  @Test
  void anEmailMatchesBeforeAPhoneAndNothingMatchesIsANewPerson() {
    IdentityResolver.Resolution ann = resolve(Map.of(ContactField.EMAIL, "ann@example.com", ContactField.PHONE, "+14155550100"));
    assertThat(ann.created()).isTrue();
    f.tx.executeWithoutResult(s -> identity.claim(SpineFixture.TENANT, "contact", IdentityResolver.PHONE, "+14155550100",
        ann.canonicalId()));

    assertThat(resolve(Map.of(ContactField.EMAIL, "ann@example.com"))).satisfies(r -> {
      assertThat(r.canonicalId()).isEqualTo(ann.canonicalId());
      assertThat(r.matchedBy()).isEqualTo(IdentityResolver.EMAIL);
    });
    assertThat(resolve(Map.of(ContactField.PHONE, "+14155550100"))).satisfies(r -> {
      assertThat(r.canonicalId()).isEqualTo(ann.canonicalId());
      assertThat(r.matchedBy()).isEqualTo(IdentityResolver.PHONE);
    });
    assertThat(resolve(Map.of(ContactField.EMAIL, "bob@example.com")).created()).isTrue();
  }

  @Test
  void keysAreBlindIndexesNotTheValues() {
    resolve(Map.of(ContactField.EMAIL, "ann@example.com"));
    assertThat(f.db.sql("select key_hash from identity_key").query(String.class).list())
        .noneMatch(k -> k.contains("ann"));
  }

  @Test
  void workersSeeingTheSameNewEmailAtOnceAgreeOnOnePerson() throws Exception {
    int workers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new java.util.ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      for (int i = 0; i < workers; i++) {
        Callable<String> call = () -> {
          go.await();
          return resolve(Map.of(ContactField.EMAIL, "race@example.com")).canonicalId();
        };
        results.add(pool.submit(call));
      }
      go.countDown();
      Set<String> ids = new HashSet<>();
      for (Future<String> r : results) {
        ids.add(r.get());
      }
      assertThat(ids).hasSize(1);
    }
  }

  @Test
  void releasingAKeyOnlyDropsItForItsOwnRecord() {
    String a = resolve(Map.of(ContactField.EMAIL, "cy@example.com")).canonicalId();
    f.tx.executeWithoutResult(s -> identity.release(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL,
        "cy@example.com", "someone-else"));
    assertThat(identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, "cy@example.com")).contains(a);
    f.tx.executeWithoutResult(s -> identity.release(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL,
        "cy@example.com", a));
    assertThat(identity.lookup(SpineFixture.TENANT, "contact", IdentityResolver.EMAIL, "cy@example.com")).isEmpty();
  }
}
