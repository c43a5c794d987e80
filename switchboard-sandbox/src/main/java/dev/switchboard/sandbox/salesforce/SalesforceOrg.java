package dev.switchboard.sandbox.salesforce;

import dev.switchboard.sandbox.support.ChangeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One Salesforce org: its org id, its API user (and the user who edits in the UI), its records and external ids,
 * its sessions, refresh tokens and codes, its query cursors and its rolling 24-hour API allocation. Nothing is
 * shared between orgs, so a session of one never sees another's records.
 *
 * <p>Org 1 is the one the sandbox always had (org {@code 00D5g000004SbxYEAS}, user {@code 0055g00000SbxUsAAJ}
 * {@code sandbox-admin@switchboard.example}, static session {@code sandbox.salesforce.static-token}). Org N ≥ 2 is
 * derived from N: org id {@code 00D5g000004Sb} + N as two digits (18-char form), API user {@code 0055g00000Sb} + NN
 * + {@code U}, UI user … + {@code i}, username {@code sandbox-admin@orgN.switchboard.example}, static session = its
 * 15-char org id + {@code !sandbox-static-session}. Record ids carry a per-org counter offset of 10⁹·(N−1), so no two
 * orgs share one, as Salesforce ids are unique across orgs. Every org has the same instance URL (this sandbox's
 * {@code /salesforce}); the org is told by the session.
 */
final class SalesforceOrg {

  final int number;
  final String orgId;
  final String userId;
  final String uiUserId;
  final String username;
  final String staticToken;
  final SalesforceStore store;
  final SalesforceTokens tokens;
  final SalesforceCursors cursors = new SalesforceCursors();
  private final Deque<Instant> calls = new ArrayDeque<>();

  SalesforceOrg(int number, SalesforceSettings settings, ChangeClock clock) {
    this.number = number;
    boolean first = number == 1;
    String nn = String.format("%02d", number);
    this.orgId = first ? settings.orgId : SalesforceIds.to18("00D5g000004Sb" + nn);
    this.userId = first ? settings.userId : SalesforceIds.to18("0055g00000Sb" + nn + "U");
    this.uiUserId = first ? SalesforceStore.UI_USER : SalesforceIds.to18("0055g00000Sb" + nn + "i");
    this.username = first ? settings.username : "sandbox-admin@org" + number + ".switchboard.example";
    this.staticToken = first ? settings.staticToken : orgId.substring(0, 15) + "!sandbox-static-session";
    this.store = new SalesforceStore(clock, 1_000_000_000L * (number - 1));
    this.tokens = new SalesforceTokens(clock, settings, orgId, staticToken);
  }

  /** Calls counted against this org's allocation in the 24 hours before {@code now}. */
  synchronized int used(Instant now) {
    while (!calls.isEmpty() && !calls.peekFirst().isAfter(now.minus(Duration.ofDays(1)))) {
      calls.removeFirst();
    }
    return calls.size();
  }

  /** Counts one call and answers the calls used including it, or -1 (not counted) if the allocation is spent. */
  synchronized int tryCount(Instant now, int limit) {
    int used = used(now);
    if (used >= limit) {
      return -1;
    }
    calls.addLast(now);
    return used + 1;
  }

  /** Clears records, sessions, cursors and the API usage. */
  synchronized void reset() {
    store.reset();
    tokens.reset();
    cursors.reset();
    calls.clear();
  }
}
