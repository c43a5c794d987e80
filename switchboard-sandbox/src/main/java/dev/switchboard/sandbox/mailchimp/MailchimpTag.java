package dev.switchboard.sandbox.mailchimp;

import java.time.Instant;

/**
 * A tag on a member: the audience-wide tag {@code id} (the same for every member carrying {@code name}) and when it
 * was added to this member. https://mailchimp.com/developer/marketing/api/list-member-tags/
 */
record MailchimpTag(int id, String name, Instant dateAdded) {}
