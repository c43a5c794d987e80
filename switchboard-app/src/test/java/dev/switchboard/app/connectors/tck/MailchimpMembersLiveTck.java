package dev.switchboard.app.connectors.tck;

import org.junit.jupiter.api.BeforeAll;

/**
 * The Mailchimp contract suite against a real audience: {@code TCK_MAILCHIMP_API_KEY} and {@code TCK_MAILCHIMP_LIST_ID};
 * optionally {@code TCK_MAILCHIMP_API_KEY_2} with {@code TCK_MAILCHIMP_LIST_ID_2} (another account, for isolation)
 * and {@code TCK_MAILCHIMP_BASE_URL}. Contracts that need the sandbox are skipped; the others subscribe
 * {@code tck-…@example.com} addresses, so use a test audience.
 */
class MailchimpMembersLiveTck extends MailchimpMembersTck {

  @BeforeAll
  static void requireAccount() {
    LiveTarget.require("Mailchimp", "TCK_MAILCHIMP_API_KEY", "TCK_MAILCHIMP_LIST_ID");
  }

  @Override
  TckBinding create() {
    return bind(LiveTarget.env("TCK_MAILCHIMP_BASE_URL", "https://{dc}.api.mailchimp.com/3.0"),
        LiveTarget.env("TCK_MAILCHIMP_API_KEY"), LiveTarget.env("TCK_MAILCHIMP_LIST_ID"),
        LiveTarget.env("TCK_MAILCHIMP_API_KEY_2"), LiveTarget.env("TCK_MAILCHIMP_LIST_ID_2"), 1, false);
  }
}
