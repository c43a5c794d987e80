package dev.switchboard.app.canonical;

/** The value of a cleared field; every instance equals every other. Use {@link Value#EMPTY}. */
public record EmptyValue() implements Value {}
