package dev.switchboard.app.connectors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where one connector may send a connection's credentials. A connection's {@code baseUrl} setting is honoured only
 * when it points at
 * <ul>
 *   <li>one of the vendor's documented hosts ({@link ConnectorDescriptor#vendorHosts()}: {@code api.hubapi.com},
 *       {@code *.api.mailchimp.com}, where {@code *} is exactly one DNS label), over https on port 443;</li>
 *   <li>the host of the connector's base URL the operator configured ({@code SWITCHBOARD_CONNECTORS_*_BASE_URL}),
 *       with its scheme and port ({@code {dc}}-style template labels match one DNS label); or</li>
 *   <li>a host the operator allows ({@link AllowedVendorHosts}, http or https).</li>
 * </ul>
 * Anything else is refused: other hosts and ports, user info ({@code https://api.hubapi.com@evil.example/}), query
 * or fragment, hosts written in a form {@link URI} does not read as a plain host name or address. What is allowed is
 * handed on rebuilt from its parsed parts, so the HTTP client cannot read the URL differently from this check.
 */
public final class VendorHosts {
  private static final String TEMPLATE_LABEL = "x-template-label-x";
  private static final String WHERE = "at %s's own API hosts %s (https), the base URL configured for this "
      + "installation, or a host in SWITCHBOARD_ALLOWED_VENDOR_HOSTS";

  private final String system;
  private final List<String> vendorHosts;
  private final @Nullable URI configured;
  private final AllowedVendorHosts allowed;

  /**
   * @param configuredBaseUrl the operator's base URL for this connector (may hold {@code {dc}}-style labels)
   */
  public VendorHosts(String system, List<String> vendorHosts, @Nullable String configuredBaseUrl,
      AllowedVendorHosts allowed) {
    this.system = system;
    this.vendorHosts = vendorHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    this.configured = configuredBaseUrl == null ? null : parse(configuredBaseUrl);
    this.allowed = allowed;
  }

  /** Why {@code url} may not be used as a base URL, or empty when it may. */
  public Optional<String> refusal(String url) {
    URI uri = parse(url);
    if (uri == null) {
      return Optional.of("baseUrl must be an absolute http(s) URL with a plain host name and no user info, query or "
          + "fragment, " + WHERE.formatted(system, vendorHosts));
    }
    if (allowedHost(uri)) {
      return Optional.empty();
    }
    return Optional.of("baseUrl may point only " + WHERE.formatted(system, vendorHosts) + "; " + host(uri) + ":"
        + port(uri) + " is none of them");
  }

  /**
   * {@code url} rebuilt from its parsed parts, when it may be used; otherwise a non-retryable
   * {@link VendorException} ({@code base_url_not_allowed}): credentials are never sent to a host nobody allowed, even
   * from a connection stored before this check existed.
   */
  public String require(String url) {
    Optional<String> refusal = refusal(url);
    if (refusal.isPresent()) {
      throw new VendorException(0, false, null, "base_url_not_allowed", system + " call refused: the connection's "
          + "baseUrl points at a host this installation does not allow (see SWITCHBOARD_ALLOWED_VENDOR_HOSTS)");
    }
    URI uri = parse(url);
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority()
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private boolean allowedHost(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = host(uri);
    int port = port(uri);
    if (scheme.equals("https") && port == 443 && vendorHosts.stream().anyMatch(p -> matches(p, host))) {
      return true;
    }
    if (configured != null && configured.getScheme().equalsIgnoreCase(scheme) && port(configured) == port
        && matches(host(configured).replace(TEMPLATE_LABEL, "*"), host)) {
      return true;
    }
    return allowed.allows(host, port);
  }

  /** {@code pattern} is a host name, or {@code *.suffix} where {@code *} stands for exactly one DNS label. */
  private static boolean matches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      String suffix = pattern.substring(1);
      return host.endsWith(suffix) && host.substring(0, host.length() - suffix.length()).matches("[a-z0-9-]+");
    }
    return pattern.equals(host);
  }

  private static @Nullable URI parse(String url) {
    try {
      URI uri = new URI(url.trim().replaceAll("\\{[A-Za-z]+}", TEMPLATE_LABEL));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean plain = uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
          && uri.getRawFragment() == null && !uri.isOpaque();
      return plain && (scheme.equals("http") || scheme.equals("https")) ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String host(URI uri) {
    String h = uri.getHost().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /**
   * The base URL a call of {@code connection} goes to, without a trailing slash: the connection's {@code baseUrl}
   * setting, checked on every call (after {@code expand}, so that what is checked is what is called), else
   * {@code configured}. {@code expand} fills what the URL leaves to the connection (Mailchimp's {@code {dc}}).
   */
  public String baseUrl(ConnectionContext connection, String configured, java.util.function.UnaryOperator<String> expand) {
    String override = connection.setting("baseUrl");
    boolean overridden = override != null && !override.isBlank();
    String base = expand.apply(overridden ? override : configured);
    if (overridden) {
      base = require(base);
    }
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
