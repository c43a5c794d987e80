package dev.switchboard.sandbox.support;

import java.util.Map;

/** One HTTP POST a vendor emulator sends to a webhook target. */
public record OutboundRequest(String url, String contentType, Map<String, String> headers, String body) {}
