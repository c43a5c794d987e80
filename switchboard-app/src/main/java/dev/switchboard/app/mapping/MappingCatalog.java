package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.model.CanonicalTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The default mappings: one file per (system, vendor type) under {@code mappings/<system>/<vendorType>.yaml} on the
 * class path, read once and validated ({@link MappingFileParser}). Connectors' bindings are plain objects, not beans,
 * so the defaults are reachable statically; {@link MappingFilesAtStart} reads them while the application starts, so a
 * broken file stops the start with its file, line and reason instead of failing the first sync that needs it.
 */
public final class MappingCatalog {
  static final String LOCATION = "classpath*:mappings/*/*.yaml";
  private static final Pattern PATH = Pattern.compile(".*mappings/([a-z0-9_-]+)/([A-Za-z0-9_:.-]+)\\.yaml$");

  private final Map<String, MappingFile> files;

  private MappingCatalog(Map<String, MappingFile> files) {
    this.files = Collections.unmodifiableMap(files);
  }

  /** The application's default mappings. @throws MappingFileException a broken file */
  public static MappingCatalog defaults() {
    return Defaults.CATALOG;
  }

  /** The mapping files matching a resource pattern ({@code classpath*:mappings/*}{@code /*.yaml}). */
  static MappingCatalog load(String pattern) {
    MappingFileParser parser = new MappingFileParser(CanonicalTypes.standard());
    Map<String, MappingFile> out = new LinkedHashMap<>();
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
      java.util.Arrays.sort(resources, java.util.Comparator.comparing(MappingCatalog::path));
      for (Resource r : resources) {
        String path = path(r);
        Matcher m = PATH.matcher(path);
        String name = m.matches() ? "mappings/" + m.group(1) + "/" + m.group(2) + ".yaml" : path;
        if (!m.matches()) {
          throw new MappingFileException(name, 1, "a mapping file is mappings/<system>/<vendorType>.yaml");
        }
        String text = r.getContentAsString(StandardCharsets.UTF_8);
        MappingFile file = parser.parse(name, m.group(1), m.group(2), text);
        if (out.put(key(file.system(), file.vendorType()), file) != null) {
          throw new MappingFileException(name, 1, "a second mapping of " + file.system() + " " + file.vendorType());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading mapping files " + pattern, e);
    }
    return new MappingCatalog(out);
  }

  /** The mapping of one vendor type. @throws IllegalArgumentException when there is none */
  public MappingFile file(String system, String vendorType) {
    return find(system, vendorType).orElseThrow(() ->
        new IllegalArgumentException("no mapping file mappings/" + system + "/" + vendorType + ".yaml"));
  }

  public Optional<MappingFile> find(String system, String vendorType) {
    return Optional.ofNullable(files.get(key(system, vendorType)));
  }

  /** The files of {@code system} mapping vendor types to {@code canonicalType}. */
  public List<MappingFile> forCanonical(String system, String canonicalType) {
    return files.values().stream()
        .filter(f -> f.system().equals(system) && f.canonicalType().equals(canonicalType)).toList();
  }

  public Collection<MappingFile> all() {
    return files.values();
  }

  private static String key(String system, String vendorType) {
    return system + "/" + vendorType;
  }

  private static String path(Resource r) {
    try {
      return r.getURL().toString();
    } catch (IOException e) {
      return String.valueOf(r.getFilename());
    }
  }

  /** Read on first use, once. */
  private static final class Defaults {
    static final MappingCatalog CATALOG = load(LOCATION);
  }
}
