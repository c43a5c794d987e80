package dev.switchboard.app.mapping;

import dev.switchboard.app.canonical.MinorUnits;
import dev.switchboard.app.canonical.ValueType;
import dev.switchboard.app.canonical.model.Authority;
import dev.switchboard.app.canonical.model.CanonicalType;
import dev.switchboard.app.canonical.model.CanonicalTypes;
import dev.switchboard.app.canonical.model.FieldDef;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates one mapping file. The YAML is composed into nodes (SnakeYAML, which Spring Boot already ships
 * and manages) rather than bound to classes, so every error names the line of the entry at fault. What is checked:
 * the keys of the file and of each entry (no unknown or repeated key), the canonical type and fields (declared, or
 * {@code custom.*} where the type allows custom fields), vendor field names, the direction, that the transform applies
 * to the fields' value types and counts, that no direction lets a system change a field only the issuer may change
 * (unless the file says the system is the issuer), that no two rules read into one canonical field or write one vendor
 * field, and the filter's field and values.
 */
final class MappingFileParser {
  private static final Set<String> FILE_KEYS = Set.of("canonicalType", "issuer", "modifiedAt", "read", "filter",
      "fields", "description", "requiredAtCreate");
  private static final Set<String> RULE_KEYS = Set.of("canonical", "vendor", "direction", "transform", "lookup",
      "description");
  /** A custom field's name, as the API's field authority takes it. */
  // as the canonical model allows them (CanonicalType): a connect-time custom key with a hyphen or a dot maps
  private static final Pattern CUSTOM_FIELD = Pattern.compile("custom\\.[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
  private static final Pattern COMPUTATION = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
  /** {@code money: {currency: portal}}: the account's currency, which the binding supplies per connection. */
  private static final String PORTAL = "portal";
  private static final Pattern VENDOR_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:\\-]*");

  private final CanonicalTypes types;

  MappingFileParser(CanonicalTypes types) {
    this.types = types;
  }

  /**
   * @throws MappingFileException the first problem found, with the resource and line
   */
  MappingFile parse(String resource, String system, String vendorType, String yaml) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
      throw new MappingFileException(resource, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new MappingFileException(resource, 1, "not valid YAML: " + e.getMessage());
    }
    return new FileReader(resource, system).read(root, vendorType);
  }

  /** One file's read: knows the resource for its errors. */
  private final class FileReader {
    private final String resource;
    private final String system;

    FileReader(String resource, String system) {
      this.resource = resource;
      this.system = system;
    }

    MappingFile read(@Nullable Node root, String vendorType) {
      if (!(root instanceof MappingNode)) {
        throw error(root, "a mapping file is a map with canonicalType and fields");
      }
      Map<String, Node> file = map(root, FILE_KEYS);
      CanonicalType type = types.find(scalar(required(file, "canonicalType", root)))
          .orElseThrow(() -> error(file.get("canonicalType"), "no canonical type "
              + scalar(file.get("canonicalType"))));
      boolean issuer = file.containsKey("issuer") && bool(file.get("issuer"));
      Node fieldsNode = required(file, "fields", root);
      if (!(fieldsNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
        throw error(fieldsNode, "fields is a list of entries");
      }
      List<FieldRule> rules = new ArrayList<>();
      Map<String, Integer> readInto = new HashMap<>();
      Map<String, Integer> writtenTo = new HashMap<>();
      for (Node entry : seq.getValue()) {
        FieldRule rule = rule(entry, type, issuer);
        if (rule.direction().reads()) {
          for (String c : rule.canonical()) {
            Integer earlier = readInto.putIfAbsent(c, rule.line());
            if (earlier != null) {
              throw error(entry, "canonical field " + c + " is already read at line " + earlier);
            }
          }
        }
        if (rule.direction().writes()) {
          for (String v : rule.vendor()) {
            Integer earlier = writtenTo.putIfAbsent(v, rule.line());
            if (earlier != null) {
              throw error(entry, "vendor field " + v + " is already written at line " + earlier);
            }
          }
        }
        rules.add(rule);
      }
      List<String> alsoRead = new ArrayList<>();
      String modifiedAt = null;
      if (file.containsKey("modifiedAt")) {
        modifiedAt = vendorNames(file.get("modifiedAt")).get(0);
        alsoRead.add(modifiedAt);
      }
      if (file.containsKey("read")) {
        alsoRead.addAll(vendorNames(file.get("read")));
      }
      RecordFilter filter = file.containsKey("filter") ? filter(file.get("filter"), type) : null;
      List<String> requiredAtCreate = file.containsKey("requiredAtCreate")
          ? vendorNames(file.get("requiredAtCreate")) : List.of();
      return new MappingFile(resource, system, vendorType, type.name(), rules, alsoRead, modifiedAt, filter,
          requiredAtCreate);
    }

    private FieldRule rule(Node entry, CanonicalType type, boolean issuer) {
      if (!(entry instanceof MappingNode)) {
        throw error(entry, "an entry is a map with canonical, vendor and direction");
      }
      Map<String, Node> m = map(entry, RULE_KEYS);
      String dir = scalar(required(m, "direction", entry));
      Direction direction = Direction.parse(dir).orElseThrow(() ->
          error(m.get("direction"), "invalid_value", "direction", "direction is read, write or both, not " + dir));
      List<String> canonical = m.containsKey("canonical") ? names(m.get("canonical")) : List.of();
      List<String> vendor = m.containsKey("vendor") ? vendorNames(m.get("vendor")) : List.of();
      if (canonical.isEmpty() && vendor.isEmpty()) {
        throw error(entry, "an entry names a canonical field, a vendor field or both");
      }
      List<@Nullable ValueType> valueTypes = new ArrayList<>();
      for (String c : canonical) {
        FieldDef def = type.field(c).orElse(null);
        if (def == null && !(type.allowsCustomFields() && CUSTOM_FIELD.matcher(c).matches())) {
          throw error(m.get("canonical"), "unknown_field", "canonical", "unknown canonical field " + c + " of "
              + type.name());
        }
        if (def != null && def.authority() == Authority.ISSUER && direction.reads() && !issuer) {
          throw error(m.get("direction"), "direction_breaks_authority", "direction", "direction " + dir + " lets "
              + system + " change " + c + ", which only the issuer of a " + type.name() + " may change");
        }
        valueTypes.add(def == null ? null : def.type());
      }
      Transform transform = m.containsKey("transform")
          ? transform(m.get("transform"), valueTypes) : IdentityTransform.INSTANCE;
      String why = transform.incompatibility(valueTypes, vendor.size(), direction);
      if (why != null) {
        // a transform that exists but not for these value types, or not for these counts or this direction
        throw error(m.getOrDefault("transform", entry), why.contains(" maps onto ") ? "incompatible_types"
            : "transform_not_applicable", "transform", why);
      }
      Lookup lookup = null;
      if (m.containsKey("lookup")) {
        if (!direction.writes() || canonical.size() != 1) {
          throw error(m.get("lookup"), "a lookup gives the written value of one canonical field");
        }
        lookup = lookup(m.get("lookup"));
      }
      return new FieldRule(canonical, vendor, direction, transform, lookup, line(entry));
    }

    private Transform transform(Node node, List<@Nullable ValueType> valueTypes) {
      String name;
      Node params;
      if (node instanceof ScalarNode s) {
        name = s.getValue();
        params = null;
      } else if (node instanceof MappingNode mn && mn.getValue().size() == 1) {
        name = scalar(mn.getValue().get(0).getKeyNode());
        params = mn.getValue().get(0).getValueNode();
      } else {
        throw error(node, "a transform is its name, or a map of its name to its parameters");
      }
      return switch (name) {
        case "none" -> IdentityTransform.INSTANCE;
        case "enum" -> enumMap(required(params, node));
        case "money" -> money(required(params, node));
        case "datetime" -> datetime(required(params, node), valueTypes);
        case "duration" -> duration(required(params, node));
        case "name" -> {
          String how = scalar(required(params, node));
          if (!how.equals("split") && !how.equals("join")) {
            throw error(params, "name is split (the vendor keeps the whole name) or join");
          }
          yield new NameTransform(how.equals("split"));
        }
        case "default" -> new DefaultTransform(scalar(required(params, node)));
        case "constant" -> new ConstantTransform(scalar(required(params, node)));
        case "concat" -> new ConcatTransform(params == null ? " "
            : params instanceof ScalarNode s ? s.getValue()
            : scalar(required(map(params, Set.of("separator")), "separator", params)));
        case "address" -> new AddressTransform(params == null ? List.of()
            : names(required(map(params, Set.of("parts")), "parts", params)));
        case "pipelineStage" -> new PipelineStageTransform(scalar(required(map(required(params, node),
            Set.of("defaultPipeline")), "defaultPipeline", params)), null);
        case "interval" -> interval(required(params, node));
        case "ref" -> {
          String type = scalar(required(params, node));
          if (types.find(type).isEmpty()) {
            throw error(params, "ref names no canonical type " + type);
          }
          yield new RefTransform(type);
        }
        case "offset" -> {
          String by = scalar(required(params, node));
          try {
            yield new OffsetTransform(Long.parseLong(by));
          } catch (NumberFormatException e) {
            throw error(params, "offset is a whole number, not " + by);
          }
        }
        case "computed" -> {
          String computation = scalar(required(params, node));
          if (!COMPUTATION.matcher(computation).matches()) {
            throw error(params, "computed names the binding's computation (letters and digits), not " + computation);
          }
          yield new ComputedTransform(computation, null);
        }
        case "children" -> {
          String childType = scalar(required(params, node));
          if (!VENDOR_NAME.matcher(childType).matches()) {
            throw error(params, "children names the children's vendor type, not " + childType);
          }
          yield new ChildrenTransform(childType);
        }
        default -> throw error(node, "transform_not_applicable", "transform", "unknown transform " + name
            + " (none, enum, money, datetime, duration, name, default, constant, concat, address, pipelineStage,"
            + " interval, ref, offset, computed, children)");
      };
    }

    private Transform enumMap(Node params) {
      Map<String, Node> p = map(params, Set.of("map", "unmapped", "empty"));
      Node table = required(p, "map", params);
      if (!(table instanceof MappingNode tm) || tm.getValue().isEmpty()) {
        throw error(table, "enum map is a map of vendor code to canonical code");
      }
      Map<String, String> codes = new LinkedHashMap<>();
      for (NodeTuple t : tm.getValue()) {
        if (codes.put(scalar(t.getKeyNode()), scalar(t.getValueNode())) != null) {
          throw error(t.getKeyNode(), "vendor code " + scalar(t.getKeyNode()) + " is mapped twice");
        }
      }
      String unmapped = p.containsKey("unmapped") ? scalar(p.get("unmapped")) : "refuse";
      EnumTransform.Unmapped u;
      try {
        u = EnumTransform.Unmapped.valueOf(unmapped.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw error(p.get("unmapped"), "unmapped is refuse, keep, absent or drop, not " + unmapped);
      }
      String empty = p.containsKey("empty") ? scalar(p.get("empty")) : null;
      if (empty != null && codes.keySet().stream().anyMatch(empty::equalsIgnoreCase)) {
        throw error(p.get("empty"), "the empty code " + empty + " is also mapped to a code");
      }
      return new EnumTransform(codes, u, empty);
    }

    private Transform money(Node params) {
      Map<String, Node> p = map(params, Set.of("units", "table", "currency"));
      String units = scalar(required(p, "units", params));
      if (!units.equals("minor") && !units.equals("decimal")) {
        throw error(p.get("units"), "units is minor (integer minor units) or decimal, not " + units);
      }
      String table = p.containsKey("table") ? scalar(p.get("table")) : "iso4217";
      MinorUnits t = switch (table) {
        case "iso4217" -> MinorUnits.ISO_4217;
        case "stripe" -> MinorUnits.STRIPE;
        default -> throw error(p.get("table"), "table is iso4217 or stripe, not " + table);
      };
      String currency = p.containsKey("currency") ? scalar(p.get("currency")) : null;
      if (PORTAL.equals(currency)) {
        return new PortalMoneyTransform(units.equals("minor"), t, null); // the account's, bound per connection
      }
      if (currency != null) {
        try {
          currency = dev.switchboard.app.canonical.Money.currency(currency).getCurrencyCode();
        } catch (RuntimeException e) {
          throw error(p.get("currency"), "currency is an ISO 4217 code, not " + currency);
        }
      }
      return new MoneyTransform(units.equals("minor"), t, currency);
    }

    /** {@code interval: {map: {<code>: [<interval>, <count>], …}, none: <interval>}}. */
    private Transform interval(Node params) {
      Map<String, Node> p = map(params, Set.of("map", "none"));
      Node table = required(p, "map", params);
      if (!(table instanceof MappingNode tm) || tm.getValue().isEmpty()) {
        throw error(table, "interval map is a map of vendor code to [interval, count]");
      }
      Map<String, IntervalTransform.Interval> codes = new LinkedHashMap<>();
      for (NodeTuple t : tm.getValue()) {
        String code = scalar(t.getKeyNode()).toLowerCase(Locale.ROOT);
        if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().size() != 2) {
          throw error(t.getValueNode(), "interval map gives " + code + " as [interval, count]");
        }
        long count;
        try {
          count = Long.parseLong(scalar(seq.getValue().get(1)));
        } catch (NumberFormatException e) {
          throw error(seq.getValue().get(1), "the count of " + code + " is a whole number");
        }
        if (count < 1) {
          throw error(seq.getValue().get(1), "the count of " + code + " is at least 1");
        }
        IntervalTransform.Interval i = new IntervalTransform.Interval(scalar(seq.getValue().get(0)), count);
        if (codes.containsValue(i)) {
          throw error(t.getKeyNode(), "every " + count + " " + i.interval() + " is mapped twice");
        }
        if (codes.put(code, i) != null) {
          throw error(t.getKeyNode(), "vendor code " + code + " is mapped twice");
        }
      }
      return new IntervalTransform(codes, scalar(required(p, "none", params)));
    }

    private Transform datetime(Node params, List<@Nullable ValueType> valueTypes) {
      Map<String, Node> p = map(params, Set.of("format", "zone"));
      String format = scalar(required(p, "format", params));
      ZoneId zone = ZoneOffset.UTC;
      if (p.containsKey("zone")) {
        try {
          zone = ZoneId.of(scalar(p.get("zone")));
        } catch (DateTimeException e) {
          throw error(p.get("zone"), "no time zone " + scalar(p.get("zone")));
        }
      }
      boolean date = valueTypes.size() == 1 && valueTypes.get(0) instanceof ValueType.DateType;
      try {
        return DateTimeTransform.of(format, zone, date);
      } catch (IllegalArgumentException e) {
        throw error(p.get("format"), "format is epoch-millis, iso, iso-instant or a date-time pattern: " + e.getMessage());
      }
    }

    /** {@code duration: {unit: millis, format: iso, zone: UTC}}: start and end ⇄ start and duration. */
    private Transform duration(Node params) {
      Map<String, Node> p = map(params, Set.of("unit", "format", "zone"));
      String unit = scalar(required(p, "unit", params));
      java.time.Duration u = switch (unit) {
        case "millis" -> java.time.Duration.ofMillis(1);
        case "seconds" -> java.time.Duration.ofSeconds(1);
        default -> throw error(p.get("unit"), "unit is millis or seconds, not " + unit);
      };
      String format = p.containsKey("format") ? scalar(p.get("format")) : DateTimeTransform.ISO;
      ZoneId zone = ZoneOffset.UTC;
      if (p.containsKey("zone")) {
        try {
          zone = ZoneId.of(scalar(p.get("zone")));
        } catch (DateTimeException e) {
          throw error(p.get("zone"), "no time zone " + scalar(p.get("zone")));
        }
      }
      try {
        return new DurationTransform(DateTimeTransform.of(format, zone, false), u);
      } catch (IllegalArgumentException e) {
        throw error(p.get("format"), "format is epoch-millis, iso or a date-time pattern: " + e.getMessage());
      }
    }

    private Lookup lookup(Node params) {
      Map<String, Node> p = map(params, Set.of("edge", "type", "field", "fallback"));
      String edge = scalar(required(p, "edge", params));
      String typeName = scalar(required(p, "type", params));
      CanonicalType other = types.find(typeName).orElseThrow(() ->
          error(p.get("type"), "no canonical type " + typeName));
      String field = scalar(required(p, "field", params));
      if (other.field(field).isEmpty()) {
        throw error(p.get("field"), "unknown canonical field " + field + " of " + typeName);
      }
      return new Lookup(edge, typeName, field, p.containsKey("fallback") && bool(p.get("fallback")));
    }

    /** {@code filter: {field, in: [...]}} or {@code {field, not_in: [...]}}, or {@code {field}}: any value. */
    private RecordFilter filter(Node node, CanonicalType type) {
      Map<String, Node> p = map(node, Set.of("field", "in", "not_in"));
      String field = scalar(required(p, "field", node));
      FieldDef def = type.field(field).orElseThrow(() ->
          error(p.get("field"), "the filter names unknown canonical field " + field + " of " + type.name()));
      if (p.containsKey("in") && p.containsKey("not_in")) {
        throw error(p.get("not_in"), "a filter has either in or not_in");
      }
      String key = p.containsKey("not_in") ? "not_in" : "in";
      List<String> values = p.containsKey(key) ? names(p.get(key)) : List.of();
      if (p.containsKey(key) && values.isEmpty()) {
        throw error(p.get(key), "the filter's " + key + " lists no values");
      }
      for (String v : values) {
        Optional<String> bad = RecordFilters.badValue(def, v);
        if (bad.isPresent()) {
          throw error(p.get(key), "the filter's value " + v + " is not a code of " + field);
        }
      }
      return new RecordFilter(field, values.isEmpty() ? RecordFilter.Operator.PRESENT
          : key.equals("in") ? RecordFilter.Operator.IN : RecordFilter.Operator.NOT_IN, values);
    }

    private List<String> vendorNames(Node node) {
      List<String> names = names(node);
      for (String n : names) {
        if (!VENDOR_NAME.matcher(n).matches()) {
          throw error(node, "invalid_value", "vendor", "not a vendor field name: '" + n + "'");
        }
      }
      return names;
    }

    /** One name or a list of names, none blank. */
    private List<String> names(Node node) {
      List<String> out = new ArrayList<>();
      if (node instanceof ScalarNode) {
        out.add(scalar(node));
      } else if (node instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
        seq.getValue().forEach(n -> out.add(scalar(n)));
      } else {
        throw error(node, "expected a name or a list of names");
      }
      return out;
    }

    /** The entries of a map node; an unknown or repeated key is an error. */
    private Map<String, Node> map(Node node, Set<String> allowed) {
      if (!(node instanceof MappingNode mn)) {
        throw error(node, "expected a map with " + String.join(", ", allowed.stream().sorted().toList()));
      }
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : mn.getValue()) {
        String key = scalar(t.getKeyNode());
        if (!allowed.contains(key)) {
          throw error(t.getKeyNode(), "unknown_key", key, "unknown key " + key + " (expected " + String.join(", ",
              allowed.stream().sorted().toList()) + ")");
        }
        if (out.put(key, t.getValueNode()) != null) {
          throw error(t.getKeyNode(), "key " + key + " given twice");
        }
      }
      return out;
    }

    private Node required(Map<String, Node> m, String key, Node at) {
      return Optional.ofNullable(m.get(key)).orElseThrow(() -> error(at, "missing " + key));
    }

    private Node required(@Nullable Node params, Node at) {
      if (params == null) {
        throw error(at, "this transform needs parameters");
      }
      return params;
    }

    private String scalar(@Nullable Node node) {
      if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
        throw error(node, "expected a non-empty value");
      }
      return s.getValue().trim();
    }

    private boolean bool(Node node) {
      String s = scalar(node);
      if (!s.equals("true") && !s.equals("false")) {
        throw error(node, "expected true or false, not " + s);
      }
      return s.equals("true");
    }

    private MappingFileException error(@Nullable Node node, String reason) {
      return new MappingFileException(resource, node == null ? 1 : line(node), reason);
    }

    private MappingFileException error(@Nullable Node node, String code, String key, String reason) {
      return new MappingFileException(resource, node == null ? 1 : line(node), code, key, reason);
    }
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
  }
}
