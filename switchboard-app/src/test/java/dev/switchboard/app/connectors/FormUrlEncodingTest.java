package dev.switchboard.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormUrlEncodingTest {

  @Test
  void decodesPairsPlusesEscapesAndUtf8() {
    assertThat(FormUrlEncoding.decode("a=1&b=x+y&c=%C3%A9t%C3%A9&a=2&&d&e="))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "x y"), Map.entry("c", "été"), Map.entry("d", ""),
            Map.entry("e", ""));
    assertThat(FormUrlEncoding.decode("k%5B0%5D=%F0%9F%98%80")).containsEntry("k[0]", "😀");
    assertThat(FormUrlEncoding.decode("")).isEmpty();
    assertThat(FormUrlEncoding.decode("a==b")).containsEntry("a", "=b");
    assertThat(FormUrlEncoding.pairs("a=1&&b&")).isEqualTo(2);
  }

  @Test
  void refusesBrokenEscapesAndBytesThatAreNotUtf8() {
    for (String bad : new String[] {"a=%", "a=%4", "%zz=1", "a=%C3%28", "a=%FF", "a=%E2%82", "a=%ED%A0%80", "=",
        "a=1&=2"}) {
      assertThat(FormUrlEncoding.isWellFormed(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> FormUrlEncoding.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .message().doesNotContain(bad);
    }
    assertThatThrownBy(() -> FormUrlEncoding.decode(new byte[] {'a', '=', (byte) 0xC3, '('}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rawUtf8InABodyIsTolerated() {
    assertThat(FormUrlEncoding.decode("name=Zoë".getBytes(StandardCharsets.UTF_8))).containsEntry("name", "Zoë");
  }
}
