package dev.switchboard.app.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class WebhookUrlsTest {
  final WebhookUrls urls = new WebhookUrls("https://sync.example.com/", List.of("10.0.0.0/8", " ::1 ", "192.0.2.1"));

  private static MockHttpServletRequest request(String remote, String... headers) {
    MockHttpServletRequest r = new MockHttpServletRequest("POST", "/webhooks/crm/hubspot");
    r.setRemoteAddr(remote);
    r.setServerName("app.internal");
    r.setServerPort(8080);
    r.addHeader("Host", "app.internal:8080");
    for (int i = 0; i < headers.length; i += 2) {
      r.addHeader(headers[i], headers[i + 1]);
    }
    return r;
  }

  @Test
  void thePublicUrlComesFirstAndAStrangerAddsNothing() {
    MockHttpServletRequest r = request("203.0.113.5", "X-Forwarded-Host", "evil.example.com", "Forwarded", "host=x.y");
    r.setQueryString("a=1");
    assertThat(urls.candidates(r)).containsExactly("https://sync.example.com/webhooks/crm/hubspot?a=1");
  }

  @Test
  void aTrustedProxyWithoutForwardedHeadersVouchesForTheHostItSent() {
    assertThat(urls.forwardedBase(request("10.1.2.3"))).isEqualTo("http://app.internal:8080");
    assertThat(urls.forwardedBase(request("0:0:0:0:0:0:0:1", "X-Forwarded-Proto", "https")))
        .isEqualTo("https://app.internal:8080");
  }

  @Test
  void xForwardedHeadersAreReadAtTheOutermostTrustedHop() {
    // client → proxy 10.9.9.9 → proxy 10.1.2.3 → app; each appended
    assertThat(urls.forwardedBase(request("10.1.2.3", "X-Forwarded-For", "198.51.100.1, 10.9.9.9",
        "X-Forwarded-Host", "public.example.com, inner.example.com", "X-Forwarded-Proto", "https, http")))
        .isEqualTo("https://public.example.com");
    // a client-planted value ahead of what the one proxy appended is skipped
    assertThat(urls.forwardedBase(request("10.1.2.3", "X-Forwarded-For", "10.0.0.7, 198.51.100.1",
        "X-Forwarded-Host", "evil.example.com, public.example.com"))).isEqualTo("http://public.example.com");
    assertThat(urls.forwardedBase(request("10.1.2.3", "X-Forwarded-Host", "h.example.com", "X-Forwarded-Port", "80")))
        .isEqualTo("http://h.example.com");
    assertThat(urls.forwardedBase(request("10.1.2.3", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
        "h.example.com:9443", "X-Forwarded-Prefix", "/a/b/"))).isEqualTo("https://h.example.com:9443/a/b");
  }

  @Test
  void forwardedElementsAreWalkedFromTheRightPastTrustedProxies() {
    assertThat(urls.forwardedBase(request("192.0.2.1", "Forwarded",
        "for=1.2.3.4;host=evil.example.com;proto=https, for=198.51.100.9;host=a.example.com;proto=https, "
            + "for=\"[::1]:9\";host=inner;proto=http"))).isEqualTo("https://a.example.com");
    assertThat(urls.forwardedBase(request("192.0.2.1", "Forwarded", "for=unknown;proto=https;host=\"[2001:db8::2]:8443\"")))
        .isEqualTo("https://[2001:db8::2]:8443");
  }

  @Test
  void junkFromATrustedProxyYieldsNoUrl() {
    assertThat(urls.forwardedBase(request("10.1.2.3", "X-Forwarded-Proto", "gopher"))).isNull();
    assertThat(urls.forwardedBase(request("10.1.2.3", "X-Forwarded-Host", "a/b@c"))).isNull();
    assertThat(urls.forwardedBase(request("10.1.2.3", "X-Forwarded-Port", "http"))).isNull();
    assertThat(urls.forwardedBase(request("10.1.2.3", "X-Forwarded-Prefix", "no-slash"))).isNull();
  }

  @Test
  void trustedProxiesAreLiteralAddressesAndRanges() {
    TrustedProxies p = TrustedProxies.parse(List.of("127.0.0.0/8", "2001:db8::/32", "10.0.0.1"));
    assertThat(p.contains("127.200.1.1")).isTrue();
    assertThat(p.contains("128.0.0.1")).isFalse();
    assertThat(p.contains("2001:db8:ffff::1")).isTrue();
    assertThat(p.contains("2001:db9::1")).isFalse();
    assertThat(p.contains("::ffff:10.0.0.1")).isTrue();
    assertThat(p.contains("10.0.0.2")).isFalse();
    assertThat(p.contains("localhost")).isFalse();
    assertThat(p.contains("999.1.1.1")).isFalse();
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.example.com"))).hasMessageContaining("proxy.example.com");
    assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
  }
}
