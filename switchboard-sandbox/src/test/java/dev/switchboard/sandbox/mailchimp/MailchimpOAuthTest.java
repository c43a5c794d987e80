package dev.switchboard.sandbox.mailchimp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.Http;
import dev.switchboard.sandbox.SandboxFixture;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The parts of Mailchimp's OAuth flow that are strict about their parameters and headers. */
class MailchimpOAuthTest {

  static final String AUTHORIZE = "/mailchimp/oauth2/authorize?client_id=sandbox-mailchimp-client-id"
      + "&redirect_uri=http://localhost:9999/cb";
  @RegisterExtension
  static final SandboxFixture sandbox = SandboxFixture.start(Map.of()).noReset();
  static final Http anon = sandbox.ctl();

  @Test
  void authorizeRequiresResponseTypeCode() {
    Http.Res missing = anon.get(AUTHORIZE);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error").asString()).isEqualTo("invalid_request");
    Http.Res token = anon.get(AUTHORIZE + "&response_type=token");
    assertThat(token.status()).isEqualTo(400);
    assertThat(token.json().get("error").asString()).isEqualTo("unsupported_response_type");
    assertThat(anon.get(AUTHORIZE + "&response_type=code").status()).isEqualTo(302);
  }

  @Test
  void metadataTakesOnlyTheOAuthScheme() {
    Http.Res redirect = anon.get(AUTHORIZE + "&response_type=code");
    Matcher code = Pattern.compile("code=([^&]+)").matcher(redirect.header("Location"));
    assertThat(code.find()).isTrue();
    String access = anon.postForm("/mailchimp/oauth2/token", Map.of("grant_type", "authorization_code",
        "client_id", "sandbox-mailchimp-client-id", "client_secret", "sandbox-mailchimp-client-secret",
        "redirect_uri", "http://localhost:9999/cb", "code", code.group(1))).json().get("access_token").asString();
    assertThat(new Http(sandbox.baseUrl(), Map.of("Authorization", "Bearer " + access)).get("/mailchimp/oauth2/metadata")
        .status()).isEqualTo(401);
    assertThat(new Http(sandbox.baseUrl(), Map.of("Authorization", "OAuth " + access)).get("/mailchimp/oauth2/metadata")
        .status()).isEqualTo(200);
  }
}
