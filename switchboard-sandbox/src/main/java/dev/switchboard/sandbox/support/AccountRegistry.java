package dev.switchboard.sandbox.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The accounts one vendor emulator holds, numbered from 1 (account 1 keeps the single-account credentials).
 * Lookups answer null for "no such account"; callers turn that into the vendor's own error. Each vendor's
 * registry extends this with its credential lookups (API key, OAuth token, refresh token, …).
 *
 * @param <A> the vendor's account type
 */
public class AccountRegistry<A> {

  private final List<A> accounts;

  /** Creates accounts {@code 1..count} with {@code create}. */
  protected AccountRegistry(int count, IntFunction<A> create) {
    List<A> list = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      list.add(create.apply(n));
    }
    this.accounts = List.copyOf(list);
  }

  public List<A> all() {
    return accounts;
  }

  public A first() {
    return accounts.getFirst();
  }

  /** The first account matching {@code test}, or null. */
  public A find(Predicate<A> test) {
    return accounts.stream().filter(test).findFirst().orElse(null);
  }

  /** Account {@code number} (1-based, as text or a number), or null if it is not one of this instance's. */
  public A byNumber(Object number) {
    try {
      int n = number instanceof Number x ? x.intValue() : Integer.parseInt(String.valueOf(number).trim());
      return n >= 1 && n <= accounts.size() ? accounts.get(n - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The account a {@code /_sandbox} request (or a sandbox-only OAuth parameter) names: the first account if
   * {@code account} is null, else the one {@code hasId} says carries that id (as text), else account number
   * {@code account}; null if none.
   */
  protected A named(Object account, BiPredicate<A, String> hasId) {
    if (account == null) {
      return first();
    }
    A byId = find(a -> hasId.test(a, String.valueOf(account)));
    return byId != null ? byId : byNumber(account);
  }

  /** {@code account} if a {@code /_sandbox} request named a known one, else 400 "unknown {what}: {id}". */
  public static <A> A known(A account, String what, Object id) {
    if (account == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown " + what + ": " + id);
    }
    return account;
  }
}
