package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code JdbcClient...query(mapper).stream()} holds its connection until the stream is closed: called outside a
 * transaction and not closed, every call leaks one, and the pool runs dry under load (it did, once, in the sync
 * spine). Production code reads results as lists.
 */
class NoStreamedQueriesTest {
  private static final Pattern STREAMED = Pattern.compile("\\.query\\((?:[^;()]|\\([^;()]*\\))*\\)\\s*\\.stream\\(\\)");

  @Test
  void noProductionQueryIsReadAsAStream() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return STREAMED.matcher(Files.readString(p)).find();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).map(Path::toString).toList();
    }
    assertThat(offenders).as("classes that stream a JdbcClient query (use .list())").isEmpty();
  }
}
