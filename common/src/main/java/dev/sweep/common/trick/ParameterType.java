package dev.sweep.common.trick;

/** What a trick parameter's value is. */
public enum ParameterType {
    /** a real number in a closed range */
    NUMBER,
    /** a whole number in a closed range (written 3 or 3.0) */
    INTEGER,
    /** true or false */
    FLAG,
    /** one of a fixed set of words */
    CHOICE,
    /** free text, e.g. a parameter-name pattern */
    TEXT;

    /** How the README's parameter table names the type. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
