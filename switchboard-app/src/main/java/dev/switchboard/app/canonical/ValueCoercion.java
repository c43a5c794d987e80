package dev.switchboard.app.canonical;

import dev.switchboard.app.canonical.ValueType.AddressType;
import dev.switchboard.app.canonical.ValueType.BooleanType;
import dev.switchboard.app.canonical.ValueType.CurrencyType;
import dev.switchboard.app.canonical.ValueType.DateType;
import dev.switchboard.app.canonical.ValueType.DecimalType;
import dev.switchboard.app.canonical.ValueType.DomainType;
import dev.switchboard.app.canonical.ValueType.EmailType;
import dev.switchboard.app.canonical.ValueType.EnumType;
import dev.switchboard.app.canonical.ValueType.InstantType;
import dev.switchboard.app.canonical.ValueType.IntegerType;
import dev.switchboard.app.canonical.ValueType.ListType;
import dev.switchboard.app.canonical.ValueType.MoneyType;
import dev.switchboard.app.canonical.ValueType.PhoneType;
import dev.switchboard.app.canonical.ValueType.RefType;
import dev.switchboard.app.canonical.ValueType.StructType;
import dev.switchboard.app.canonical.ValueType.TextType;
import dev.switchboard.app.canonical.ValueType.UrlType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@link ValueType#clean} and {@link ValueType#check}: one rule per value type. */
final class ValueCoercion {

  private ValueCoercion() {}

  static Value clean(ValueType type, @Nullable Object raw, CleanContext context) {
    if (isNoValue(raw)) {
      return Value.EMPTY;
    }
    Object in = raw;
    return switch (type) {
      case TextType t -> text(t, in);
      case EmailType e -> in instanceof EmailValue v
          ? v
          : EmailCleaner.clean(string(in, CanonicalException.INVALID_EMAIL));
      case PhoneType p -> context.phones().clean(in instanceof PhoneValue v ? v.number() : phoneString(in));
      case UrlType u -> in instanceof UrlValue v ? v : UrlCleaner.clean(string(in, CanonicalException.INVALID_URL));
      case DomainType d -> in instanceof DomainValue v
          ? v
          : Domains.clean(string(in, CanonicalException.INVALID_DOMAIN));
      case EnumType e -> enumValue(e, in);
      case BooleanType b -> bool(in);
      case IntegerType i -> in instanceof IntegerValue v ? v : new IntegerValue(Numbers.integer(in));
      case DecimalType d -> new DecimalValue(Numbers.requireScale(
          in instanceof DecimalValue v ? v.value() : Numbers.decimal(in), d.scale()));
      case MoneyType m -> money(m, in);
      case CurrencyType c -> currency(in);
      case InstantType i -> Times.instant(in);
      case DateType d -> Times.date(in);
      case ListType l -> Lists.clean(l, in, context);
      case AddressType a -> AddressCleaner.clean(in);
      case RefType r -> check(r, ref(in));
      case StructType s -> Lists.struct(s, in, context);
    };
  }

  static Value check(ValueType type, Value value) {
    if (value.isEmpty()) {
      return value;
    }
    boolean fits = switch (type) {
      case TextType t -> value instanceof TextValue v && text(t, v.text()).equals(v);
      case EmailType e -> value instanceof EmailValue;
      case PhoneType p -> value instanceof PhoneValue;
      case UrlType u -> value instanceof UrlValue;
      case DomainType d -> value instanceof DomainValue;
      case EnumType e -> value instanceof EnumValue v && enumValue(e, v.code()).equals(v);
      case BooleanType b -> value instanceof BooleanValue;
      case IntegerType i -> value instanceof IntegerValue;
      case DecimalType d -> value instanceof DecimalValue v
          && v.equals(new DecimalValue(Numbers.requireScale(v.value(), d.scale())));
      case MoneyType m -> value instanceof Money v && money(m, v).equals(v);
      case CurrencyType c -> value instanceof CurrencyValue;
      case InstantType i -> value instanceof InstantValue;
      case DateType d -> value instanceof DateValue;
      case ListType l -> value instanceof ListValue v && Lists.check(l, v);
      case AddressType a -> value instanceof PostalAddress;
      case RefType r -> value instanceof Ref v && refFits(r, v);
      case StructType s -> value instanceof StructValue v && Lists.checkStruct(s, v);
    };
    if (!fits) {
      throw new CanonicalException(CanonicalException.INVALID_VALUE, "expected a canonical " + type.name());
    }
    return value;
  }

  /** Null, EMPTY, blank strings, empty collections and empty maps: the one "no value". */
  static boolean isNoValue(@Nullable Object raw) {
    return switch (raw) {
      case null -> true;
      case EmptyValue e -> true;
      case CharSequence s -> TextForms.singleLine(s.toString()).isEmpty();
      case Collection<?> c -> c.isEmpty();
      case Map<?, ?> m -> m.isEmpty();
      case Object[] a -> a.length == 0;
      default -> false;
    };
  }

  private static Value text(TextType type, Object raw) {
    String s = switch (raw) {
      case TextValue v -> v.text();
      case CharSequence c -> c.toString();
      case Long l -> l.toString();
      case Integer i -> i.toString();
      case BigDecimal b -> b.toPlainString();
      default -> throw new CanonicalException(CanonicalException.INVALID_VALUE, "expected text");
    };
    String clean = switch (type.rule()) {
      case MULTI_LINE -> TextForms.multiLine(s);
      case IDENTIFIER -> TextForms.identifier(s);
      case SINGLE_LINE, PERSON_NAME, COMPANY_NAME -> TextForms.singleLine(s);
    };
    if (clean.isEmpty()) {
      return Value.EMPTY;
    }
    if (TextForms.length(clean) > type.maxLength()) {
      throw new CanonicalException(CanonicalException.TOO_LONG, "at most " + type.maxLength() + " characters");
    }
    return new TextValue(clean);
  }

  private static Value enumValue(EnumType type, Object raw) {
    String s = switch (raw) {
      case EnumValue v -> v.code();
      case CharSequence c -> c.toString();
      default -> throw new CanonicalException(CanonicalException.INVALID_ENUM_VALUE, "expected a code");
    };
    String code = TextForms.singleLine(s).toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    if (!type.codes().contains(code)) {
      throw new CanonicalException(CanonicalException.INVALID_ENUM_VALUE, "expected one of " + type.codes());
    }
    return new EnumValue(code);
  }

  private static Value bool(Object raw) {
    return switch (raw) {
      case BooleanValue v -> v;
      case Boolean b -> BooleanValue.of(b);
      case Number n when Numbers.decimal(n).signum() == 0 -> BooleanValue.FALSE;
      case Number n when Numbers.decimal(n).compareTo(BigDecimal.ONE) == 0 -> BooleanValue.TRUE;
      case CharSequence c -> switch (c.toString().strip().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "y", "1", "on" -> BooleanValue.TRUE;
        case "false", "no", "n", "0", "off" -> BooleanValue.FALSE;
        default -> throw invalidBoolean();
      };
      default -> throw invalidBoolean();
    };
  }

  private static Money money(MoneyType type, Object raw) {
    Money m = switch (raw) {
      case Money v -> v;
      case Map<?, ?> map -> {
        Object amount = map.get("amount");
        Object code = map.get("currency");
        if (amount == null || !(code instanceof CharSequence c) || map.size() != 2) {
          throw new CanonicalException(CanonicalException.INVALID_VALUE, "money is {amount, currency}");
        }
        yield new Money(Numbers.decimal(amount), Money.currency(c.toString()));
      }
      default -> throw new CanonicalException(CanonicalException.INVALID_VALUE, "money is {amount, currency}");
    };
    Numbers.requireScale(m.amount(), type.scaleFor(m.currency()));
    return m;
  }

  private static Value currency(Object raw) {
    return switch (raw) {
      case CurrencyValue v -> v;
      case Currency c -> new CurrencyValue(c);
      case CharSequence c -> CurrencyValue.of(c.toString());
      default -> throw new CanonicalException(CanonicalException.INVALID_CURRENCY, "expected an ISO 4217 code");
    };
  }

  private static Ref ref(Object raw) {
    return switch (raw) {
      case Ref r -> r;
      case Map<?, ?> map when map.get("type") instanceof CharSequence t && map.get("id") instanceof CharSequence id
          && map.size() == 2 -> new Ref(t.toString().strip(), id.toString().strip());
      default -> throw new CanonicalException(CanonicalException.INVALID_REFERENCE, "a reference is {type, id}");
    };
  }

  private static boolean refFits(RefType type, Ref ref) {
    if (!type.targets().contains(ref.type())) {
      throw new CanonicalException(CanonicalException.INVALID_REFERENCE, "may refer to " + type.targets());
    }
    return true;
  }

  private static String string(Object raw, String code) {
    if (raw instanceof CharSequence s) {
      return s.toString();
    }
    throw new CanonicalException(code, "expected text");
  }

  // Spreadsheets and some forms send phone numbers as numbers.
  private static String phoneString(Object raw) {
    return switch (raw) {
      case CharSequence s -> s.toString();
      case Long l -> l.toString();
      case Integer i -> i.toString();
      case BigDecimal b -> b.toPlainString();
      default -> throw new CanonicalException(PhoneCleaner.INVALID_PHONE, "expected a phone number");
    };
  }

  private static CanonicalException invalidBoolean() {
    return new CanonicalException(CanonicalException.INVALID_BOOLEAN, "expected true or false");
  }

  static List<Object> listOf(Object raw) {
    return switch (raw) {
      case ListValue l -> List.copyOf(l.items());
      case Collection<?> c -> List.copyOf(c.stream().map(o -> o == null ? Value.EMPTY : o).toList());
      case Object[] a -> List.of(java.util.Arrays.stream(a).map(o -> o == null ? Value.EMPTY : o).toArray());
      default -> List.of(raw);
    };
  }
}
